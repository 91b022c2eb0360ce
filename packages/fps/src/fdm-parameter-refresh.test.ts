import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFdmServer, type RunningFdm } from '@gks/fdm';
import { describeEachBackend } from '@gks/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFpsServer, type RunningFpsServer } from './http/fps-server.js';
import { registerFdm } from './registry/registrations.js';
import { activateFdm, fpsServerTls, manualTimer, type FpsServerTls } from './testing/fdm-against-fps.js';
import { operator, posId, saleInput, testFps, type TestFps } from './testing/fixtures.js';

describeEachBackend('an FDM refreshing its parameters from the FPS', (backend) => {
  const fdmId = 'FPS03000011';
  const secondPos = 'CPOS0039999999';
  let fps: TestFps;
  let server: RunningFpsServer | null = null;
  let fdm: RunningFdm | null = null;
  let tls: FpsServerTls;
  let root: string;
  let dir: string;
  const warnings: string[] = [];
  let ticket = 0;

  const start = async (): Promise<RunningFdm> => {
    const started = await startFdmServer({
      dir,
      admin: false,
      upload: { intervalMs: 3_600_000 },
      parameters: { timer: manualTimer, failuresBeforeWarning: 2, warn: (t) => warnings.push(t) },
    });
    if (!started.ok) throw new Error(started.error.reason);
    return started.value;
  };
  const allowAtFps = async (allowedPosIds: string[]): Promise<void> => {
    const r = await registerFdm(
      fps.database.db,
      { fdmId, ownerVatNo: operator.vatNo, estNo: operator.estNo, allowedPosIds, by: 'test' },
      fps.clock,
    );
    if (!r.ok) throw new Error(r.error.reason);
  };
  const signAs = async (pos: string) => {
    const r = await fdm?.engine.sign('signSale', { ...saleInput(++ticket, 3), posId: pos }, false);
    if (!r) throw new Error('no FDM');
    return r.ok ? 'signed' : r.error.code;
  };

  beforeAll(async () => {
    fps = await testFps(await backend.fresh());
    tls = await fpsServerTls(fps);
    root = await mkdtemp(join(tmpdir(), 'gks-fps-fdm-params-'));
    dir = join(root, 'fdm');
    server = await startFpsServer({ app: fps.app, host: '127.0.0.1', port: 0, tls });
    await activateFdm(fps, fdmId, dir, { url: server.url, caPem: tls.caPem });
    fdm = await start();
    await fdm.parameters?.refreshNow();
  });
  afterAll(async () => {
    await fdm?.stop();
    await server?.close();
    await fps?.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it('a POS registered at the FPS after the FDM started signs after a refresh, not before', async () => {
    expect(fdm?.parameters).toBeDefined();
    expect(await signAs(secondPos)).toBe('UNKNOWN_POS');
    await allowAtFps([posId, secondPos]);
    expect(await signAs(secondPos)).toBe('UNKNOWN_POS');
    expect(await fdm?.parameters?.refreshNow()).toEqual({});
    expect(await signAs(secondPos)).toBe('signed');
    expect(await signAs(posId)).toBe('signed');
    const saved = JSON.parse(await readFile(join(dir, 'fdm.json'), 'utf8')) as { allowedPosIds: string[] };
    expect(saved.allowedPosIds).toEqual([posId, secondPos]);
  });

  it('a POS removed from the allow-list at the FPS is refused after a refresh', async () => {
    await allowAtFps([secondPos]);
    await fdm?.parameters?.refreshNow();
    expect(await signAs(posId)).toBe('UNKNOWN_POS');
    expect(await signAs(secondPos)).toBe('signed');
    await allowAtFps([posId, secondPos]);
    await fdm?.parameters?.refreshNow();
    expect(await signAs(posId)).toBe('signed');
  });

  it('FPS down: the last parameters are kept, UPDATE_PARAMS_FAILED only after repeated failures', async () => {
    await server?.close();
    server = null;
    const codes = () => fdm?.engine.standingWarnings('EN').map((w) => w.extensions?.code) ?? [];
    const outcome = await fdm?.parameters?.refreshNow();
    expect(outcome?.parametersProblem).toMatch(/unreachable/);
    expect(codes()).not.toContain('UPDATE_PARAMS_FAILED');
    await fdm?.parameters?.refreshNow();
    expect(codes()).toEqual(expect.arrayContaining(['UPDATE_PARAMS_FAILED', 'UPDATE_POS_ALLOWLIST_FAILED']));
    const warning = fdm?.engine
      .standingWarnings('EN')
      .find((w) => w.extensions?.code === 'UPDATE_PARAMS_FAILED');
    expect(warning?.extensions?.showPos).toBe('OPTIONAL');
    expect(await signAs(secondPos)).toBe('signed');
    expect(await signAs(posId)).toBe('signed');
    expect(warnings.some((w) => w.includes('unreachable'))).toBe(true);
  });

  it('a restart keeps the refreshed parameters (FPS still down)', async () => {
    await fdm?.stop();
    fdm = null;
    fdm = await start();
    await fdm.parameters?.refreshNow();
    expect(fdm.engine.allowedPosIds()).toEqual([posId, secondPos]);
    expect(await signAs(secondPos)).toBe('signed');
  });
});
