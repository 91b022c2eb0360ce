import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSystem } from './up.js';

describe('gks up', () => {
  it(
    'starts the demo FDM (created on first run, reused on the second) and stops it',
    { timeout: 120_000 },
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'gks-up-'));
      try {
        for (let run = 0; run < 2; run++) {
          const system = await startSystem({ dir, host: '127.0.0.1', fdmPort: 0, posPort: 0 });
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
    },
  );

  it(
    'starts the demo POS on the demo FDM: a user logs in with the printed PIN, clocks in and sells',
    { timeout: 120_000 },
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'gks-up-pos-'));
      try {
        const system = await startSystem({ dir, host: '127.0.0.1', fdmPort: 0, posPort: 0 });
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
          expect((await gql('mutation { clockIn { label } }')).data?.['clockIn'].label).toBe('S');
          const id = (await gql('mutation { startRegistration { id } }')).data?.['startRegistration'].id;
          await gql(
            `mutation { addLines(registrationId: "${id}", lines: [{productId: "10011", quantity: 2}]) { total } }`,
          );
          const paid = await gql(
            `mutation { pay(registrationId: "${id}", payments: [{type: CASH, amount: 7.6}]) { ticket { label shortSignature } } }`,
          );
          expect(paid.data?.['pay'].ticket.label).toBe('N');
        } finally {
          await system.stop();
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
