import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { readJournal } from '../journal/journal.js';
import { verifyJournalChain } from '../journal/verify.js';
import { pendingEvents } from '../outbox/outbox.js';
import { crashTestRequest } from './durability-child.js';
import { openPosDatabase } from './open-database.js';
import { PGliteTestBackend } from './test-backends.js';
import { assertBuildIsCurrent, builtScript } from '../testing/built-script.js';

const child = builtScript('db/durability-child.js');

interface Reported {
  readonly seq: number;
  readonly ticket: number;
  readonly hash: string;
}

/** Runs the writer until it has reported `commits` commits, then kills it with SIGKILL mid-burst. */
function runAndKill(dataDir: string, commits: number): Promise<Reported[]> {
  return new Promise((resolve, reject) => {
    const writer = spawn(process.execPath, [child, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const reported: Reported[] = [];
    let stderr = '';
    writer.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: writer.stdout }).on('line', (line) => {
      const match = /^committed (\d+) (\d+) ([0-9a-f]{64})$/.exec(line);
      if (!match) return;
      reported.push({ seq: Number(match[1]), ticket: Number(match[2]), hash: match[3] ?? '' });
      if (reported.length === commits) writer.kill('SIGKILL');
    });
    writer.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(reported);
      else reject(new Error(`writer exited with ${code}: ${stderr}`));
    });
  });
}

describe('PGlite durability', () => {
  const pglite = new PGliteTestBackend();
  afterAll(() => pglite.cleanUp());

  it('C-41: every commit reported before a kill -9 is there after reopening, pending with its bytes', async () => {
    assertBuildIsCurrent(child);
    const location = await pglite.fresh();
    const dataDir = 'dataDir' in location ? location.dataDir : '';
    // Twice: the second run also proves that a recovered data directory can crash and recover again.
    const reported = [...(await runAndKill(dataDir, 40)), ...(await runAndKill(dataDir, 40))];

    const pos = await openPosDatabase({ dataDir });
    const stored = new Map((await readJournal(pos.db, 0, 10_000)).map((e) => [e.seq, e]));
    for (const commit of reported) {
      expect(Buffer.from(stored.get(commit.seq)?.entryHash ?? []).toString('hex'), `seq ${commit.seq}`).toBe(
        commit.hash,
      );
    }
    expect(stored.size).toBeGreaterThanOrEqual(80);
    const verified = await verifyJournalChain(pos.db);
    expect(verified.ok).toBe(true);

    // nothing was answered, so every event is pending, numbered without a gap, with its exact bytes
    const pending = await pendingEvents(pos.db);
    expect(pending.map((p) => p.posFiscalTicketNo)).toEqual(pending.map((_, i) => i + 1));
    for (const event of pending) {
      expect(Buffer.from(event.request)).toEqual(Buffer.from(crashTestRequest(event.posFiscalTicketNo)));
    }
    const pendingTickets = new Set(pending.map((p) => p.posFiscalTicketNo));
    expect(reported.every((commit) => pendingTickets.has(commit.ticket))).toBe(true);
    await pos.close();
    // Two child processes each boot PGlite (seconds each on a loaded 2-core machine).
  }, 180_000);
});
