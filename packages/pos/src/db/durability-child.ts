/**
 * Crash-test writer, spawned by durability.test.ts (from the build in dist/): enqueues fiscal
 * events into a PGlite data directory as fast as it can and reports each commit on stdout as
 * `committed <journal seq> <ticket number> <entry hash hex>`, until it is killed.
 */
import { enqueueFiscalEvent } from '../outbox/outbox.js';
import { readJournal } from '../journal/journal.js';
import { openPosDatabase } from './open-database.js';

export const crashTestRequest = (posFiscalTicketNo: number): Uint8Array =>
  new TextEncoder().encode(
    `{"query":"mutation signSale","variables":{"posFiscalTicketNo":${posFiscalTicketNo}}}`,
  );

async function main(dataDir: string): Promise<void> {
  const pos = await openPosDatabase({ dataDir });
  process.stdout.write('ready\n');
  const clock = { now: () => new Date() };
  for (;;) {
    const event = await enqueueFiscalEvent(
      pos.db,
      {
        posId: 'CGKS0010000001',
        terminalId: 'T1',
        userId: 'u-1',
        eventLabel: 'N',
        eventOperation: 'SALE',
        request: crashTestRequest,
      },
      clock,
    );
    if (!event.ok) throw new Error(`enqueue refused: ${event.error.code}`);
    const [entry] = await readJournal(pos.db, event.value.journalSeq - 1, 1);
    const hash = Buffer.from(entry?.entryHash ?? []).toString('hex');
    process.stdout.write(`committed ${event.value.journalSeq} ${event.value.posFiscalTicketNo} ${hash}\n`);
  }
}

const dataDir = process.argv[2];
if (dataDir && process.argv[1]?.endsWith('durability-child.js')) {
  main(dataDir).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
