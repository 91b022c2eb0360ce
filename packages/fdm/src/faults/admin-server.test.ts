import { afterEach, describe, expect, it } from 'vitest';
import { startFaultAdmin, type FaultAdmin } from './admin-server.js';
import { FaultController } from './fault-controller.js';

let admin: FaultAdmin | undefined;
afterEach(async () => {
  await admin?.stop();
  admin = undefined;
});

async function start(): Promise<{ admin: FaultAdmin; faults: FaultController }> {
  const faults = new FaultController();
  admin = await startFaultAdmin({ faults, token: 's3cret' });
  return { admin, faults };
}

const auth = { authorization: 'Bearer s3cret' };

describe('fault admin endpoint', () => {
  it('listens on loopback only', async () => {
    const { admin } = await start();
    expect(admin.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/faults$/);
  });

  it('switches faults on and off at run time', async () => {
    const { admin, faults } = await start();
    let res = await fetch(admin.url, { method: 'POST', headers: auth, body: '{"locked":true,"delayMs":5}' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ locked: true, delayMs: 5 });
    expect(faults.settings.locked).toBe(true);
    res = await fetch(admin.url, { headers: auth });
    expect(await res.json()).toMatchObject({ locked: true });
    res = await fetch(admin.url, { method: 'DELETE', headers: auth });
    expect(res.status).toBe(200);
    expect(faults.active).toBe(false);
  });

  it.each([undefined, 'Bearer wrong', 'Bearer s3cret2', 's3cret', ''])(
    'refuses the authorization %j',
    async (authorization) => {
      const { admin, faults } = await start();
      const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
      const res = await fetch(admin.url, { method: 'POST', headers, body: '{"locked":true}' });
      expect(res.status).toBe(401);
      expect(faults.active).toBe(false);
    },
  );

  it('answers bad patches with 400 and the reason, oversized ones with 413', async () => {
    const { admin, faults } = await start();
    let res = await fetch(admin.url, { method: 'POST', headers: auth, body: '{not json' });
    expect(res.status).toBe(400);
    res = await fetch(admin.url, { method: 'POST', headers: auth, body: '{"buffer":"half"}' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('buffer');
    res = await fetch(admin.url, { method: 'POST', headers: auth, body: 'x'.repeat(70_000) });
    expect(res.status).toBe(413);
    res = await fetch(admin.url.replace('/faults', '/other'), { headers: auth });
    expect(res.status).toBe(404);
    expect(faults.active).toBe(false);
  });
});
