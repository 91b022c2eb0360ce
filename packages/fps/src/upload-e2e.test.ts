import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EventMemory,
  EventUploader,
  FdmEngine,
  fetchActivationParameters,
  fileProgressStore,
  fpsActivationCa,
  fpsBatchSender,
  fpsRequest,
  initFdmState,
  ManualClock,
  TEN_DAYS_MS,
  type FdmState,
} from '@gks/fdm';
import { describeEachBackend } from '@gks/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKeyPairPem } from './ca/fps-ca.js';
import { startFpsServer, type RunningFpsServer } from './http/fps-server.js';
import { fpsServerTls, type FpsServerTls } from './testing/fdm-against-fps.js';
import { saleInput, testFps, type TestFps } from './testing/fixtures.js';

describeEachBackend('FPS over mutual TLS', (backend) => {
  let fps: TestFps;
  let server: RunningFpsServer | null = null;
  let tls: FpsServerTls;
  let root: string;
  let port = 0;
  const start = async (): Promise<RunningFpsServer> => {
    server = await startFpsServer({ app: fps.app, host: '127.0.0.1', port, tls });
    port = server.port;
    return server;
  };

  beforeAll(async () => {
    fps = await testFps(await backend.fresh());
    tls = await fpsServerTls(fps);
    root = await mkdtemp(join(tmpdir(), 'gks-fps-e2e-'));
    await start();
  });
  afterAll(async () => {
    await server?.close();
    await fps?.dispose();
    await rm(root, { recursive: true, force: true });
  });

  const activate = async (fdmId: string): Promise<FdmState> => {
    const code = await fps.registerFdm(fdmId);
    const url = server?.url ?? '';
    const parameters = await fetchActivationParameters(url, tls.caPem, fdmId, code);
    const init = await initFdmState(join(root, fdmId), {
      fdmId,
      vatNo: parameters.vatNo,
      estNo: parameters.estNo,
      allowedPosIds: parameters.allowedPosIds,
      verificationBaseUrl: parameters.verificationBaseUrl,
      ca: fpsActivationCa({ fpsUrl: url, caPem: tls.caPem, activationCode: code }),
      now: new Date(),
    });
    if (!init.ok) throw new Error(init.error.reason);
    // the code is used up: a second activation with it is refused
    await expect(fetchActivationParameters(url, tls.caPem, fdmId, code)).rejects.toThrow(/403/);
    return init.value;
  };

  it('initialises an FDM with a one-time code, then serves its parameters over mutual TLS only', async () => {
    const state = await activate('FPS02000001');
    expect(state.config.verificationBaseUrl).toBe('https://fps.test/verify');
    expect(state.caCertificatePem).toBe(tls.caPem);
    const identity = {
      keyPem: await readFile(join(state.dir, 'fdm-key.pem'), 'utf8'),
      certPem: state.certificatePem,
      caPem: tls.caPem,
    };
    const answer = await fpsRequest(server?.url ?? '', identity, 'GET', 'fdm/parameters');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      fdmId: 'FPS02000001',
      vatNo: 'BE0000000097',
      allowedPosIds: ['CPOS0031234567'],
      biiEnabled: false,
    });
    // a key the CA never certified gets nothing
    const stranger = newKeyPairPem();
    const anonymous = await fpsRequest(
      server?.url ?? '',
      { keyPem: stranger.privateKeyPem, certPem: '', caPem: tls.caPem },
      'GET',
      'fdm/parameters',
    ).catch((e: Error) => e);
    expect(anonymous instanceof Error || anonymous.status === 401).toBe(true);
  });

  describe('an FDM uploading as it signs', () => {
    let memory: EventMemory;
    let engine: FdmEngine;
    let uploader: EventUploader;
    const fdmClock = new ManualClock(new Date());
    let ticket = 0;
    const sell = async (n: number) => {
      for (let i = 0; i < n; i++) {
        fdmClock.advance(1000);
        const signed = await engine.sign('signSale', saleInput(++ticket, 3.5), false);
        if (!signed.ok) throw new Error(JSON.stringify(signed.error));
      }
    };
    const storedCount = async () =>
      (
        await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM uploaded_event WHERE fdm_id = 'FPS02000002'`.execute(
          fps.database.db,
        )
      ).rows[0]?.n;

    beforeAll(async () => {
      const state = await activate('FPS02000002');
      memory = (await EventMemory.open(state.paths.memory, { capacityBytes: 50_000_000 })).memory;
      engine = await FdmEngine.open({
        state,
        memory,
        errorLog: { append: async () => undefined },
        clock: fdmClock,
      });
      const identity = {
        keyPem: await readFile(join(state.dir, 'fdm-key.pem'), 'utf8'),
        certPem: state.certificatePem,
        caPem: tls.caPem,
      };
      uploader = new EventUploader({
        source: memory,
        send: fpsBatchSender(server?.url ?? '', identity),
        store: fileProgressStore(state.dir),
        clock: fdmClock,
        batchSize: 7,
      });
      await uploader.init();
    });
    afterAll(async () => {
      await uploader?.stop();
      await memory?.close();
    });

    it('uploads everything signed, in batches, and persists the acknowledged index', async () => {
      await sell(20);
      expect(await uploader.uploadPending()).toBe(true);
      expect(uploader.status()).toMatchObject({
        acknowledgedThrough: 20,
        pending: 0,
        uploadFailing: false,
        locked: false,
      });
      expect(await storedCount()).toBe(20);
      const persisted = JSON.parse(await readFile(join(root, 'FPS02000002', 'upload.json'), 'utf8')) as {
        acknowledgedThrough: number;
      };
      expect(persisted.acknowledgedThrough).toBe(20);
    });

    it('catches up after an FPS outage: the FDM keeps signing, everything arrives once the FPS is back', async () => {
      await server?.close();
      await sell(15);
      for (let i = 0; i < 3; i++) expect(await uploader.uploadPending()).toBe(false);
      expect(uploader.status()).toMatchObject({
        acknowledgedThrough: 20,
        pending: 15,
        consecutiveFailures: 3,
        uploadFailing: true,
      });
      await start();
      expect(await uploader.uploadPending()).toBe(true);
      expect(uploader.status()).toMatchObject({
        acknowledgedThrough: 35,
        pending: 0,
        consecutiveFailures: 0,
        uploadFailing: false,
      });
      expect(await storedCount()).toBe(35);
      const counters = await fps.database.db
        .selectFrom('uploaded_event')
        .select('total_counter')
        .where('fdm_id', '=', 'FPS02000002')
        .orderBy('total_counter')
        .execute();
      expect(counters.map((r) => Number(r.total_counter))).toEqual(
        Array.from({ length: 35 }, (_, i) => i + 1),
      );
    });

    it('FDM_LOCKED is due after 10 days without a successful upload, and lifts with the next one', async () => {
      await server?.close();
      fdmClock.advance(TEN_DAYS_MS - 60_000);
      await uploader.uploadPending();
      expect(uploader.status().locked).toBe(false);
      fdmClock.advance(60_000);
      await uploader.uploadPending();
      expect(uploader.status()).toMatchObject({ locked: true, consecutiveFailures: 2 });
      // a restart does not forget it: the last success is in upload.json
      const reloaded = new EventUploader({
        source: memory,
        send: async () => ({ failure: 'offline' }),
        store: fileProgressStore(join(root, 'FPS02000002')),
        clock: fdmClock,
      });
      await reloaded.init();
      expect(reloaded.status().locked).toBe(true);
      await start();
      expect(await uploader.uploadPending()).toBe(true);
      expect(uploader.status().locked).toBe(false);
    });
  });
});

describe('EventUploader without a network', () => {
  it('stops at an event the service will not acknowledge and says so, without looping', async () => {
    const clock = new ManualClock(new Date('2026-01-01T00:00:00Z'));
    const events = Array.from({ length: 5 }, (_, i) => ({ fields: { totalCounter: i + 1 } }));
    const source = {
      count: 5,
      async *read(from: number) {
        for (let i = from; i < events.length; i++) yield { index: i, event: events[i] as never };
      },
    };
    let calls = 0;
    const saved: unknown[] = [];
    const uploader = new EventUploader({
      source,
      clock,
      store: { load: async () => null, save: async (p) => void saved.push(p) },
      send: async () => {
        calls++;
        return { acknowledgedThrough: 2 }; // event 3 refused (forged or conflicting)
      },
    });
    await uploader.init();
    expect(await uploader.uploadPending()).toBe(false);
    expect(calls).toBe(2);
    expect(uploader.status()).toMatchObject({ acknowledgedThrough: 2, pending: 3, uploadFailing: true });
    expect(uploader.status().lastFailure).toMatch(/event 3/);
  });

  it('treats a throwing transport as a failed round', async () => {
    const clock = new ManualClock(new Date('2026-01-01T00:00:00Z'));
    const uploader = new EventUploader({
      source: {
        count: 1,
        read: async function* () {
          yield { index: 0, event: {} as never };
        },
      },
      clock,
      store: {
        load: async () => ({ acknowledgedThrough: 0, lastSuccessAt: '2025-12-20T00:00:00.000Z' }),
        save: async () => undefined,
      },
      send: async () => {
        throw new Error('ECONNREFUSED');
      },
    });
    await uploader.init();
    expect(await uploader.uploadPending()).toBe(false);
    expect(uploader.status()).toMatchObject({
      consecutiveFailures: 1,
      lastFailure: 'ECONNREFUSED',
      locked: true,
    });
  });
});
