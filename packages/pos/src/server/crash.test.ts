import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPosDatabase, type PosDatabaseLocation } from '../db/open-database.js';
import { describeEachBackend } from '../db/test-backends.js';
import { verifyJournalChain } from '../journal/verify.js';
import { pendingEvents } from '../outbox/outbox.js';
import {
  initTestRegister,
  removeDir,
  startTestFdm,
  terminalTokens,
  type TestFdm,
} from '../testing/register-fixture.js';
import { assertBuildIsCurrent, builtScript } from '../testing/built-script.js';

// kill -9 of the POS server process in the middle of paying and at other points: after a restart
// every sale is completed exactly once at the FDM and in the journal, or still open; never lost,
// never doubled.

const childScript = builtScript('testing/pos-child.js');

interface Child {
  readonly process: ChildProcess;
  readonly url: string;
  readonly recovered: number;
}

function startChild(location: PosDatabaseLocation): Promise<Child> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, JSON.stringify(location)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^listening (\S+) recovered (\d+)$/.exec(line);
      if (match) resolve({ process: child, url: match[1] ?? '', recovered: Number(match[2]) });
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`POS child exited (${code ?? signal}): ${stderr}`));
    });
  });
}

function kill(child: Child): Promise<void> {
  return new Promise((resolve) => {
    child.process.once('exit', () => resolve());
    child.process.kill('SIGKILL');
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- GraphQL answers of several shapes
  data?: Record<string, any>;
  errors?: { extensions?: { code?: string } }[];
}

/** A logged-in, clocked-in client of one child process. */
async function clientOf(child: Child) {
  let session = '';
  const gql = async (query: string): Promise<Answer> => {
    const response = await fetch(child.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-terminal-token': terminalTokens.T1,
        ...(session ? { authorization: `Bearer ${session}` } : {}),
      },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as never;
  };
  const login = await gql('mutation { login(alias: "Ann", pin: "1234") { sessionToken clockedIn } }');
  session = login.data?.['login'].sessionToken;
  if (!login.data?.['login'].clockedIn) await gql('mutation { clockIn { id } }');
  const must = async (query: string) => {
    const answer = await gql(query);
    if (answer.errors) throw new Error(`${query}: ${JSON.stringify(answer.errors)}`);
    return answer.data ?? {};
  };
  return {
    gql,
    must,
    async openSale(productId: string, quantity: number): Promise<string> {
      const id = (await must('mutation { startRegistration { id } }'))['startRegistration'].id as string;
      await must(
        `mutation { addLines(registrationId: "${id}", lines: [{productId: "${productId}", quantity: ${quantity}}]) { total } }`,
      );
      return id;
    },
    async status(id: string): Promise<string> {
      return (await must(`{ registration(id: "${id}") { status } }`))['registration'].status;
    },
  };
}

/** Signed SALE events in the journal for one registration (through the close links). */
async function signedSalesOf(location: PosDatabaseLocation, registrationIds: readonly string[]) {
  const pos = await openPosDatabase(location);
  try {
    const rows = await pos.db
      .selectFrom('event_link')
      .innerJoin('fiscal_result', 'fiscal_result.event_seq', 'event_link.event_seq')
      .select(['event_link.registration_id', 'fiscal_result.outcome'])
      .where('event_link.role', '=', 'close')
      .where('event_link.registration_id', 'in', registrationIds as string[])
      .execute();
    const pending = await pendingEvents(pos.db);
    const chain = await verifyJournalChain(pos.db);
    return { rows, pending, chainOk: chain.ok };
  } finally {
    await pos.close();
  }
}

describeEachBackend('POS crash recovery (kill -9 of the server process)', (backend) => {
  let fdm: TestFdm;
  let location: PosDatabaseLocation;

  beforeAll(async () => {
    assertBuildIsCurrent(childScript);
    fdm = await startTestFdm();
    location = await backend.fresh();
    await initTestRegister(location, fdm.fdm.url);
  });

  afterAll(async () => {
    await fdm?.stop();
    if (fdm) await removeDir(fdm.dir);
  });

  it(
    'killed while the FDM holds the answer to a payment: after restart the sale is signed exactly once',
    { timeout: 120_000 },
    async () => {
      let child = await startChild(location);
      let client = await clientOf(child);
      const id = await client.openSale('22001', 2);
      const signedBefore = fdm.fdm.engine.eventCounter('N');
      await fdm.faults({ delayMs: 1500 });
      const paying = client
        .gql(
          `mutation { pay(registrationId: "${id}", payments: [{type: CASH, amount: 56}]) { ticket { id } } }`,
        )
        .catch(() => null);
      await sleep(600); // journaled and sent; the FDM sits on it
      await kill(child);
      await paying;
      await sleep(1500); // the FDM finishes what it received
      await fdm.faults(null);

      child = await startChild(location);
      expect(child.recovered).toBe(1); // the journaled payment, resent byte for byte at start
      client = await clientOf(child);
      expect(await client.status(id)).toBe('closed');
      expect(fdm.fdm.engine.eventCounter('N')).toBe(signedBefore + 1);
      expect(
        (
          await client.gql(
            `mutation { pay(registrationId: "${id}", payments: [{type: CASH, amount: 56}]) { due } }`,
          )
        ).errors?.[0]?.extensions?.code,
      ).toBe('REGISTRATION_CLOSED');
      await kill(child);
      const after = await signedSalesOf(location, [id]);
      expect(after.rows).toEqual([{ registration_id: id, outcome: 'signed' }]);
      expect(after.pending).toEqual([]);
      expect(after.chainOk).toBe(true);
    },
  );

  it(
    'killed before paying: the order is still open after restart and is paid once',
    { timeout: 120_000 },
    async () => {
      let child = await startChild(location);
      let client = await clientOf(child);
      const id = await client.openSale('10006', 1);
      await kill(child);
      const signedBefore = fdm.fdm.engine.eventCounter('N');
      child = await startChild(location);
      expect(child.recovered).toBe(0);
      client = await clientOf(child);
      expect(await client.status(id)).toBe('open');
      await client.must(
        `mutation { pay(registrationId: "${id}", payments: [{type: CASH, amount: 12}]) { ticket { id } } }`,
      );
      expect(fdm.fdm.engine.eventCounter('N')).toBe(signedBefore + 1);
      await kill(child);
    },
  );

  it(
    'killed at a random moment of a burst of payments: each sale is signed once or still open',
    { timeout: 180_000 },
    async () => {
      let child = await startChild(location);
      let client = await clientOf(child);
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push(await client.openSale('10011', 1 + (i % 3)));
      const signedBefore = fdm.fdm.engine.eventCounter('N');
      await fdm.faults({ delayMs: 150 });
      const payments = ids.map((id, i) =>
        client
          .gql(
            `mutation { pay(registrationId: "${id}", payments: [{type: CARD_DEBIT, amount: ${(3.8 * (1 + (i % 3))).toFixed(2)}}]) { ticket { id } } }`,
          )
          .catch(() => null),
      );
      await sleep(250 + Math.floor(Math.random() * 400));
      await kill(child);
      await Promise.all(payments);
      await sleep(300);
      await fdm.faults(null);

      child = await startChild(location);
      client = await clientOf(child);
      const statuses = await Promise.all(ids.map((id) => client.status(id)));
      expect(statuses.every((s) => s === 'closed' || s === 'open')).toBe(true);
      const closed = ids.filter((_, i) => statuses[i] === 'closed');
      // every sale the FDM signed is closed once in the journal, and nothing else was signed
      expect(fdm.fdm.engine.eventCounter('N') - signedBefore).toBe(closed.length);
      // the open ones are paid now, once each
      for (const [i, id] of ids.entries()) {
        if (statuses[i] === 'open')
          await client.must(
            `mutation { pay(registrationId: "${id}", payments: [{type: CARD_DEBIT, amount: ${(3.8 * (1 + (i % 3))).toFixed(2)}}]) { ticket { id } } }`,
          );
      }
      expect(fdm.fdm.engine.eventCounter('N') - signedBefore).toBe(ids.length);
      await kill(child);
      const after = await signedSalesOf(location, ids);
      expect(
        after.rows
          .filter((r) => r.outcome === 'signed')
          .map((r) => r.registration_id)
          .sort(),
      ).toEqual([...ids].sort());
      expect(after.pending).toEqual([]);
      expect(after.chainOk).toBe(true);
    },
  );
});
