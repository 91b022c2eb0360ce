/** Test support: an FPS over a test database, and software FDMs initialised against it. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventMemory, FdmEngine, initFdmState, ManualClock, type StoredEvent } from '@gks/fdm';
import type { DatabaseLocation } from '@gks/db';
import { newAuditorCredential, type AuditorCredential } from '../auditor/auditor-credential.js';
import { FpsCertificateAuthority } from '../ca/fps-ca.js';
import { openFpsDatabase, type FpsDatabase } from '../db/open-fps-database.js';
import { createFpsApp, type FpsApp } from '../http/fps-app.js';
import { issueActivationCode, registerFdm, registerOperator, type Clock } from '../registry/registrations.js';
import { recordIssuedCertificates } from '../service/fps-service.js';

export const operator = { vatNo: 'BE0000000097', estNo: '2000000042', name: 'Restaurant De Test' } as const;
export const posId = 'CPOS0031234567';

export interface TestFps {
  readonly app: FpsApp;
  readonly database: FpsDatabase;
  readonly ca: FpsCertificateAuthority;
  readonly auditor: AuditorCredential;
  readonly auditorPassword: string;
  readonly clock: Clock;
  /** Registers the operator (once) and the FDM; returns a fresh activation code. */
  registerFdm(fdmId: string): Promise<string>;
  dispose(): Promise<void>;
}

export async function testFps(
  location: DatabaseLocation,
  clock: Clock = { now: () => new Date() },
): Promise<TestFps> {
  const root = await mkdtemp(join(tmpdir(), 'gks-fps-'));
  const database = await openFpsDatabase(location);
  const ca = await FpsCertificateAuthority.create(join(root, 'ca'), () => clock.now());
  recordIssuedCertificates(ca, database.db, clock);
  const { credential, password } = newAuditorCredential();
  const app = createFpsApp({
    db: database.db,
    ca,
    clock,
    auditor: credential,
    publicBaseUrl: 'https://fps.test',
    verificationLimit: { perMinute: 600, burst: 1000 },
  });
  let operatorDone = false;
  return {
    app,
    database,
    ca,
    auditor: credential,
    auditorPassword: password,
    clock,
    async registerFdm(fdmId) {
      if (!operatorDone) {
        const o = await registerOperator(
          database.db,
          { vatNo: operator.vatNo, name: operator.name, estNos: [operator.estNo], by: 'test' },
          clock,
        );
        if (!o.ok) throw new Error(o.error.reason);
        operatorDone = true;
      }
      const f = await registerFdm(
        database.db,
        { fdmId, ownerVatNo: operator.vatNo, estNo: operator.estNo, allowedPosIds: [posId], by: 'test' },
        clock,
      );
      if (!f.ok) throw new Error(f.error.reason);
      const code = await issueActivationCode(database.db, fdmId, clock);
      if (!code.ok) throw new Error(code.error.reason);
      return code.value.code;
    },
    async dispose() {
      await database.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

export interface TestFdm {
  readonly dir: string;
  readonly fdmId: string;
  readonly engine: FdmEngine;
  readonly memory: EventMemory;
  readonly certificatePem: string;
  /** Signs sale number `ticketNo` of `euros` and returns what the memory stored. */
  sale(ticketNo: number, euros?: number): Promise<StoredEvent>;
  events(): Promise<StoredEvent[]>;
  dispose(): Promise<void>;
}

/** A software FDM whose certificate comes from `ca` (the FPS CA, in place of the FDM's local test CA). */
export async function testFdm(ca: FpsCertificateAuthority, fdmId: string): Promise<TestFdm> {
  const root = await mkdtemp(join(tmpdir(), 'gks-fps-fdm-'));
  const dir = join(root, 'fdm');
  const init = await initFdmState(dir, {
    fdmId,
    vatNo: operator.vatNo,
    estNo: operator.estNo,
    allowedPosIds: [posId],
    verificationBaseUrl: 'https://fps.test/verify',
    ca,
    now: new Date(),
  });
  if (!init.ok) throw new Error(init.error.reason);
  const state = init.value;
  const { memory } = await EventMemory.open(state.paths.memory, { capacityBytes: 50_000_000 });
  const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));
  const engine = await FdmEngine.open({
    state,
    memory,
    errorLog: { append: async () => undefined },
    clock,
  });
  return {
    dir,
    fdmId,
    engine,
    memory,
    certificatePem: state.certificatePem,
    async sale(ticketNo, euros = 52) {
      clock.advance(1000);
      const signed = await engine.sign('signSale', saleInput(ticketNo, euros), false);
      if (!signed.ok) throw new Error(`sign refused: ${JSON.stringify(signed.error)}`);
      const last = memory.lastEvent;
      if (!last) throw new Error('nothing stored');
      return last;
    },
    async events() {
      const all: StoredEvent[] = [];
      for await (const { event } of memory.read(0)) all.push(event);
      return all;
    },
    async dispose() {
      await memory.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

export function saleInput(ticketNo: number, euros: number): Record<string, unknown> {
  return {
    language: 'NL',
    vatNo: operator.vatNo,
    estNo: operator.estNo,
    posId,
    posFiscalTicketNo: ticketNo,
    posDateTime: '2026-03-02T11:00:00.000+01:00',
    posSwVersion: '1.0.0',
    deviceId: '1631678d-7a85-4ac3-b296-bb4565e873fe',
    terminalId: 'T1',
    bookingPeriodId: 'dffcd829-a0e5-41ca-a0ae-9eb887f95637',
    bookingDate: '2026-03-02',
    ticketMedium: 'PAPER',
    employeeId: '84022899837',
    transaction: {
      transactionLines: [
        {
          lineType: 'SINGLE_PRODUCT',
          mainProduct: {
            productId: '10006',
            productName: 'Dry Martini',
            departmentId: '10',
            departmentName: 'Aperitifs',
            quantity: 1,
            quantityType: 'PIECE',
            unitPrice: euros,
            vats: [{ label: 'A', price: euros, priceChanges: [] }],
          },
          lineTotal: euros,
        },
      ],
      transactionTotal: euros,
    },
    financials: [
      {
        id: '1',
        name: 'CASH',
        type: 'CASH',
        inputMethod: 'MANUAL',
        amount: euros,
        amountType: 'PAYMENT',
        drawer: { id: '1', name: 'Drawer 1' },
      },
    ],
  };
}

/** The app called in-process, as an FDM presenting its verified client certificate. */
export function asFdm(app: FpsApp, fdmId: string | null) {
  return (path: string, init: RequestInit = {}): Promise<Response> =>
    app(new Request(`https://fps.test${path}`, init), { address: '127.0.0.1', fdmId });
}
