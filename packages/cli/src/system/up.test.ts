import { request } from 'node:https';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startSystem } from './up.js';

const freePorts = {
  fdmPort: 0,
  posPort: 0,
  fpsPort: 0,
  biiPort: 0,
  biiUplinkPort: 0,
  printerPort: 0,
} as const;

/** GET over https trusting only `caPem`. */
function httpsGet(
  url: string,
  caPem: string,
  accept = 'application/json',
): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca: caPem, headers: { accept } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The FDM's device query posted to the bridge as a cloud POS would. */
function httpsPost(url: string, caPem: string, headers: Record<string, string>): Promise<string> {
  const body = JSON.stringify({ query: '{ device { fdmId } }' });
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', ca: caPem, headers: { 'content-type': 'application/json', ...headers } },
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

describe('gks up', () => {
  it(
    'starts FPS, bridge, FDM, POS and UI (created on first run, reused on the second); each address answers; stops',
    { timeout: 120_000 },
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'gks-up-'));
      try {
        for (let run = 0; run < 2; run++) {
          const system = await startSystem({ dir, host: '127.0.0.1', ...freePorts });
          try {
            const url = (name: string) => system.components.find((c) => c.name === name)?.url ?? '';
            expect(system.components.map((c) => c.name)).toEqual([
              'fps',
              'bridge',
              'fdm',
              'printer',
              'pos',
              'pos-ui',
            ]);
            const fpsCa = await readFile(join(dir, 'fps', 'ca', 'ca-cert.pem'), 'utf8');
            const verdict = await httpsGet(`${url('fps')}/verify/FOD01000001/1/${'0'.repeat(40)}`, fpsCa);
            expect(verdict.status).toBe(200);
            expect(JSON.parse(verdict.body)).toMatchObject({ status: 'unknown' });
            const bridgeCa = await readFile(join(dir, 'bii', 'tls', 'ca-cert.pem'), 'utf8');
            const bridgeConsole = /console (\S+)/.exec(
              system.components.find((c) => c.name === 'bridge')?.details?.join('\n') ?? '',
            )?.[1];
            expect((await httpsGet(bridgeConsole ?? '', bridgeCa, 'text/html')).status).toBe(401);
            // The demo FDM is attached through its uplink and allowed: a cloud POS reaches it.
            await vi.waitFor(
              async () => {
                const through = await httpsPost(url('bridge'), bridgeCa, {
                  fdmId: 'FOD01000001',
                  vatNo: 'BE0000000097',
                  estNo: '2000000042',
                  posId: 'CPOS0031234567',
                });
                expect(JSON.parse(through)).toEqual({ data: { device: { fdmId: 'FOD01000001' } } });
              },
              { timeout: 10_000, interval: 100 },
            );
            const ui = await fetch(url('pos-ui'));
            expect(ui.status).toBe(200);
            expect(ui.headers.get('content-type')).toBe('text/html; charset=utf-8');
            expect(await ui.text()).toMatch(/<!doctype html>/i);
            const api = await fetch(url('pos'), {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ query: '{ __typename }' }),
            });
            expect(api.status).toBeLessThan(500);
            const fdm = system.components.find((c) => c.name === 'fdm');
            expect(fdm?.details?.[0]).toBe(`uploads to ${url('fps')}`);
            expect(fdm?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
            const res = await fetch(fdm?.url ?? '', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ query: '{ device { fdmId } }' }),
            });
            expect(await res.json()).toEqual({ data: { device: { fdmId: 'FOD01000001' } } });
          } finally {
            await system.stop();
          }
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  it(
    'starts the demo POS on the demo FDM: a user logs in with the printed PIN, clocks in and sells',
    { timeout: 120_000 },
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'gks-up-pos-'));
      try {
        const system = await startSystem({ dir, host: '127.0.0.1', ...freePorts });
        try {
          const pos = system.components.find((c) => c.name === 'pos');
          expect(pos?.details).toContain('user Ann (waiter) PIN 1234');
          const token = /x-terminal-token (\S+)/.exec(pos?.details?.[0] ?? '')?.[1] ?? '';
          let session = '';
          const gql = async (query: string) => {
            const res = await fetch(pos?.url ?? '', {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                'x-terminal-token': token,
                ...(session ? { authorization: `Bearer ${session}` } : {}),
              },
              body: JSON.stringify({ query }),
            });
            return (await res.json()) as { data?: Record<string, any>; errors?: unknown[] }; // eslint-disable-line @typescript-eslint/no-explicit-any -- GraphQL answers of several shapes
          };
          const login = await gql('mutation { login(alias: "Ann", pin: "1234") { sessionToken } }');
          session = login.data?.['login'].sessionToken;
          expect(session).toBeTruthy();
          // The demo table plan: tables on two floors, take-away and on-hold on none.
          const plan = await gql('{ floors { floorId name } costCenters { costCenterId floorId } }');
          expect(plan.data?.['floors']).toEqual([
            { floorId: 'zaal', name: 'Zaal' },
            { floorId: 'terras', name: 'Terras' },
          ]);
          const floorOf = new Map(
            (plan.data?.['costCenters'] as { costCenterId: string; floorId: string | null }[]).map((c) => [
              c.costCenterId,
              c.floorId,
            ]),
          );
          expect([
            floorOf.get('T1'),
            floorOf.get('T12'),
            floorOf.get('TAKEAWAY'),
            floorOf.get('HOLD'),
          ]).toEqual(['zaal', 'terras', null, null]);
          expect((await gql('mutation { clockIn { label } }')).data?.['clockIn'].label).toBe('S');
          const id = (await gql('mutation { startRegistration { id } }')).data?.['startRegistration'].id;
          await gql(
            `mutation { addLines(registrationId: "${id}", lines: [{productId: "10011", quantity: 2}]) { total } }`,
          );
          const paid = await gql(
            `mutation { pay(registrationId: "${id}", payments: [{type: CASH, amount: 7.6}]) { ticket { id label shortSignature verificationUrl } } }`,
          );
          expect(paid.data?.['pay'].ticket.label).toBe('N');
          // The demo terminal prints on the virtual printer, whose jobs are files in the state dir.
          const printed = await gql(
            `mutation { printTicket(ticketId: ${paid.data?.['pay'].ticket.id}) { printerId } }`,
          );
          expect(printed.data?.['printTicket']).toEqual({ printerId: 'DEMO-RECEIPT' });
          await vi.waitFor(
            async () =>
              expect(await readFile(join(dir, 'printer', '0001.txt'), 'utf8')).toContain('BTW-KASTICKET'),
            { timeout: 5000, interval: 50 },
          );
          // The QR code opens the FPS's verification page, which knows the ticket once uploaded.
          const verificationUrl: string = paid.data?.['pay'].ticket.verificationUrl;
          const fpsUrl = system.components.find((c) => c.name === 'fps')?.url ?? '';
          expect(verificationUrl.startsWith(`${fpsUrl}/verify/FOD01000001/`)).toBe(true);
          const fpsCa = await readFile(join(dir, 'fps', 'ca', 'ca-cert.pem'), 'utf8');
          await vi.waitFor(
            async () =>
              expect(JSON.parse((await httpsGet(verificationUrl, fpsCa)).body)).toMatchObject({
                status: 'valid',
              }),
            { timeout: 20_000, interval: 200 },
          );
        } finally {
          await system.stop();
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
