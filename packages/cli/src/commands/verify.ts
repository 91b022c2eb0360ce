import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DUMP_MEMORY_FILE, formatSummary, ticketSchemes, verifyAudit } from '@gks/audit';
import type { FdmInput, TicketScheme } from '@gks/audit';
import { stringOption, type Command, type CommandIo, type ParsedArgs } from '../command.js';

export const fdmInputOptions = {
  'fdm-dir': { type: 'string' },
  memory: { type: 'string' },
  dump: { type: 'string' },
} as const;

export const fdmInputHelp = `  --fdm-dir DIR      an FDM state directory: its memory.fdm (and fdm-cert.pem, ca-cert.pem)
  --memory FILE      an FDM memory file (memory.fdm)
  --dump PATH        an FDM dump: the card directory or its ${DUMP_MEMORY_FILE}`;

/** The FDM input named by --fdm-dir, --memory or --dump (exactly one), or why not. */
export async function fdmInputOf(args: ParsedArgs): Promise<FdmInput | string> {
  const dir = stringOption(args, 'fdm-dir');
  const memory = stringOption(args, 'memory');
  const dump = stringOption(args, 'dump');
  const given = [dir, memory, dump].filter((v) => v !== undefined);
  if (given.length !== 1) return 'give exactly one of --fdm-dir, --memory and --dump';
  if (memory !== undefined) return { memoryFile: memory };
  if (dir !== undefined) return { memoryFile: join(dir, 'memory.fdm') };
  const isDir = await stat(dump as string).then(
    (s) => s.isDirectory(),
    () => false,
  );
  return { dumpFile: isDir ? join(dump as string, DUMP_MEMORY_FILE) : (dump as string) };
}

async function readOptional(path: string | undefined): Promise<string | undefined | Error> {
  if (path === undefined) return undefined;
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    return e as Error;
  }
}

/** --previous-cert files, else the renewals archived in the FDM state directory, oldest first. */
async function previousCertificates(args: ParsedArgs, dir: string | undefined): Promise<string[] | Error> {
  const given = args.values['previous-cert'];
  let paths: string[] = Array.isArray(given) ? given.filter((p): p is string => typeof p === 'string') : [];
  if (paths.length === 0 && dir !== undefined) {
    const archive = join(dir, 'fdm-cert-previous');
    const names = await readdir(archive).catch(() => [] as string[]);
    paths = names
      .filter((n) => n.endsWith('.pem'))
      .sort()
      .map((n) => join(archive, n));
  }
  const pems: string[] = [];
  for (const path of paths) {
    const pem = await readOptional(path);
    if (pem instanceof Error) return pem;
    if (pem !== undefined) pems.push(pem);
  }
  return pems;
}

function progressBar(io: CommandIo): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (now - last < 200 && done < total) return;
    last = now;
    const share = total > 0 ? done / total : 1;
    const width = 30;
    const filled = Math.round(share * width);
    io.stderr.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ` +
        `${(done / 2 ** 20).toFixed(0)}/${(total / 2 ** 20).toFixed(0)} MiB` +
        (done >= total ? '\n' : ''),
    );
  };
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: "the auditor's verifier: prove an FDM memory or dump and a POS journal complete and untampered",
  help: `Usage: gks verify (--fdm-dir DIR | --memory FILE | --dump PATH) [--cert FILE] [--ca FILE]
                  [--journal FILE | --journal-db URL] [--ticket-scheme SCHEME]
                  [--json FILE] [--progress] [--workers N]
                  [--signature-check auto|native|node]

