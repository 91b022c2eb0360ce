import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSystem } from './up.js';

describe('gks up', () => {
  it('starts the demo FDM (created on first run, reused on the second) and stops it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gks-up-'));
    try {
      for (let run = 0; run < 2; run++) {
        const system = await startSystem({ dir, host: '127.0.0.1', fdmPort: 0 });
        const fdm = system.components.find((c) => c.name === 'fdm');
        expect(fdm?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
        const res = await fetch(fdm?.url ?? '', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ device { fdmId } }' }),
        });
        expect(await res.json()).toEqual({ data: { device: { fdmId: 'FOD01000001' } } });
        await system.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
