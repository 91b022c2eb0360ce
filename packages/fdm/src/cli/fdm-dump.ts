import { writeDump } from '../dump/write-dump.js';
import { EventMemory } from '../memory/event-memory.js';
import { loadFdmState } from '../state/fdm-state.js';
import { stringArg, type FdmCommand } from './command-shape.js';

export const fdmDumpCommand: FdmCommand = {
  name: 'fdm dump',
  summary: 'write the FDM report files (FDMserl.txt, FDMmem.log, FDMerror.log) for the administration',
  help: `Usage: gks fdm dump --dir DIR --out OUT [--from YYYY-MM-DD] [--to YYYY-MM-DD]

Writes what a real FDM writes onto a card in its administration port (C-74, C-75) into OUT:
  FDMserl.txt   production number, status OK/ERROR, last POS, RTC timestamp, the dumps made
  FDMmem.log    every stored event with its control data, one per line
  FDMerror.log  every error the FDM answered
If OUT already holds a file FDM.DER naming a period, only that period is written; --from and
--to (Belgian dates, inclusive) restrict it further. Every dump is itself recorded in the FDM.
It only reads the memory, so it may run beside a running FDM, which keeps signing meanwhile.

Options:
  --dir DIR          state directory (required)
  --out OUT          output directory, created when missing (required)
  --from YYYY-MM-DD  first day to include
  --to YYYY-MM-DD    last day to include

Example:
  gks fdm dump --dir .gks/fdm --out /media/card --from 2026-01-01 --to 2026-01-31

Exit codes: 0 written, 1 refused or failed (reason on stderr), 2 wrong arguments.
`,
  options: {
    dir: { type: 'string' },
    out: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
  },
  async run(args, io) {
    const dir = stringArg(args, 'dir');
    const outDir = stringArg(args, 'out');
    if (dir === undefined || outDir === undefined) {
      io.stderr.write("gks fdm dump: --dir and --out are required. Run 'gks fdm dump --help'.\n");
      return 2;
    }
    const loaded = await loadFdmState(dir);
    if (!loaded.ok) {
      io.stderr.write(`gks fdm dump: ${loaded.error.reason}\n`);
      return 1;
    }
    const state = loaded.value;
    const { memory } = await EventMemory.open(state.paths.memory, {
      capacityBytes: state.config.capacityBytes,
      publicKey: state.signer.publicKey,
    });
    try {
      const from = stringArg(args, 'from');
      const to = stringArg(args, 'to');
      const result = await writeDump({
        state,
        memory,
        outDir,
        now: new Date(),
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
      });
      if (!result.ok) {
        io.stderr.write(`gks fdm dump: ${result.error.reason}\n`);
        return 1;
      }
      const s = result.value;
      io.stdout.write(
        `dump ${s.dumpNo} (${s.status}) written to ${s.outDir}: ${s.events} events, ${s.errors} errors, ` +
          `period ${s.period.from ?? 'first event'} .. ${s.period.to ?? 'last event'}\n  ${s.files.join('\n  ')}\n`,
      );
      return s.status === 'OK' ? 0 : 1;
    } finally {
      await memory.close();
    }
  },
};
