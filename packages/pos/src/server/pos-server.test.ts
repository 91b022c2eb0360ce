import { request } from 'node:https';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PGliteTestBackend } from '../db/test-backends.js';
import { initTestRegister, terminalTokens } from '../testing/register-fixture.js';
import { startPosServer } from './pos-server.js';
import { localTlsCertificate } from './pos-tls.js';

function post(url: string, body: string, caPem: string | null): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-terminal-token': terminalTokens.T1 },
        ...(caPem ? { ca: caPem } : {}),
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('POS server', () => {
  const backend = new PGliteTestBackend();
  const dirs: string[] = [];
  afterAll(async () => {
    backend.cleanUp();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it(
    'serves the API over TLS with the local certificate on 127.0.0.1, and stops',
    { timeout: 60_000 },
    async () => {
      const location = await backend.fresh();
      // No FDM is needed to start: nothing is pending, and the login screen asks the database only.
      await initTestRegister(location, 'http://127.0.0.1:9');
      const dir = await mkdtemp(join(tmpdir(), 'gks-pos-tls-'));
      dirs.push(dir);
      const tls = await localTlsCertificate(dir);
      const again = await localTlsCertificate(dir);
      expect(again.certPem).toBe(tls.certPem); // made once, reused
      const pos = await startPosServer({
        database: location,
        tls: { certPem: tls.certPem, keyPem: tls.keyPem },
      });
      try {
        expect(pos.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/graphql$/);
        expect(pos.recovered).toEqual({ resent: 0, fdmDown: false });
        const answer = await post(
          pos.url,
          JSON.stringify({ query: '{ pos { posId softwareVersion } }' }),
          tls.caPem,
        );
        expect(answer.status).toBe(200);
        expect(JSON.parse(answer.body)).toEqual({
          data: { pos: { posId: 'CPOS0031234567', softwareVersion: 'gks-pos 0.1.0' } },
        });
        // a client that does not trust the local CA is refused by TLS
        await expect(post(pos.url, '{}', null)).rejects.toThrow(/certificate/);
      } finally {
        await pos.stop();
      }
    },
  );
});
