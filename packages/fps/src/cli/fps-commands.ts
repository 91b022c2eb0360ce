import { runInService, untilSignal, type CommandArgs, type FdmCommand } from '@gks/fdm';
import { DataDirInUseError } from '@gks/db';
import type { Kysely } from 'kysely';
import type { FpsSchema } from '../db/schema.js';
import {
  issueActivationCode,
  registerFdm,
  registerOperator,
  registerPos,
  type Clock,
} from '../registry/registrations.js';
import { revokeFdm } from '../revocation/fdm-revocations.js';
import { initFps, openFps } from '../service/fps-service.js';
import { startFpsService, type FpsAdminWork } from '../service/fps-runtime.js';
import { setVatRates } from '../vat/vat-rate-tables.js';

/** The shape of a `gks` command, shared with the other server packages (see @gks/fdm). */
export type FpsCommand = FdmCommand;
type Args = CommandArgs;

const string = (args: Args, name: string): string | undefined => {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
};
const list = (args: Args, name: string): string[] =>
  (string(args, name) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

const defaultFpsPort = 8443;
const by = (): string => `cli:${process.env['USER'] ?? 'unknown'}`;

/** What an admin command works on: the service's database, in the service or opened by the CLI. */
export interface FpsAdminContext {
  readonly db: Kysely<FpsSchema>;
  readonly clock: Clock;
}

type AdminWork = FpsAdminWork;

/**
 * An admin command: run inside the running service when one answers on DIR's admin endpoint
 * (the service holds an embedded database open), else against the database opened here.
 */
interface FpsAdminCommand extends FpsCommand {
  readonly work: AdminWork;
}

function adminCommand(spec: Omit<FpsCommand, 'run'> & { readonly work: AdminWork }): FpsAdminCommand {
  const name = spec.name;
  return {
    ...spec,
    options: { ...spec.options, dir: { type: 'string' }, by: { type: 'string' } },
    async run(args, io) {
      const dir = string(args, 'dir');
      if (!dir) {
        io.stderr.write(`gks ${name}: missing --dir. Run 'gks ${name} --help'.\n`);
        return 2;
      }
      // Who made the change is the person at this command line, also when the service runs it.
      const named: Args = { ...args, values: { ...args.values, by: string(args, 'by') ?? by() } };
      const inService = await runInService(dir, name, named, io);
      if (inService !== 'not-running') return inService;
      let opened;
      try {
        opened = await openFps(dir);
      } catch (error) {
        if (error instanceof DataDirInUseError) {
          io.stderr.write(
            `gks ${name}: ${error.message}, and no service answers on its admin endpoint (${dir}/admin.json)\n`,
          );
          return 1;
        }
        throw error;
      }
      if (!opened.ok) {
        io.stderr.write(`gks ${name}: ${opened.error.reason}\n`);
        return 1;
      }
      try {
        return await spec.work({ db: opened.value.database.db, clock: systemClock }, named, io);
      } finally {
        await opened.value.close();
      }
    },
  };
}

const systemClock: Clock = { now: () => new Date() };
const byOf = (args: Args): string => string(args, 'by') ?? by();

const problemText = (p: { field?: string; reason: string }): string =>
  p.field ? `${p.field}: ${p.reason}` : p.reason;

const adminNote = `
While 'gks fps start --dir DIR' runs, the service does it (through its admin endpoint on
127.0.0.1, token in DIR/admin.json); otherwise this opens DIR's database itself.
--by NAME records who made the change (default cli:$USER).
`;

export const fpsInitCommand: FpsCommand = {
  name: 'fps init',
  summary: "create the tax administration's service data directory (CA, TLS, auditor login, database)",
  help: `Usage: gks fps init --dir DIR [--public-url URL] [--hostname NAME,...]

Creates DIR: the certificate authority (key mode 0600 in DIR/ca, never in the repository), the
service's TLS certificate for localhost, 127.0.0.1 and the given names, the auditor's login
(the password is printed once; only its hash is kept) and the database (embedded PGlite in
DIR/db, or the PostgreSQL server of DATABASE_URL). Refuses a directory that already holds one.

Options:
  --dir DIR          data directory (required)
  --public-url URL   where FDMs and ticket QR codes reach the service (default https://localhost:${defaultFpsPort})
  --hostname NAMES   extra DNS names on the TLS certificate, comma-separated

Exit codes: 0 created, 1 refused, 2 usage.
`,
  options: { dir: { type: 'string' }, 'public-url': { type: 'string' }, hostname: { type: 'string' } },
  async run(args, io) {
    const dir = string(args, 'dir');
    if (!dir) {
      io.stderr.write("gks fps init: missing --dir. Run 'gks fps init --help'.\n");
      return 2;
    }
    const publicBaseUrl = string(args, 'public-url');
    const created = await initFps(dir, {
      ...(publicBaseUrl ? { publicBaseUrl } : {}),
      hostnames: list(args, 'hostname'),
    });
    if (!created.ok) {
      io.stderr.write(`gks fps init: ${created.error.reason}\n`);
      return 1;
    }
    io.stdout.write(
      `FPS created in ${dir}\nCA certificate: ${created.value.caCertificatePath}\n` +
        `auditor login: ${created.value.auditorUser} / ${created.value.auditorPassword}  (shown once)\n`,
    );
    return 0;
  },
};

export const fpsStartCommand: FpsCommand = {
  name: 'fps start',
  summary: "serve the tax administration's service over HTTPS until stopped",
  help: `Usage: gks fps start --dir DIR [--port ${defaultFpsPort}] [--host 127.0.0.1] [--fdm-cert-days DAYS]

Serves, over HTTPS with DIR's certificate:
  /verify/<fdmId>/<totalCounter>/<shortSignature>   ticket verification (HTML; JSON with Accept: application/json), public, rate-limited per IP
  /crl                                              the CRL of revoked FDM certificates (DER, signed by the CA), public
  /fdm/activation/parameters, /fdm/activate, /fdm/server-certificate   FDM initialisation with a one-time code
  /fdm/parameters, /fdm/events, /fdm/certificate/renew   for FDMs, mutual TLS with the FDM certificate
  /audit/events, /audit/bridge                      auditor login (HTTP Basic), read-only
and, on 127.0.0.1 only, an admin endpoint whose address and token it writes to DIR/admin.json
(mode 0600): register-*, revoke-fdm and set-vat-rates use it while the service runs.
Prints its address and the CA certificate path, then runs until SIGINT or SIGTERM.

Options:
  --dir DIR             data directory made by 'gks fps init' (required)
  --port PORT           port (default ${defaultFpsPort}; 0 picks a free one)
  --host HOST           address to listen on (default 127.0.0.1)
  --fdm-cert-days DAYS  lifetime of the FDM certificates issued at activation and renewal (default 1825)

Exit codes: 0 stopped by a signal, 1 could not start, 2 usage.
`,
  options: {
    dir: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'fdm-cert-days': { type: 'string' },
  },
  async run(args, io) {
    const dir = string(args, 'dir');
    if (!dir) {
      io.stderr.write("gks fps start: missing --dir. Run 'gks fps start --help'.\n");
      return 2;
    }
    const portText = string(args, 'port') ?? String(defaultFpsPort);
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
      io.stderr.write(`gks fps start: --port must be 0..65535, got '${portText}'\n`);
      return 2;
    }
    const daysText = string(args, 'fdm-cert-days') ?? '1825';
    if (!/^[1-9][0-9]{0,4}$/.test(daysText)) {
      io.stderr.write(`gks fps start: --fdm-cert-days must be 1..99999, got '${daysText}'\n`);
      return 2;
    }
    const started = await startFpsService(dir, {
      host: string(args, 'host') ?? '127.0.0.1',
      port: Number(portText),
      fdmCertificateDays: Number(daysText),
      commands: fpsAdminCommands,
    });
    if (!started.ok) {
      io.stderr.write(`gks fps start: ${started.error.reason}\n`);
      return 1;
    }
    const service = started.value;
    io.stdout.write(
      `FPS listening on ${service.url}\nverification: ${service.publicBaseUrl.replace(/\/+$/, '')}/verify/<fdmId>/<totalCounter>/<shortSignature>\n` +
        `CA certificate: ${service.caCertificatePath}\nadmin endpoint: ${service.adminUrl} (token in ${dir}/admin.json)\n`,
    );
    await untilSignal();
    await service.stop();
    return 0;
  },
};

