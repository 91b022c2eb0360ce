import { userInfo } from 'node:os';
import type { EndUser } from '../policy/bridge-policy.js';
import { SqlPolicy } from '../policy/sql-policy.js';
import { RouteTable } from '../routing/route-table.js';
import { DatabaseInUseError } from '../store/sql.js';
import { runInService } from '@gks/fdm';
import type { Sql } from '../store/sql.js';
import { stringArg, type BiiCommand, type CommandArgs, type CommandIo } from './command-shape.js';
import { databaseUrlOf, openBridgeDatabase } from './data-dir.js';

const storeOptions = {
  dir: { type: 'string' },
  'database-url': { type: 'string' },
} as const;

const changeOptions = {
  ...storeOptions,
  'fdm-id': { type: 'string' },
  'vat-no': { type: 'string' },
  'est-no': { type: 'string' },
  'pos-id': { type: 'string' },
  by: { type: 'string' },
  reason: { type: 'string' },
} as const;

const storeHelp = `  --dir DIR            the bridge's data directory (default .gks/bii); while 'gks bii start'
                       runs on it, the node makes the change (through its admin endpoint on
                       127.0.0.1, token in DIR/admin.json), else this opens the database
  --database-url URL   PostgreSQL of the bridge (default: $DATABASE_URL, else PGlite in DIR/db)`;

/** What an admin command works on, in the running node or opened here. */
type PolicyWork = (
  store: { policy: SqlPolicy; routes: RouteTable },
  args: CommandArgs,
  io: CommandIo,
) => Promise<number>;

interface BiiAdminCommand extends BiiCommand {
  readonly work: PolicyWork;
}

/** Runs the admin command `name` against a node's open database (the node's admin endpoint). */
export function runBiiAdminCommand(
  sql: Sql,
  name: string,
  args: CommandArgs,
  io: CommandIo,
): Promise<number> {
  const command = biiAdminCommands.find((c) => c.name === name);
  if (!command) throw new Error(`not an admin command: ${name}`);
  return command.work({ policy: new SqlPolicy(sql), routes: new RouteTable(sql, 15_000) }, args, io);
}

async function withPolicy(
  command: string,
  args: CommandArgs,
  io: CommandIo,
  work: PolicyWork,
): Promise<number> {
  // Who made the change is the person at this command line, also when the node runs it.
  const named: CommandArgs = {
    ...args,
    values: { ...args.values, by: stringArg(args, 'by') ?? userInfo().username },
  };
  const inService = await runInService(stringArg(args, 'dir') ?? '.gks/bii', command, named, io);
  if (inService !== 'not-running') return inService;
  let sql;
  try {
    sql = await openBridgeDatabase(
      stringArg(args, 'dir') ?? '.gks/bii',
      databaseUrlOf(stringArg(args, 'database-url'), process.env),
    );
  } catch (error) {
    const text =
      error instanceof DatabaseInUseError
        ? `${error.message}, and no node answers on its admin endpoint (admin.json)`
        : `cannot open the database: ${(error as Error).message}`;
    io.stderr.write(`gks ${command}: ${text}\n`);
    return 1;
  }
  try {
    return await work({ policy: new SqlPolicy(sql), routes: new RouteTable(sql, 15_000) }, named, io);
  } finally {
    await sql.close();
  }
}

function endUserOf(args: CommandArgs): EndUser | 'partial' | undefined {
  const vatNo = stringArg(args, 'vat-no');
  const estNo = stringArg(args, 'est-no');
  const posId = stringArg(args, 'pos-id');
  if (vatNo === undefined && estNo === undefined && posId === undefined) return undefined;
  if (vatNo === undefined || estNo === undefined || posId === undefined) return 'partial';
  return { vatNo, estNo, posId };
}

