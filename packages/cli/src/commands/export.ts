import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import {
  checkPeriod,
  exportEvents,
  intersect,
  invoiceLedger,
  parseFdmDer,
  writeInvoiceLedger,
} from '@gks/audit';
import type { Finding, Period } from '@gks/audit';
import { stringOption, type Command, type CommandIo, type ParsedArgs } from '../command.js';
import { fdmInputHelp, fdmInputOf, fdmInputOptions } from './verify.js';

const periodOptions = {
  from: { type: 'string' },
  to: { type: 'string' },
  period: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
} as const;

const periodHelp = `  --from YYYY-MM-DD  first Belgian day to include
  --to YYYY-MM-DD    last Belgian day to include
  --period FDM.DER   a period file as the FDM reads it (FROM=... / TO=...); with --from/--to
                     both apply, as on the FDM
  --format F         csv (default) or json
  --out FILE         write here instead of stdout`;

async function periodOf(args: ParsedArgs): Promise<Period | string> {
  const from = stringOption(args, 'from');
  const to = stringOption(args, 'to');
  const options = checkPeriod({
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
  });
  if (!options.ok) return options.error;
  const file = stringOption(args, 'period');
  if (file === undefined) return options.value;
  let text: string;
  try {
    text = await readFile(file, 'latin1');
  } catch (e) {
    return `cannot read ${file}: ${(e as Error).message}`;
  }
  const der = parseFdmDer(text);
  return der.ok ? intersect(der.value, options.value) : der.error;
}

async function prepare(args: ParsedArgs, io: CommandIo, name: string) {
  const usage = (why: string) => {
    io.stderr.write(`gks ${name}: ${why}. Run 'gks ${name} --help'.\n`);
    return 2;
  };
  const fdm = await fdmInputOf(args);
  if (typeof fdm === 'string') return usage(fdm);
  const period = await periodOf(args);
  if (typeof period === 'string') return usage(period);
  const format = stringOption(args, 'format') ?? 'csv';
  if (format !== 'csv' && format !== 'json') return usage(`unknown format '${format}'`);
  const path = stringOption(args, 'out');
  const out: Writable = path === undefined ? (io.stdout as Writable) : createWriteStream(path);
  const problems: Finding[] = [];
  const finish = async () => {
    if (path !== undefined)
      await new Promise<void>((resolve, reject) =>
        out.end((e?: Error | null) => (e ? reject(e) : resolve())),
      );
    for (const p of problems) io.stderr.write(`gks ${name}: ${p.code}: ${p.explanation}\n`);
    return problems.some((p) => p.severity === 'error') ? 1 : 0;
  };
  return {
    fdm,
    period,
    format: format as 'csv' | 'json',
    out,
    onFinding: (f: Finding) => problems.push(f),
    finish,
  };
}

export const exportEventsCommand: Command = {
  name: 'export events',
  summary: 'export the FDM events of a period as CSV or JSON',
  help: `Usage: gks export events (--fdm-dir DIR | --memory FILE | --dump PATH) [--from D] [--to D]
                         [--period FDM.DER] [--format csv|json] [--out FILE]

Writes the events whose FDM time falls in the period (Belgian calendar days, both inclusive,
selected as the FDM selects a dump with FDM.DER): CSV with one row per event (amounts in euro
with a decimal point, VAT per label), or a JSON array with every signed field and the data.
Exports do not verify: run 'gks verify' on the same input.

Options:
${fdmInputHelp}
${periodHelp}

Example:
  gks export events --dump /media/card --from 2025-01-01 --to 2025-01-31 --out january.csv

Exit codes: 0 written, 1 the input could not be read, 2 wrong arguments.
`,
  options: { ...fdmInputOptions, ...periodOptions },
  async run(args, io) {
    const p = await prepare(args, io, 'export events');
    if (typeof p === 'number') return p;
    await exportEvents(p.fdm, p.period, p.format, p.out, p.onFinding);
    return p.finish();
  },
};

export const exportInvoicesCommand: Command = {
  name: 'export invoices',
  summary: 'export the outgoing-invoices sub-ledger (C-45ter) of a period',
  help: `Usage: gks export invoices (--fdm-dir DIR | --memory FILE | --dump PATH) [--from D] [--to D]
                           [--period FDM.DER] [--format csv|json] [--out FILE]

The outgoing-invoices sub-ledger (C-45ter): every invoice (I event, training excluded) of the
period with its invoice number, customer VAT number, the N events it covers and their amounts
(total and per VAT label). References to sales the input does not hold are listed as missing.

Options:
${fdmInputHelp}
${periodHelp}

Example:
  gks export invoices --fdm-dir .gks/fdm --period FDM.DER --out invoices.csv

Exit codes: 0 written, 1 the input could not be read, 2 wrong arguments.
`,
  options: { ...fdmInputOptions, ...periodOptions },
  async run(args, io) {
    const p = await prepare(args, io, 'export invoices');
    if (typeof p === 'number') return p;
    const entries = await invoiceLedger(p.fdm, p.period, p.onFinding);
    await writeInvoiceLedger(entries, p.format, p.out);
    return p.finish();
  },
};
