import { idCheckers, isIdKind, type IdKind } from '@gks/core';
import type { Command } from '../command.js';

/** One valid value per kind, for the help text (the test checks that each really is valid). */
export const idExamples: Readonly<Record<IdKind, string>> = {
  'vat-no': 'BE0308357159',
  'est-no': '2000000042',
  'pos-id': 'CPOS0031234567',
  'pos-production-no': 'BODO001B827EB1',
  'fdm-id': 'FOD01000001',
  'fdm-production-no': 'BMC01000042_v2.1',
  'employee-id': '80113078968',
  'booking-period-id': '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
  'booking-date': '2026-07-29',
  'pos-date-time': '2026-07-29T13:00:00.000+02:00',
  'fdm-date-time': '2026-07-29T11:00:00Z',
};

const kinds = Object.keys(idCheckers) as IdKind[];
const width = Math.max(...kinds.map((k) => k.length));
const kindList = kinds.map((k) => `  ${k.padEnd(width)}  ${idExamples[k]}`).join('\n');

export const checkIdCommand: Command = {
  name: 'check-id',
  summary: 'check a VAT number, posId, fdmId, INSZ, GUID or date-time the way the FDM does',
  help: `Usage: gks check-id <kind> <value>

Checks one value against the format and checksum rules of the FDM 2.0 API and the circular.
Prints "valid", or "invalid: <reason>". Values are never trimmed or case-folded: surrounding
whitespace is refused. Quote values for the shell; put -- before a value that starts with '-'.

Kinds, with a valid example each:
${kindList}

Example:
  gks check-id vat-no BE0308357159        valid
  gks check-id pos-date-time 2026-07-29T13:00:00+01:00
                                           invalid: the offset +01:00 is wrong for ...

Exit codes: 0 valid, 1 invalid, 2 unknown kind or wrong arguments.
`,
  options: {},
  allowPositionals: true,
  async run(args, io) {
    const [kind, value, ...extra] = args.positionals;
    if (kind === undefined || value === undefined || extra.length > 0) {
      io.stderr.write(`gks check-id: expected <kind> <value>, got ${args.positionals.length} argument(s).
Run 'gks check-id --help'.\n`);
      return 2;
    }
    if (!isIdKind(kind)) {
      io.stderr.write(`gks check-id: unknown kind '${kind}'. Kinds:\n${kindList}\n`);
      return 2;
    }
    const result = idCheckers[kind](value);
    io.stdout.write(result.ok ? 'valid\n' : `invalid: ${result.error.reason}\n`);
    return result.ok ? 0 : 1;
  },
};