export const fpsRegisterOperatorCommand = adminCommand({
  name: 'fps register-operator',
  summary: 'register an operator (VAT number, name, establishment numbers) or a change of it',
  help: `Usage: gks fps register-operator --dir DIR --vat-no BE0123456789 --name NAME --est-no 2000000042[,...] [--by NAME]

Appends a registration; an earlier one stays in the history. Numbers are checked (check digits).
${adminNote}`,
  options: {
    'vat-no': { type: 'string' },
    name: { type: 'string' },
    'est-no': { type: 'string' },
  },
  async work(fps, args, io) {
    const r = await registerOperator(
      fps.db,
      {
        vatNo: string(args, 'vat-no'),
        name: string(args, 'name'),
        estNos: list(args, 'est-no'),
        by: byOf(args),
      },
      fps.clock,
    );
    if (!r.ok) {
      io.stderr.write(`gks fps register-operator: ${problemText(r.error)}\n`);
      return 1;
    }
    io.stdout.write(`operator ${r.value.vatNo} registered with ${r.value.estNos.join(', ')}\n`);
    return 0;
  },
});

export const fpsRegisterPosCommand = adminCommand({
  name: 'fps register-pos',
  summary: 'register a POS production number, its producer and to whom it was delivered (C-13/14)',
  help: `Usage: gks fps register-pos --dir DIR --production-no BXXXCCCPPPPPPP --producer NAME
                        [--pos-id CXXX...] [--delivered-to BE0123456789] [--by NAME]

Appends a registration (a later delivery is a new row). --delivered-to must be a registered operator.
${adminNote}`,
  options: {
    'production-no': { type: 'string' },
    producer: { type: 'string' },
    'pos-id': { type: 'string' },
    'delivered-to': { type: 'string' },
  },
  async work(fps, args, io) {
    const r = await registerPos(
      fps.db,
      {
        productionNo: string(args, 'production-no'),
        producer: string(args, 'producer'),
        posId: string(args, 'pos-id'),
        deliveredToVatNo: string(args, 'delivered-to'),
        by: byOf(args),
      },
      fps.clock,
    );
    if (!r.ok) {
      io.stderr.write(`gks fps register-pos: ${problemText(r.error)}\n`);
      return 1;
    }
    io.stdout.write(
      `POS ${r.value.productionNo} registered${r.value.deliveredToVatNo ? `, delivered to ${r.value.deliveredToVatNo}` : ''}\n`,
    );
    return 0;
  },
});

