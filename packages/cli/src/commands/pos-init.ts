import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  demoSettings,
  demoTerminals,
  initRegister,
  openPosDatabase,
  posDatabaseLocation,
  systemClock,
  type RegisterSettings,
} from '@gks/pos';
import { stringOption, type Command } from '../command.js';

export const posInitCommand: Command = {
  name: 'pos init',
  summary: 'set up a POS register (settings, technician, terminals; --demo: a demo restaurant)',
  help: `Usage: gks pos init --dir DIR --fdm-url URL [--demo] [options]

Creates the register's database (PGlite in DIR/data, or the PostgreSQL server of DATABASE_URL),
stores its settings, creates the technician user (INSZ 00000000097, C-29) and the terminals,
and prints each terminal's token once (the UI sends it as the x-terminal-token header).

Options:
  --dir DIR              register directory (PGlite data in DIR/data)
  --fdm-url URL          the FDM's base URL, e.g. http://127.0.0.1:8301 (/graphql is appended)
  --fdm-ca FILE          CA certificate to trust for an https FDM
  --demo                 demo restaurant: the demo FDM's identities, catalog, 12 tables,
                         users Ann (waiter, PIN 1234) and Bob (manager, PIN 5678), an open shift
  --name NAME            establishment name            (required without --demo)
  --address ADDRESS      establishment address         (required without --demo)
  --vat-no BE..........  VAT number                    (required without --demo)
  --est-no ..........    establishment number          (required without --demo)
  --pos-id C.............  POS production number (C-23) (required without --demo)
  --language NL|FR|DE|EN language of the FDM's messages (default NL)
  --technician-pin PIN   4 to 8 digits (default 0000 with --demo)
  --terminal ID:NAME     a terminal; repeat for more (default T1:Bar, T2:Terrace)

Example:
  gks pos init --dir .gks/pos --fdm-url http://127.0.0.1:8301 --demo
`,
  options: {
    dir: { type: 'string' },
    'fdm-url': { type: 'string' },
    'fdm-ca': { type: 'string' },
    demo: { type: 'boolean' },
    name: { type: 'string' },
    address: { type: 'string' },
    'vat-no': { type: 'string' },
    'est-no': { type: 'string' },
    'pos-id': { type: 'string' },
    language: { type: 'string' },
    'technician-pin': { type: 'string' },
    terminal: { type: 'string', multiple: true },
  },
  async run(args, io) {
    const usage = (why: string): number => {
      io.stderr.write(`gks pos init: ${why}. Run 'gks pos init --help'.\n`);
      return 2;
    };
    const dir = stringOption(args, 'dir');
    const fdmUrl = stringOption(args, 'fdm-url');
    if (!dir) return usage('--dir is required');
    if (!fdmUrl) return usage('--fdm-url is required');
    const demo = args.values['demo'] === true;
    const caFile = stringOption(args, 'fdm-ca');
    let caPem: string | undefined;
    if (caFile) {
      try {
        caPem = await readFile(caFile, 'utf8');
      } catch (e) {
        return usage(`cannot read ${caFile}: ${(e as Error).message}`);
      }
    }
    let settings: RegisterSettings;
    if (demo) settings = demoSettings(fdmUrl, caPem);
    else {
      const missing = ['name', 'address', 'vat-no', 'est-no', 'pos-id'].filter((o) => !stringOption(args, o));
      if (missing.length > 0) return usage(`without --demo, give --${missing.join(', --')}`);
      settings = {
        establishment: {
          name: stringOption(args, 'name') ?? '',
          address: stringOption(args, 'address') ?? '',
          vatNo: stringOption(args, 'vat-no') ?? '',
          estNo: stringOption(args, 'est-no') ?? '',
        },
        posId: stringOption(args, 'pos-id') ?? '',
        language: (stringOption(args, 'language') ?? 'NL') as RegisterSettings['language'],
        fdm: { url: fdmUrl, ...(caPem ? { caPem } : {}) },
      };
    }
    const technicianPin = stringOption(args, 'technician-pin') ?? (demo ? '0000' : undefined);
    if (!technicianPin) return usage('--technician-pin is required without --demo');
    const terminalArgs = args.values['terminal'];
    const terminals = Array.isArray(terminalArgs)
      ? terminalArgs.map((value, i) => {
          const [id, name] = String(value).split(':');
          return {
            terminalId: id ?? `T${i + 1}`,
            name: name ?? id ?? `Terminal ${i + 1}`,
            deviceId: `device-${id ?? i + 1}`,
          };
        })
      : demoTerminals;
    await mkdir(dir, { recursive: true });
    const pos = await openPosDatabase(posDatabaseLocation(process.env, join(dir, 'data')));
    try {
      const report = await initRegister(pos.db, { settings, technicianPin, terminals, demo }, systemClock);
      if (!report.ok) {
        io.stderr.write(`gks pos init: ${report.error.code}: ${report.error.message}\n`);
        return 1;
      }
      io.stdout.write(`register ${settings.posId} initialised (${pos.backend})\n`);
      for (const t of report.value.terminalTokens)
        io.stdout.write(`terminal ${t.terminalId} token ${t.token}\n`);
      for (const u of report.value.users) io.stdout.write(`user ${u.alias} (${u.role}) PIN ${u.pin}\n`);
      return 0;
    } finally {
      await pos.close();
    }
  },
};
