import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { biiDisableCommand, biiEnableCommand, biiStatusCommand } from '../cli/bii-policy.js';
import { biiStartCommand } from '../cli/bii-start.js';
import type { Sql } from '../store/sql.js';
import { openTestSql, posA, posB, tempRoot } from '../testing/fixture.js';
import { CachedPolicy } from './cached-policy.js';
import { policyGeneration, SqlPolicy } from './sql-policy.js';

let dir: Awaited<ReturnType<typeof tempRoot>>;
let sql: Sql;
let policy: SqlPolicy;
const at = new Date('2025-06-01T08:00:00Z');
const change = (fdmId: string, extra: object = {}) => ({
  fdmId,
  actor: 'alice',
  reason: 'req-1',
  at,
  ...extra,
});

beforeAll(async () => {
  dir = await tempRoot();
  sql = await openTestSql(dir.root);
  policy = new SqlPolicy(sql);
});

afterAll(async () => {
  await sql?.close();
  await dir?.remove();
});

describe('the bridge policy (A-5, A-10)', () => {
  it('is off by default: an FDM never enabled allows nobody', async () => {
    expect(await policy.decide('FOD01000041', posA)).toBe('not-allowed');
  });

  it('enable allows exactly that (vatNo, estNo, posId) for that FDM', async () => {
    expect((await policy.enable(change('FOD01000041', { endUser: posA }))).ok).toBe(true);
    expect(await policy.decide('FOD01000041', posA)).toBe('allowed');
    expect(await policy.decide('FOD01000041', posB)).toBe('not-allowed');
    expect(await policy.decide('FOD01000041', { ...posA, estNo: '2000000141' })).toBe('not-allowed');
    expect(await policy.decide('FOD01000042', posA)).toBe('not-allowed');
  });

  it('disable without an end user switches the FDM off (not operational), enable switches it on again', async () => {
    expect((await policy.disable(change('FOD01000041'))).ok).toBe(true);
    expect(await policy.decide('FOD01000041', posA)).toBe('not-operational');
    expect(await policy.decide('FOD01000041', posB)).toBe('not-allowed');
    expect((await policy.enable(change('FOD01000041'))).ok).toBe(true);
    expect(await policy.decide('FOD01000041', posA)).toBe('allowed');
  });

  it('disable with an end user revokes only that one', async () => {
    expect((await policy.enable(change('FOD01000041', { endUser: posB }))).ok).toBe(true);
    expect((await policy.disable(change('FOD01000041', { endUser: posA }))).ok).toBe(true);
    expect(await policy.decide('FOD01000041', posA)).toBe('not-allowed');
    expect(await policy.decide('FOD01000041', posB)).toBe('allowed');
  });

  it.each([
    ['a bad fdmId', change('FOD0100004')],
    ['a bad VAT number', change('FOD01000043', { endUser: { ...posA, vatNo: 'BE0000000098' } })],
    ['a bad establishment number', change('FOD01000043', { endUser: { ...posA, estNo: '12' } })],
    ['a bad posId', change('FOD01000043', { endUser: { ...posA, posId: 'APOS0031234567' } })],
    ['no actor', change('FOD01000043', { endUser: posA, actor: ' ' })],
    ['enabling an FDM with nobody allowed', change('FOD01000043')],
  ])('refuses %s and changes nothing', async (_name, bad) => {
    const before = await policy.history();
    expect((await policy.enable(bad)).ok).toBe(false);
    expect(await policy.history()).toEqual(before);
  });

  it('refuses to disable an FDM it never carried', async () => {
    expect((await policy.disable(change('FOD01000049'))).ok).toBe(false);
  });

  it('keeps every change, with who, when and why, in an append-only log', async () => {
    const history = await policy.history('FOD01000041');
    expect(history.map((c) => c.action)).toEqual(['enable', 'disable', 'enable', 'enable', 'disable']);
    expect(history[0]).toMatchObject({ actor: 'alice', reason: 'req-1', at, endUser: posA });
    expect(history[1]?.endUser).toBeUndefined();
    expect(history.map((c) => c.seq)).toEqual([...history.map((c) => c.seq)].sort((a, b) => a - b));
    await expect(sql.query(`UPDATE bii_policy_changes SET actor = 'mallory'`)).rejects.toThrow(/append-only/);
    await expect(sql.query(`DELETE FROM bii_policy_changes`)).rejects.toThrow(/append-only/);
    await expect(sql.query(`TRUNCATE bii_policy_changes`)).rejects.toThrow(/append-only/);
    expect(await policy.history('FOD01000041')).toEqual(history);
  });

  it('lists FDMs with their state and allowed end users', async () => {
    const list = await policy.list();
    expect(list).toEqual([
      { fdmId: 'FOD01000041', enabled: true, changedAt: at, allowed: [{ ...posB, since: at }] },
    ]);
  });
});