export const fpsRegisterFdmCommand = adminCommand({
  name: 'fps register-fdm',
  summary:
    'register an FDM, its owner, allowed POS and bridge use (C-58, A-5); prints a one-time activation code',
  help: `Usage: gks fps register-fdm --dir DIR --fdm-id ABC01000001 --owner BE0123456789 --est-no 2000000042
                        [--pos-id CPOS0031234567,...] [--bii --bii-reason TEXT] [--by NAME]

Appends a registration and prints a one-time activation code (valid 72 hours) for initialising
the FDM against this service. The bridge (BII) stays off unless --bii is given with the
operator's reason (A-5: only at the operator's request, for a fully cloud-based POS).
${adminNote}`,
  options: {
    'fdm-id': { type: 'string' },
    owner: { type: 'string' },
    'est-no': { type: 'string' },
    'pos-id': { type: 'string' },
    bii: { type: 'boolean' },
    'bii-reason': { type: 'string' },
  },
  async work(fps, args, io) {
    const r = await registerFdm(
      fps.db,
      {
        fdmId: string(args, 'fdm-id'),
        ownerVatNo: string(args, 'owner'),
        estNo: string(args, 'est-no'),
        allowedPosIds: list(args, 'pos-id'),
        biiEnabled: args.values['bii'] === true,
        biiReason: string(args, 'bii-reason'),
        by: byOf(args),
      },
      fps.clock,
    );
    if (!r.ok) {
      io.stderr.write(`gks fps register-fdm: ${problemText(r.error)}\n`);
      return 1;
    }
    const code = await issueActivationCode(fps.db, r.value.fdmId, fps.clock);
    if (!code.ok) {
      io.stderr.write(`gks fps register-fdm: ${problemText(code.error)}\n`);
      return 1;
    }
    io.stdout.write(
      `FDM ${r.value.fdmId} registered to ${r.value.ownerVatNo} / ${r.value.estNo}, bridge ${r.value.biiEnabled ? 'on' : 'off'}\n` +
        `activation code: ${code.value.code} (once, until ${code.value.expiresAt.toISOString()})\n`,
    );
    return 0;
  },
});

