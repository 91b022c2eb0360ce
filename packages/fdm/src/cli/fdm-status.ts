import { eventLabelValues } from '@gks/core';
import { EventMemory } from '../memory/event-memory.js';
import { loadFdmState } from '../state/fdm-state.js';
import { stringArg, type FdmCommand } from './command-shape.js';

export const fdmStatusCommand: FdmCommand = {
  name: 'fdm status',
  summary: "an FDM's identity, counters, memory verification and buffer use",
  help: `Usage: gks fdm status --dir DIR [--verify-all]

Reads the FDM of DIR and verifies its event memory: record framing and checksums, the hash
chain, counters, and the last record's signature (which covers the whole chain through the
previous hashes). Prints the identity, the per-label and total counters and the buffer use.
It only reads, so it may run beside a running FDM (which answers the same through 'status').

Options:
  --dir DIR       state directory (required)
  --verify-all    also verify every record's checksum, content and signature (slower)

Exit codes: 0 memory intact, 1 memory damaged or state unreadable, 2 wrong arguments.
`,
  options: { dir: { type: 'string' }, 'verify-all': { type: 'boolean' } },
  async run(args, io) {
    const dir = stringArg(args, 'dir');
    if (dir === undefined) {
      io.stderr.write("gks fdm status: missing --dir. Run 'gks fdm status --help'.\n");
      return 2;
    }
    const loaded = await loadFdmState(dir);
    if (!loaded.ok) {
      io.stderr.write(`gks fdm status: ${loaded.error.reason}\n`);
      return 1;
    }
    const { config, signer, paths } = loaded.value;
    const { memory, report } = await EventMemory.open(paths.memory, {
      capacityBytes: config.capacityBytes,
      publicKey: signer.publicKey,
      verifySignatures: args.values['verify-all'] === true ? 'all' : 'last',
    });
    try {
      const used = (memory.sizeBytes / config.capacityBytes) * 100;
      const counters = eventLabelValues
        .map((label) => `${label} ${memory.lastEventCounter(label)}`)
        .join(', ');
      io.stdout.write(
        [
          `fdmId            ${config.fdmId}`,
          `production no    ${config.productionNo}`,
          `registered to    ${config.vatNo} / ${config.estNo}`,
          `allowed POS      ${config.allowedPosIds.join(', ')}`,
          `software         ${config.fdmSwVersion}`,
          `events           ${memory.count} (per label: ${counters})`,
          `buffer used      ${used.toFixed(2)} % of ${(config.capacityBytes / 1024 ** 2).toFixed(0)} MiB`,
          `memory           ${
            report.damage
              ? `DAMAGED at record ${report.damage.recordIndex}, offset ${report.damage.offset}: ${report.damage.reason}`
              : `verified (${args.values['verify-all'] === true ? 'every signature' : 'chain and last signature'})`
          }` +
            (report.discardedTornBytes > 0
              ? `; discarded a torn last write of ${report.discardedTornBytes} bytes`
              : ''),
          '',
        ].join('\n'),
      );
      return report.damage ? 1 : 0;
    } finally {
      await memory.close();
    }
  },
};
