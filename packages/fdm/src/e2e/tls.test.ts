import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFdmServer, type RunningFdm } from '../server/fdm-server.js';
import { loadFdmState } from '../state/fdm-state.js';
import { m110Sale, signDocument } from './fod-requests.js';
import { fodStateDir } from './test-state.js';

let state: Awaited<ReturnType<typeof fodStateDir>>;
let fdm: RunningFdm;
let caPem: string;
beforeAll(async () => {
  state = await fodStateDir();
  const loaded = await loadFdmState(state.dir);
  if (!loaded.ok) throw new Error(loaded.error.reason);
  caPem = loaded.value.caCertificatePem;
  const started = await startFdmServer({ dir: state.dir, tls: true, admin: false });
  if (!started.ok) throw new Error(started.error.reason);
  fdm = started.value;
});
afterAll(async () => {
  await fdm.stop();
  await state.dispose();
});

function postTls(url: string, body: string, ca?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' }, ...(ca ? { ca } : {}) },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(text));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('FDM over TLS', () => {
  it('serves https with a certificate for 127.0.0.1 that the state CA vouches for', async () => {
    expect(fdm.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/graphql$/);
    const body = JSON.stringify({
      query: signDocument('signSale'),
      variables: { data: m110Sale(1), isTraining: false },
    });
    const answer = JSON.parse(await postTls(fdm.url, body, caPem)) as {
      data: { signResult: { fdmRef: { totalCounter: number } } };
    };
    expect(answer.data.signResult.fdmRef.totalCounter).toBe(1);
  });

  it('is refused by a client that does not trust the CA', async () => {
    await expect(postTls(fdm.url, '{"query":"{ device { id } }"}')).rejects.toThrow();
  });
});
