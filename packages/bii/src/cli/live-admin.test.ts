import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridgeStartArgs, makePki, posA, tempRoot } from '../testing/fixture.js';
import { biiDisableCommand, biiEnableCommand, biiStatusCommand } from './bii-policy.js';
import { startBridgeFromArgs, type StartedBridge } from './bii-start.js';
import { openBridgeDatabase } from './data-dir.js';

type Values = Record<string, string | boolean>;

const run = async (command: typeof biiEnableCommand, values: Values) => {
  const out: string[] = [];
  const errText: string[] = [];
  const sink = (into: string[]) =>
    new Writable({ write: (c: Buffer, _e, done) => (into.push(c.toString()), done()) });
  const code = await command.run({ values, positionals: [] }, { stdout: sink(out), stderr: sink(errText) });
  return { code, out: out.join(''), err: errText.join('') };
};

// PGlite admits one process: while `gks bii start` runs, enable/disable/status go through it.
describe('gks bii enable / disable / status with the node running and stopped (PGlite)', () => {
  const fdmId = 'FOD01000051';
  let dir: Awaited<ReturnType<typeof tempRoot>>;
  let bridgeDir: string;
  let bridge: StartedBridge | null = null;
  const endUser = { 'vat-no': posA.vatNo, 'est-no': posA.estNo, 'pos-id': posA.posId };

  beforeAll(async () => {
    dir = await tempRoot();
    const pki = await makePki(dir.root);
    bridgeDir = join(dir.root, 'bii');
    await mkdir(bridgeDir, { recursive: true });
    const quiet = new Writable({ write: (_c, _e, done) => done() });
    const started = await startBridgeFromArgs(
      await bridgeStartArgs(dir.root, pki, bridgeDir, 'admin-node'),
      { stdout: quiet, stderr: quiet },
      {},
    );
    if (typeof started === 'number') throw new Error(`bridge did not start: ${started}`);
    bridge = started;
  });
  afterAll(async () => {
    await bridge?.stop();
    await dir?.remove();
  });

  it('the running node writes its admin address and token (0600) and holds the database', async () => {
    expect((await stat(join(bridgeDir, 'admin.json'))).mode & 0o777).toBe(0o600);
    await expect(openBridgeDatabase(bridgeDir, undefined)).rejects.toThrow(/in use/);
  });

  it('enable, disable and status run in the node; who asked is recorded', async () => {
    const enabled = await run(biiEnableCommand, {
      dir: bridgeDir,
      'fdm-id': fdmId,
      ...endUser,
      by: 'ops-7',
      reason: 'A-12 request',
    });
    expect(enabled).toMatchObject({
      code: 0,
      out: `enabled ${fdmId} for ${posA.vatNo} / ${posA.estNo} / ${posA.posId}\n`,
    });
    const off = await run(biiDisableCommand, { dir: bridgeDir, 'fdm-id': fdmId, reason: 'operator left' });
    expect(off.code).toBe(0);
    const status = await run(biiStatusCommand, { dir: bridgeDir, json: true });
    expect(status.code).toBe(0);
    const parsed = JSON.parse(status.out) as {
      fdms: { fdmId: string; enabled: boolean }[];
      history: { actor: string; action: string }[];
    };
    expect(parsed.fdms).toEqual([expect.objectContaining({ fdmId, enabled: false })]);
    expect(parsed.history.map((h) => [h.actor, h.action])).toEqual([
      ['ops-7', 'enable'],
      [expect.any(String), 'disable'],
    ]);
  });

  it('usage errors are found before anything is sent, and refusals come back from the node', async () => {
    expect((await run(biiEnableCommand, { dir: bridgeDir })).code).toBe(2);
    const refused = await run(biiEnableCommand, { dir: bridgeDir, 'fdm-id': 'not-an-id', ...endUser });
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/gks bii enable: /);
  });

  it('a wrong token is refused, not run', async () => {
    const admin = JSON.parse(await readFile(join(bridgeDir, 'admin.json'), 'utf8')) as {
      url: string;
      token: string;
    };
    const answer = await fetch(`${admin.url}/command`, {
      method: 'POST',
      headers: { authorization: 'Bearer nope' },
      body: JSON.stringify({ command: 'bii enable', values: { 'fdm-id': fdmId } }),
    });
    expect(answer.status).toBe(401);
  });

  it('stopped, the commands open the database themselves and see what the node recorded', async () => {
    await bridge?.stop();
    bridge = null;
    await expect(stat(join(bridgeDir, 'admin.json'))).rejects.toThrow(/ENOENT/);
    expect((await run(biiEnableCommand, { dir: bridgeDir, 'fdm-id': fdmId, reason: 'back on' })).code).toBe(
      0,
    );
    const status = await run(biiStatusCommand, { dir: bridgeDir, json: true });
    const parsed = JSON.parse(status.out) as { fdms: { enabled: boolean }[]; history: unknown[] };
    expect(parsed.fdms[0]?.enabled).toBe(true);
    expect(parsed.history).toHaveLength(3);
  });
});