function changeCommand(action: 'enable' | 'disable'): BiiAdminCommand {
  const name = `bii ${action}`;
  return {
    name,
    summary:
      action === 'enable'
        ? 'switch the bridge on for an FDM and allow a (vatNo, estNo, posId) (A-5, A-10)'
        : 'revoke a (vatNo, estNo, posId), or switch the bridge off for an FDM',
    help:
      action === 'enable'
        ? `Usage: gks bii enable --fdm-id ID --vat-no BE... --est-no N --pos-id C... [--by NAME] [--reason TEXT]
                     [--dir DIR | --database-url URL]

The bridge is off by default. Only at the operator's request, for a fully cloud-based POS
(A-5, A-12), allow that operator's POS to reach the FDM through the bridge. Without
--vat-no/--est-no/--pos-id it switches an FDM back on with the POS it already allows. Every
change is appended to a log that is never rewritten, with who made it and why.

Options:
  --fdm-id ID          the FDM (required)
  --vat-no, --est-no, --pos-id  the end user to allow (all three, or none)
  --by NAME            who makes the change (default: the login name)
  --reason TEXT        e.g. the operator's request reference
${storeHelp}

Example:
  gks bii enable --fdm-id FOD01000001 --vat-no BE0000000097 --est-no 2000000042 \\
                 --pos-id CPOS0031234567 --reason "request 2025-118, cloud POS"
`
        : `Usage: gks bii disable --fdm-id ID [--vat-no BE... --est-no N --pos-id C...] [--by NAME] [--reason TEXT]
                      [--dir DIR | --database-url URL]

With an end user: that (vatNo, estNo, posId) may no longer use the bridge for the FDM
(FDM_BII_NOT_ALLOWED). Without: the bridge is switched off for the FDM (FDM_NOT_OPERATIONAL);
'gks bii enable --fdm-id ID' switches it back on. Logged like every change.

Options:
  --fdm-id ID          the FDM (required)
  --vat-no, --est-no, --pos-id  the end user to revoke (all three, or none)
  --by NAME            who makes the change (default: the login name)
  --reason TEXT        why
${storeHelp}
`,
    options: changeOptions,
    run(args, io) {
      const usage = usageProblem(args);
      if (usage !== undefined) {
        io.stderr.write(`gks ${name}: ${usage}\n`);
        return Promise.resolve(2);
      }
      return withPolicy(name, args, io, work);
    },
    work,
  };

  async function work({ policy }: { policy: SqlPolicy }, args: CommandArgs, io: CommandIo): Promise<number> {
    const usage = usageProblem(args);
    const fdmId = stringArg(args, 'fdm-id');
    const endUser = endUserOf(args);
    if (usage !== undefined || fdmId === undefined || endUser === 'partial') {
      io.stderr.write(`gks ${name}: ${usage ?? 'bad options'}\n`);
      return 2;
    }
    const change = {
      fdmId,
      ...(endUser ? { endUser } : {}),
      actor: stringArg(args, 'by') ?? userInfo().username,
      reason: stringArg(args, 'reason') ?? '',
      at: new Date(),
    };
    const done = action === 'enable' ? await policy.enable(change) : await policy.disable(change);
    if (!done.ok) {
      io.stderr.write(`gks ${name}: ${done.error}\n`);
      return 1;
    }
    io.stdout.write(
      `${action}d ${fdmId}${endUser ? ` for ${endUser.vatNo} / ${endUser.estNo} / ${endUser.posId}` : ''}\n`,
    );
    return 0;
  }

  function usageProblem(args: CommandArgs): string | undefined {
    if (stringArg(args, 'fdm-id') === undefined) return `missing --fdm-id. Run 'gks ${name} --help'.`;
    if (endUserOf(args) === 'partial') return '--vat-no, --est-no and --pos-id go together';
    return undefined;
  }
}

export const biiEnableCommand = changeCommand('enable');
export const biiDisableCommand = changeCommand('disable');

export const biiStatusCommand: BiiAdminCommand = {
  name: 'bii status',
  summary: "show the bridge's policy, attached FDMs and the change log",
  help: `Usage: gks bii status [--fdm-id ID] [--json] [--dir DIR | --database-url URL]

Lists every FDM the bridge knows: on or off, the (vatNo, estNo, posId) allowed, which node holds
its uplink, then the log of policy changes (who, when, what, why).

Options:
  --fdm-id ID          only this FDM's change log
  --json               machine-readable output
${storeHelp}
`,
  options: { ...storeOptions, 'fdm-id': { type: 'string' }, json: { type: 'boolean' } },
  run(args, io) {
    return withPolicy('bii status', args, io, statusWork);
  },
  work: statusWork,
};

async function statusWork(
  { policy, routes }: { policy: SqlPolicy; routes: RouteTable },
  args: CommandArgs,
  io: CommandIo,
): Promise<number> {
  const fdms = await policy.list();
  const attachments = await routes.attachments(new Date());
  const history = await policy.history(stringArg(args, 'fdm-id'));
  if (args.values['json'] === true) {
    io.stdout.write(JSON.stringify({ fdms, attachments, history }, null, 2) + '\n');
    return 0;
  }
  if (fdms.length === 0) io.stdout.write('no FDM uses the bridge (off by default)\n');
  for (const fdm of fdms) {
    const link = attachments.find((a) => a.fdmId === fdm.fdmId && a.nodeLive);
    io.stdout.write(
      `${fdm.fdmId} ${fdm.enabled ? 'on' : 'off'} since ${fdm.changedAt.toISOString()}, ` +
        `uplink ${link ? `on node ${link.nodeId} since ${link.attachedAt.toISOString()}` : 'not connected'}\n`,
    );
    for (const a of fdm.allowed) io.stdout.write(`  allows ${a.vatNo} / ${a.estNo} / ${a.posId}\n`);
  }
  io.stdout.write('changes:\n');
  for (const change of history) {
    io.stdout.write(
      `  #${change.seq} ${change.at.toISOString()} ${change.actor} ${change.action} ${change.fdmId}` +
        (change.endUser
          ? ` ${change.endUser.vatNo} / ${change.endUser.estNo} / ${change.endUser.posId}`
          : '') +
        (change.reason ? ` (${change.reason})` : '') +
        '\n',
    );
  }
  return 0;
}

/** The commands a running node runs for the CLI (its admin endpoint). */
export const biiAdminCommands: readonly BiiAdminCommand[] = [
  biiEnableCommand,
  biiDisableCommand,
  biiStatusCommand,
];