export const fpsRevokeFdmCommand = adminCommand({
  name: 'fps revoke-fdm',
  summary: "revoke an FDM's certificates: uploads, renewals and the bridge refuse it from then on",
  help: `Usage: gks fps revoke-fdm --dir DIR --fdm-id ABC01000001 --reason TEXT [--by NAME]

Records the revocation (once; the record is never changed). From then on the FPS refuses the
FDM's uploads, parameter refreshes, certificate renewals and activation, and every certificate
issued to it is listed in the CRL at /crl, which bridges fetch to refuse its uplink.
${adminNote}`,
  options: { 'fdm-id': { type: 'string' }, reason: { type: 'string' } },
  async work(fps, args, io) {
    const r = await revokeFdm(
      fps.db,
      { fdmId: string(args, 'fdm-id'), reason: string(args, 'reason'), by: byOf(args) },
      fps.clock,
    );
    if (!r.ok) {
      io.stderr.write(`gks fps revoke-fdm: ${problemText(r.error)}\n`);
      return 1;
    }
    io.stdout.write(
      `FDM ${r.value.fdmId} revoked at ${r.value.revokedAt.toISOString()}: ${r.value.reason}\n`,
    );
    return 0;
  },
});

export const fpsSetVatRatesCommand = adminCommand({
  name: 'fps set-vat-rates',
  summary: 'set the VAT rates of labels A to D from a date on (served to every FDM in its parameters)',
  help: `Usage: gks fps set-vat-rates --dir DIR --from YYYY-MM-DD A=21 B=12 C=6 D=0 [--by NAME]

Appends a dated VAT-rate table: from that Belgian calendar day on, FDMs compute vatCalc with
these rates (they learn the table at their next parameter refresh, and switch on the day by their
own clock). All four labels, each a percentage 0 to 100 with at most two decimals; the date is
today or later (a rate never changes for tickets already signed). A second table for the same day
replaces the first; both stay in the history. X (out of scope) stays 0.
${adminNote}`,
  allowPositionals: true,
  options: { from: { type: 'string' } },
  async work(fps, args, io) {
    const rates: Record<string, string> = {};
    for (const item of args.positionals) {
      const m = /^([A-Za-z]+)=(.*)$/.exec(item);
      if (!m?.[1] || m[2] === undefined) {
        io.stderr.write(`gks fps set-vat-rates: '${item}' is not LABEL=RATE (e.g. A=21)\n`);
        return 2;
      }
      if (m[1] in rates) {
        io.stderr.write(`gks fps set-vat-rates: ${m[1]} is given twice\n`);
        return 2;
      }
      rates[m[1]] = m[2];
    }
    const r = await setVatRates(fps.db, { from: string(args, 'from'), rates, by: byOf(args) }, fps.clock);
    if (!r.ok) {
      io.stderr.write(`gks fps set-vat-rates: ${problemText(r.error)}\n`);
      return 1;
    }
    io.stdout.write(
      `VAT rates from ${r.value.from}: ${r.value.rates
        .filter((x) => !x.outOfScope)
        .map((x) => `${x.label}=${x.ratePercent}`)
        .join(' ')}\n`,
    );
    return 0;
  },
});

/** The commands the running service runs for the CLI (see startFpsService). */
export const fpsAdminCommands: ReadonlyMap<string, AdminWork> = new Map(
  [
    fpsRegisterOperatorCommand,
    fpsRegisterPosCommand,
    fpsRegisterFdmCommand,
    fpsRevokeFdmCommand,
    fpsSetVatRatesCommand,
  ].map((c) => [c.name, c.work]),
);

export const fpsCommands: readonly FpsCommand[] = [
  fpsInitCommand,
  fpsStartCommand,
  fpsRegisterOperatorCommand,
  fpsRegisterPosCommand,
  fpsRegisterFdmCommand,
  fpsRevokeFdmCommand,
  fpsSetVatRatesCommand,
];
