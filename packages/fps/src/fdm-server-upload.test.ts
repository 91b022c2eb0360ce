import { request } from 'node:https';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initFdmFromFps, startFdmServer, type RunningFdm } from '@gks/fdm';
import { describeEachBackend } from '@gks/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startFpsServer, type RunningFpsServer } from './http/fps-server.js';
import { activateFdm, fpsServerTls, type FpsServerTls } from './testing/fdm-against-fps.js';
import { saleInput, testFps, type TestFps } from './testing/fixtures.js';

/** GET over server-authenticated TLS, as a browser opening the ticket's QR code would. */
function getJson(url: string, caPem: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca: caPem, headers: { accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describeEachBackend('an FDM server initialised against the FPS', (backend) => {
  const fdmId = 'FPS03000001';
  let fps: TestFps;
  let server: RunningFpsServer | null = null;
  let fdm: RunningFdm | null = null;
  let tls: FpsServerTls;
  let root: string;
  let port = 0;
  const startFps = async (): Promise<void> => {
    server = await startFpsServer({ app: fps.app, host: '127.0.0.1', port, tls });
    port = server.port;
  };
  const storedCount = async () =>
    (
      await sql<{ n: number }>`SELECT count(*)::int AS n FROM uploaded_event WHERE fdm_id = ${fdmId}`.execute(
        fps.database.db,
      )
    ).rows[0]?.n;
  let ticket = 0;
  const sell = async () => {
    const signed = await fdm?.engine.sign('signSale', saleInput(++ticket, 12.5), false);
    if (!signed?.ok) throw new Error(`sign refused: ${JSON.stringify(signed?.error)}`);
    return signed.value;
  };

  beforeAll(async () => {
    fps = await testFps(await backend.fresh());
    tls = await fpsServerTls(fps);
    root = await mkdtemp(join(tmpdir(), 'gks-fps-fdm-server-'));
    await startFps();
  });
  afterAll(async () => {
    await fdm?.stop();
    await server?.close();
    await fps?.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it('refuses to initialise with a wrong activation code', async () => {
    await fps.registerFdm('FPS03000002');
    const refused = await initFdmFromFps(join(root, 'wrong'), {
      fpsUrl: server?.url ?? '',
      fpsCaPem: tls.caPem,
      fdmId: 'FPS03000002',
      activationCode: 'NOT-THE-CODE',
      now: new Date(),
    });
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.error.reason).toMatch(/refused|40\d/);
  });

  it('signs a sale, uploads it, and the FPS verification page of its verificationUrl says valid', async () => {
    const dir = join(root, 'fdm');
    const state = await activateFdm(fps, fdmId, dir, { url: server?.url ?? '', caPem: tls.caPem });
    expect(state.config).toMatchObject({
      fpsUrl: server?.url,
      verificationBaseUrl: 'https://fps.test/verify',
      vatNo: 'BE0000000097',
      allowedPosIds: ['CPOS0031234567'],
    });
    const started = await startFdmServer({
      dir,
      admin: false,
      upload: { intervalMs: 20, backoff: { baseMs: 10, maxMs: 20 } },
    });
    if (!started.ok) throw new Error(started.error.reason);
    fdm = started.value;
    expect(fdm.uploader).toBeDefined();

    const result = await sell();
    await vi.waitFor(async () => expect(await storedCount()).toBe(1), { timeout: 5_000, interval: 20 });
    // The ticket's QR code opens <public URL>/verify/...: the same path on the running service.
    const path = new URL(result.verificationUrl ?? '').pathname;
    const verdict = await getJson(`${server?.url}${path}`, tls.caPem);
    expect(verdict.status).toBe(200);
    expect(verdict.body).toMatchObject({ status: 'valid' });
    const forged = await getJson(`${server?.url}${path.replace(/[^/]+$/, 'AAAAAAAA')}`, tls.caPem);
    expect((forged.body as { status: string }).status).not.toBe('valid');
  });

  it('FPS down: the FDM signs on, warns TRANSACTION_UPLOAD_FAILED, and catches up once the FPS is back', async () => {
    await server?.close();
    for (let i = 0; i < 3; i++) await sell();
    await vi.waitFor(() => expect(fdm?.uploader?.status().uploadFailing).toBe(true), {
      timeout: 10_000,
      interval: 20,
    });
    const warned = await sell();
    expect(warned.warnings?.map((w) => [w.extensions?.code, w.extensions?.showPos])).toContainEqual([
      'TRANSACTION_UPLOAD_FAILED',
      'MANDATORY',
    ]);
    expect(await storedCount()).toBe(1);
    await startFps();
    await vi.waitFor(async () => expect(await storedCount()).toBe(5), { timeout: 10_000, interval: 20 });
    await vi.waitFor(
      () => expect(fdm?.uploader?.status()).toMatchObject({ pending: 0, uploadFailing: false }),
      {
        timeout: 5_000,
        interval: 20,
      },
    );
    expect((await sell()).warnings ?? []).toEqual([]);
  });
});
