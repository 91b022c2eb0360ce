import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import {
  exportJournalText,
  openPosDatabase,
  posDatabaseLocation,
  systemClock,
  technicianUserId,
} from '@gks/pos';
import { stringOption, type Command } from '../command.js';

export const posJournalExportCommand: Command = {
  name: 'pos journal export',
  summary: 'write the electronic journal (C-41) text-readable, one JSON object per line',
  help: `Usage: gks pos journal export --dir DIR --out FILE

Writes every journal entry (events and non-events, with the exact FDM messages and the hash
chain) as JSON Lines, oldest first, and journals the export itself.

Options:
  --dir DIR    register directory (or DATABASE_URL)
  --out FILE   where to write ('-' for stdout)
`,
  options: { dir: { type: 'string' }, out: { type: 'string' } },
  async run(args, io) {
    const dir = stringOption(args, 'dir');
    const out = stringOption(args, 'out');
    if (!dir || !out) {
      io.stderr.write(
        `gks pos journal export: --dir and --out are required. Run 'gks pos journal export --help'.\n`,
      );
      return 2;
    }
    const pos = await openPosDatabase(posDatabaseLocation(process.env, join(dir, 'data')));
    try {
      const stream = out === '-' ? (io.stdout as Writable) : createWriteStream(out);
      const summary = await exportJournalText(pos.db, stream, {
        journalAs: { clock: systemClock, terminalId: null, userId: technicianUserId },
      });
      if (out !== '-')
        await new Promise<void>((resolve, reject) =>
          stream.end((e?: Error | null) => (e ? reject(e) : resolve())),
        );
      if (!summary.ok) {
        io.stderr.write(`gks pos journal export: ${summary.error.code}\n`);
        return 1;
      }
      io.stderr.write(`gks pos journal export: ${summary.value.entries} entries\n`);
      return 0;
    } finally {
      await pos.close();
    }
  },
};
