import { cpSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pgliteTemplate } from '@gks/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFps } from '../service/fps-service.js';
import { startFpsService, type RunningFpsService } from '../service/fps-runtime.js';
import { runCommand as run } from '../testing/run-command.js';
import { belgianDay } from '../vat/vat-rate-tables.js';
import {
  fpsAdminCommands,
  fpsInitCommand,
  fpsRegisterFdmCommand,
  fpsRegisterOperatorCommand,
  fpsRevokeFdmCommand,
  fpsSetVatRatesCommand,
} from './fps-commands.js';

const day = (offsetDays: number): string => belgianDay(new Date(Date.now() + offsetDays * 86_400_000));
const operator = { 'vat-no': 'BE0000000097', name: 'De Test', 'est-no': '2000000042' };

// PGlite admits one process: while the service runs, the CLI must go through the service.
describe('gks fps admin commands on embedded PGlite, with the service running and stopped', () => {
  let root = '';
  let dir = '';
  let service: RunningFpsService | null = null;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'gks-fps-live-'));
    dir = join(root, 'fps');
    cpSync(await pgliteTemplate(), join(dir, 'db'), { recursive: true });
    expect((await run(fpsInitCommand, { dir })).code).toBe(0);
    const started = await startFpsService(dir, { host: '127.0.0.1', port: 0, commands: fpsAdminCommands });
    if (!started.ok) throw new Error(started.error.reason);
    service = started.value;
  });
  afterAll(async () => {
    await service?.stop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('the running service holds the database and writes its admin address and token, 0600, loopback', async () => {
    await expect(openFps(dir)).rejects.toThrow(/in use/);
    expect((await stat(join(dir, 'admin.json'))).mode & 0o777).toBe(0o600);
    const admin = JSON.parse(await readFile(join(dir, 'admin.json'), 'utf8')) as {
      url: string;
      token: string;
    };
    expect(admin.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(admin.token.length).toBeGreaterThanOrEqual(40);
  });

  it('the admin endpoint refuses a missing or wrong token and unknown commands', async () => {
    const admin = JSON.parse(await readFile(join(dir, 'admin.json'), 'utf8')) as {
      url: string;
      token: string;
    };
    const post = (headers: Record<string, string>, body: unknown) =>
      fetch(`${admin.url}/command`, { method: 'POST', headers, body: JSON.stringify(body) });
    const valid = { command: 'fps register-operator', values: { ...operator, by: 'x' }, positionals: [] };
    expect((await post({}, valid)).status).toBe(401);
    expect((await post({ authorization: `Bearer ${admin.token}x` }, valid)).status).toBe(401);
    expect((await post({ authorization: admin.token }, valid)).status).toBe(401);
    const auth = { authorization: `Bearer ${admin.token}` };
    expect((await post(auth, { ...valid, command: 'fps start' })).status).toBe(400);
    expect((await post(auth, { ...valid, command: 'fps init' })).status).toBe(400);
    expect((await post(auth, { ...valid, values: [] })).status).toBe(400);
    expect((await post(auth, { ...valid, positionals: [1] })).status).toBe(400);
    expect((await fetch(`${admin.url}/command`, { headers: auth })).status).toBe(404);
  });

  it('register, set VAT rates and revoke go through the running service', async () => {
    const registered = await run(fpsRegisterOperatorCommand, { dir, ...operator });
    expect(registered).toMatchObject({ code: 0, out: 'operator BE0000000097 registered with 2000000042\n' });
    const fdm = await run(fpsRegisterFdmCommand, {
      dir,
      'fdm-id': 'FPS03000031',
      owner: 'BE0000000097',
      'est-no': '2000000042',
      'pos-id': 'CPOS0031234567',
    });
    expect(fdm.code).toBe(0);
    expect(fdm.out).toMatch(/activation code: [A-Z0-9]{20} /);
    const rates = await run(fpsSetVatRatesCommand, { dir, from: day(1) }, ['A=22', 'B=12', 'C=6', 'D=0']);
    expect(rates).toMatchObject({ code: 0, out: `VAT rates from ${day(1)}: A=22 B=12 C=6 D=0\n` });
    const revoked = await run(fpsRevokeFdmCommand, {
      dir,
      'fdm-id': 'FPS03000031',
      reason: 'stolen',
      by: 'inspector 7',
    });
    expect(revoked.code).toBe(0);
    const again = await run(fpsRevokeFdmCommand, { dir, 'fdm-id': 'FPS03000031', reason: 'twice' });
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/was revoked on/);
  });

  it.each([
    ['a date in the past', { from: day(-1) }, ['A=21', 'B=12', 'C=6', 'D=0'], /in the past/],
    ['no date', {}, ['A=21', 'B=12', 'C=6', 'D=0'], /from: missing/],
    ['a date that does not exist', { from: '2031-02-30' }, ['A=21', 'B=12', 'C=6', 'D=0'], /from/],
    ['D missing', { from: day(2) }, ['A=21', 'B=12', 'C=6'], /rates\.D: missing/],
    ['label X', { from: day(2) }, ['A=21', 'B=12', 'C=6', 'D=0', 'X=0'], /rates\.X/],
    ['label E', { from: day(2) }, ['A=21', 'B=12', 'C=6', 'D=0', 'E=5'], /rates\.E/],
    ['a rate above 100', { from: day(2) }, ['A=101', 'B=12', 'C=6', 'D=0'], /rates\.A/],
    ['three decimals', { from: day(2) }, ['A=21.005', 'B=12', 'C=6', 'D=0'], /rates\.A/],
    ['a negative rate', { from: day(2) }, ['A=-1', 'B=12', 'C=6', 'D=0'], /rates\.A/],
    ['a comma decimal', { from: day(2) }, ['A=5,5', 'B=12', 'C=6', 'D=0'], /rates\.A/],
    ['an empty rate', { from: day(2) }, ['A=', 'B=12', 'C=6', 'D=0'], /rates\.A/],
    ['an exponent', { from: day(2) }, ['A=2e1', 'B=12', 'C=6', 'D=0'], /rates\.A/],
  ])('set-vat-rates refuses %s and stores nothing', async (_name, values, positionals, reason) => {
    const refused = await run(fpsSetVatRatesCommand, { dir, ...values }, positionals);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(reason);
  });

  it.each([
    [['A21', 'B=12'], /not LABEL=RATE/],
    [['A=21', 'A=22'], /twice/],
  ])('set-vat-rates refuses the arguments %j as usage errors', async (positionals, reason) => {
    const refused = await run(fpsSetVatRatesCommand, { dir, from: day(2) }, positionals);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(reason);
  });

  it('stopped, the same commands open the database themselves; a stale admin.json is ignored', async () => {
    await service?.stop();
    service = null;
    await expect(stat(join(dir, 'admin.json'))).rejects.toThrow(/ENOENT/);
    const direct = await run(fpsRegisterOperatorCommand, { dir, ...operator, name: 'De Test bis' });
    expect(direct.code).toBe(0);

    // A service that was killed leaves its file behind; nobody listens on that port any more.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await writeFile(
      join(dir, 'admin.json'),
      JSON.stringify({ url: `http://127.0.0.1:${port}`, token: 't', pid: 1 }),
      {
        mode: 0o600,
      },
    );
    expect(
      (await run(fpsSetVatRatesCommand, { dir, from: day(3) }, ['A=21', 'B=12', 'C=6', 'D=0'])).code,
    ).toBe(0);

    const opened = await openFps(dir);
    if (!opened.ok) throw new Error(opened.error.reason);
    try {
      const db = opened.value.database.db;
      const tables = await db
        .selectFrom('vat_rate_table')
        .select(['valid_from', 'registered_by'])
        .orderBy('seq')
        .execute();
      expect(tables.map((t) => t.valid_from)).toEqual([day(1), day(3)]);
      const revocations = await db
        .selectFrom('fdm_revocation')
        .select(['fdm_id', 'reason', 'revoked_by'])
        .execute();
      expect(revocations).toEqual([{ fdm_id: 'FPS03000031', reason: 'stolen', revoked_by: 'inspector 7' }]);
      const operators = await db.selectFrom('operator_registration').select('name').orderBy('seq').execute();
      expect(operators.map((o) => o.name)).toEqual(['De Test', 'De Test bis']);
    } finally {
      await opened.value.close();
    }
  });
});
