import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SignResult } from '@gks/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventMemory } from '../memory/event-memory.js';
import { loadFdmState } from '../state/fdm-state.js';
import { startFdmServer } from '../server/fdm-server.js';
import { m110Sale, workInOut } from './fod-requests.js';
import { mustSign, signOverHttp } from './http-client.js';
import { fodStateDir } from './test-state.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../../..');
const gks = join(repoRoot, 'packages/cli/bin/gks.js');

let state: Awaited<ReturnType<typeof fodStateDir>>;
let child: ChildProcess | undefined;

beforeAll(() => {
  // The test runs the built CLI; build it (incremental, a no-op when up to date).
  try {
    execFileSync('npx', ['tsc', '-b'], { cwd: repoRoot, stdio: 'pipe' });
  } catch (error) {
    // Another package may be mid-edit; an existing build of ours is still good to test.
    if (!existsSync(join(repoRoot, 'packages/fdm/dist/server/fdm-server.js'))) throw error;
  }
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await state?.dispose();
});

/** Starts `gks fdm start` as its own process and resolves with its GraphQL URL. */
function spawnFdm(dir: string): Promise<{ process: ChildProcess; url: string }> {
  return new Promise((resolvePromise, reject) => {
    const p = spawn(process.execPath, [gks, 'fdm', 'start', '--dir', dir, '--port', '0', '--no-admin'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /^graphql (\S+)$/m.exec(out)?.[1];
      if (url) resolvePromise({ process: p, url });
    });
    p.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    p.on('exit', (code) => reject(new Error(`gks fdm start exited ${code}: ${err}${out}`)));
  });
}

describe('crash: kill -9 during a burst of concurrent signing', () => {
  it('keeps every acknowledged event, the chain verifies, counters continue without gap or repeat', async () => {
    state = await fodStateDir();
    const first = await spawnFdm(state.dir);
    child = first.process;
    const acknowledged: { request: unknown; mutation: 'signSale' | 'signWorkIn'; result: SignResult }[] = [];
    let ticket = 0;
    let killed = false;
    const killAfter = 120;
    const worker = async () => {
      while (!killed || acknowledged.length === 0) {
        const n = ++ticket;
        const mutation = n % 3 === 0 ? 'signWorkIn' : 'signSale';
        const request = mutation === 'signSale' ? m110Sale(n) : workInOut(n, '80113078968');
        let answer;
        try {
          answer = await signOverHttp(first.url, mutation, request);
        } catch {
          return; // the FDM is gone: this request was never acknowledged
        }
        if (answer.ok) acknowledged.push({ request, mutation, result: answer.result });
        if (!killed && acknowledged.length >= killAfter) {
          killed = true;
          first.process.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const p = first.process;
    if (p.exitCode === null && p.signalCode === null) await new Promise((r) => p.once('exit', r));
    expect(first.process.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(killAfter);

    // Open the memory as the restarted FDM will: it verifies the whole chain.
    const loaded = await loadFdmState(state.dir);
    if (!loaded.ok) throw new Error(loaded.error.reason);
    const { memory, report } = await EventMemory.open(loaded.value.paths.memory, {
      capacityBytes: loaded.value.config.capacityBytes,
      publicKey: loaded.value.signer.publicKey,
      verifySignatures: 'all',
    });
    expect(report.damage).toBeUndefined();
    const stored = new Map<number, string>();
    let expectedTotal = 1;
    for await (const { event } of memory.read(0)) {
      expect(event.fields.totalCounter).toBe(expectedTotal++);
      stored.set(event.fields.totalCounter, event.result.digitalSignature);
    }
    await memory.close();
    for (const a of acknowledged) {
      expect(stored.get(a.result.fdmRef.totalCounter)).toBe(a.result.digitalSignature);
    }
    const count = stored.size;
    expect(count).toBeGreaterThanOrEqual(acknowledged.length);

    // Restart: counters continue, a resent acknowledged request is a duplicate, nothing is lost.
    const again = await startFdmServer({ dir: state.dir });
    if (!again.ok) throw new Error(again.error.reason);
    try {
      const next = await mustSign(again.value.url, 'signSale', m110Sale(1_000_000));
      expect(next.fdmRef.totalCounter).toBe(count + 1);
      const lastN = [...acknowledged].reverse().find((a) => a.result.fdmRef.eventLabel === 'N');
      const maxN = Math.max(
        ...acknowledged.filter((a) => a.mutation === 'signSale').map((a) => a.result.fdmRef.eventCounter),
      );
      expect(next.fdmRef.eventCounter).toBeGreaterThan(maxN);
      if (lastN) {
        const resent = await mustSign(again.value.url, 'signSale', lastN.request);
        expect(resent.fdmRef).toEqual(lastN.result.fdmRef);
        expect(resent.warnings?.map((w) => w.extensions?.code)).toContain('DUPLICATE_REQUEST');
      }
    } finally {
      await again.value.stop();
    }
  }, 120_000);
});