Checks every record of the FDM memory (or of a dump's ${DUMP_MEMORY_FILE}): the hash chain, every
signature against the FDM certificate chained to the CA, shortSignature and verificationUrl,
counters per label and in total, the FDM clock, ticket numbers and duplicate keys, references
of refunds, copies, invoices and payment corrections, Z reports against the sums of their
events, table sessions and work in/out. With --journal, also the POS journal export (its own
hash chain, gap-free ticket numbers, and every event against the FDM, both ways).
Every finding is reported; nothing stops at the first.

Options:
${fdmInputHelp}
  --cert FILE        the FDM's certificate (default: fdm-cert.pem of --fdm-dir)
  --previous-cert F  a certificate the FDM held before a renewal (same key); repeatable
                     (default: every fdm-cert-previous/*.pem of --fdm-dir)
  --ca FILE          the tax administration's CA certificate, the trust anchor
                     (default: ca-cert.pem of --fdm-dir, which proves less: it came with the FDM)
  --journal FILE     the POS journal export (JSON lines, packages/pos format)
  --journal-db URL   or the POS's PostgreSQL database itself (postgres://...), read in one
                     read-only snapshot; give a login that holds only the gks_auditor role.
                     The URL may also come from GKS_JOURNAL_DB_URL, to keep a password off
                     the command line
  --ticket-scheme S  how the POS numbers tickets: ${ticketSchemes.join(', ')} (default pos)
  --json FILE        write the full report, every finding, as JSON
  --progress         show a progress bar on stderr (default: only when stderr is a terminal)
  --workers N        worker threads for signature checks (default: one per core)
  --signature-check E  native: the built-in table-based P-256 verifier (about twice as fast);
                     node: node:crypto; auto (default): native when it was built

Example:
  gks verify --dump /media/card --cert fdm-cert.pem --ca fps-ca.pem --journal journal.jsonl --json report.json

Exit codes: 0 no errors (warnings may be listed), 1 error findings, 2 wrong arguments.
`,
  options: {
    ...fdmInputOptions,
    cert: { type: 'string' },
    'previous-cert': { type: 'string', multiple: true },
    ca: { type: 'string' },
    journal: { type: 'string' },
    'journal-db': { type: 'string' },
    'ticket-scheme': { type: 'string' },
    json: { type: 'string' },
    progress: { type: 'boolean' },
    workers: { type: 'string' },
    'signature-check': { type: 'string' },
  },
  async run(args, io) {
    const usage = (why: string) => {
      io.stderr.write(`gks verify: ${why}. Run 'gks verify --help'.\n`);
      return 2;
    };
    const fdm = await fdmInputOf(args);
    if (typeof fdm === 'string') return usage(fdm);
    const dir = stringOption(args, 'fdm-dir');
    const scheme = stringOption(args, 'ticket-scheme') ?? 'pos';
    if (!(ticketSchemes as readonly string[]).includes(scheme))
      return usage(`unknown ticket scheme '${scheme}'`);
    const workersText = stringOption(args, 'workers');
    const workers = workersText === undefined ? undefined : Number(workersText);
    if (workers !== undefined && (!Number.isInteger(workers) || workers < 0 || workers > 64)) {
      return usage('--workers must be an integer from 0 to 64');
    }
    const engine = stringOption(args, 'signature-check') ?? 'auto';
    if (engine !== 'auto' && engine !== 'native' && engine !== 'node')
      return usage(`--signature-check is auto, native or node, not '${engine}'`);
    const certPath =
      stringOption(args, 'cert') ?? (dir !== undefined ? join(dir, 'fdm-cert.pem') : undefined);
    const caPath = stringOption(args, 'ca') ?? (dir !== undefined ? join(dir, 'ca-cert.pem') : undefined);
    const cert = await readOptional(certPath);
    const ca = await readOptional(caPath);
    if (cert instanceof Error) return usage(`cannot read the certificate: ${cert.message}`);
    if (ca instanceof Error) return usage(`cannot read the CA certificate: ${ca.message}`);
    if (cert === undefined) return usage('the FDM certificate is needed: --cert FILE');
    const previous = await previousCertificates(args, dir);
    if (previous instanceof Error) return usage(`cannot read a previous certificate: ${previous.message}`);

    const stderrIsTty = (io.stderr as NodeJS.WriteStream).isTTY === true;
    const showProgress = args.values['progress'] === true || stderrIsTty;
    const journal = stringOption(args, 'journal');
    const journalDb = stringOption(args, 'journal-db') ?? process.env['GKS_JOURNAL_DB_URL'];
    if (journal !== undefined && journalDb !== undefined)
      return usage('give the journal as --journal FILE or --journal-db URL, not both');
    if (journalDb !== undefined && !/^postgres(ql)?:\/\//.test(journalDb))
      return usage('--journal-db is a postgres:// or postgresql:// URL');
    const report = await verifyAudit({
      fdm,
      fdmCertificatePem: cert,
      caCertificatePem: ca,
      previousCertificatesPem: previous,
      ticketScheme: scheme as TicketScheme,
      ...(journal !== undefined ? { journalFile: journal } : {}),
      ...(journalDb !== undefined ? { journalDatabaseUrl: journalDb } : {}),
      ...(workers !== undefined ? { workers } : {}),
      signatureEngine: engine,
      ...(showProgress ? { onProgress: progressBar(io) } : {}),
    });
    const jsonPath = stringOption(args, 'json');
    if (jsonPath !== undefined) await writeFile(jsonPath, JSON.stringify(report, null, 2) + '\n');
    io.stdout.write(formatSummary(report));
    return report.errors > 0 ? 1 : 0;
  },
};