describe('gks bii enable / disable / status / start: option errors', () => {
  const run = async (command: typeof biiStartCommand, values: Record<string, string>) => {
    const text: string[] = [];
    const sink = new Writable({ write: (c: Buffer, _e, done) => (text.push(c.toString()), done()) });
    const code = await command.run({ values, positionals: [] }, { stdout: sink, stderr: sink });
    return { code, text: text.join('') };
  };
  // Any readable file: the option checks come before anything is parsed or created.
  const readable = new URL(import.meta.url).pathname;
  it.each([
    [biiEnableCommand, {}, /--fdm-id/],
    [biiEnableCommand, { 'fdm-id': 'FOD01000041', 'vat-no': posA.vatNo }, /go together/],
    [biiDisableCommand, { 'fdm-id': 'FOD01000041', 'pos-id': posA.posId }, /go together/],
    [biiStartCommand, {}, /--fdm-ca/],
    [biiStartCommand, { 'fdm-ca': '/nonexistent', port: '70000' }, /port number/],
    [biiStartCommand, { 'fdm-ca': '/nonexistent', 'tls-cert': 'x' }, /go together/],
    [biiStartCommand, { 'fdm-ca': '/nonexistent', 'node-cert': 'x' }, /go together/],
    [biiStartCommand, { 'fdm-ca': '/nonexistent/ca.pem' }, /cannot read --fdm-ca/],
    [biiStartCommand, { 'fdm-ca': readable, 'fps-crl-url': 'http://fps/crl' }, /https URL/],
    [
      biiStartCommand,
      { 'fdm-ca': readable, 'fps-crl-url': 'https://fps/crl', 'crl-interval': '0' },
      /1\.\.999999/,
    ],
    [
      biiStartCommand,
      { 'fdm-ca': readable, 'fps-crl-url': 'https://fps/crl', 'fps-ca': '/nonexistent' },
      /cannot read --fps-ca/,
    ],
    [biiStartCommand, { 'fdm-ca': readable, 'fps-ca': readable }, /go with --fps-crl-url/],
  ] as const)('%#: exit 2 with a reason', async (command, values, reason) => {
    const { code, text } = await run(command, values);
    expect(code).toBe(2);
    expect(text).toMatch(reason);
  });

  it('every command has help with a usage line', () => {
    for (const command of [biiStartCommand, biiEnableCommand, biiDisableCommand, biiStatusCommand])
      expect(command.help).toMatch(new RegExp(`^Usage: gks ${command.name}`));
  });
});

describe('the decision cache in front of the SQL policy', () => {
  it("a change through any SqlPolicy on this database reaches a node's decision cache at once", async () => {
    const own = await tempRoot();
    const sql = await openTestSql(own.root);
    const cached = new CachedPolicy(new SqlPolicy(sql), {
      ttlMs: 3_600_000,
      generation: () => policyGeneration(sql),
    });
    expect(await cached.decide('FOD01000049', posA)).toBe('not-allowed');
    const before = policyGeneration(sql);
    // A refused change moves nothing.
    expect((await new SqlPolicy(sql).disable(change('FOD01000049'))).ok).toBe(false);
    expect(policyGeneration(sql)).toBe(before);
    expect((await new SqlPolicy(sql).enable(change('FOD01000049', { endUser: posA }))).ok).toBe(true);
    expect(policyGeneration(sql)).toBe(before + 1);
    expect(await cached.decide('FOD01000049', posA)).toBe('allowed');
    expect((await new SqlPolicy(sql).disable(change('FOD01000049'))).ok).toBe(true);
    expect(await cached.decide('FOD01000049', posA)).toBe('not-operational');
    await sql.close();
    await own.remove();
  });
});
