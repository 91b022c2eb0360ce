/**
 * A busy evening: 20 terminals, 2,000 table tickets (orders sent to the kitchen, more lines,
 * one table in five transferred, then paid) through the POS API (in process, yoga.fetch) with
 * the POS signing through a real software FDM running in its own process over HTTP.
 *
 * Prints p50/p99 from "pay" to the signed ticket, tickets per second, and the POS's own time
 * beside the FDM calls. Run: npm run bench:pos (DATABASE_URL selects PostgreSQL, else PGlite).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { initFdmState } from '@gks/fdm';
import { createPosYoga } from '../api/pos-yoga.js';
import { openPosDatabase, posDatabaseLocation } from '../db/open-database.js';
import { upsertCostCenter } from '../master-data/cost-centers.js';
import { createTerminal } from '../master-data/terminals.js';
import { createUser } from '../master-data/users.js';
import { openRegisterRuntime, systemClock } from '../server/runtime.js';
import { demoSettings, initRegister, technicianUserId } from '../setup/init-register.js';

const terminals = Number(process.env['BENCH_TERMINALS'] ?? 20);
const ticketsPerTerminal = Number(process.env['BENCH_TICKETS'] ?? 2000) / terminals;
const tablesPerTerminal = 4;

const here = dirname(fileURLToPath(import.meta.url));
const gksCli = join(here, '..', '..', '..', 'cli', 'bin', 'gks.js');

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** An INSZ-shaped number with valid check digits (born before 2000). */
function employeeId(n: number): string {
  const body = 800101000 + n;
  return `${body}${String(97 - (body % 97)).padStart(2, '0')}`;
}

async function startFdmProcess(dir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const state = await initFdmState(dir, {
    fdmId: 'FOD01000001',
    vatNo: 'BE0000000097',
    estNo: '2000000042',
    allowedPosIds: ['CPOS0031234567'],
    capacityBytes: 512 * 1024 * 1024,
    now: new Date(),
  });
  if (!state.ok) throw new Error(state.error.reason);
  const child = spawn(process.execPath, [gksCli, 'fdm', 'start', '--dir', dir, '--port', '0', '--no-admin'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^graphql (\S+)$/.exec(line);
      if (match) resolve(match[1] ?? '');
    });
    child.once('exit', (code) => reject(new Error(`the FDM exited with ${code}`)));
  });
  return {
    url: url.replace(/\/graphql$/, ''),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'gks-pos-bench-'));
  const fdm = await startFdmProcess(join(root, 'fdm'));
  const location = posDatabaseLocation(process.env, join(root, 'pos-data'));
  try {
    // --- set-up: register, terminals, users, tables, a shift
    const setup = await openPosDatabase(location);
    const by = { userId: technicianUserId, terminalId: null };
    const init = await initRegister(
      setup.db,
      { settings: demoSettings(fdm.url), technicianPin: '0000', terminals: [], demo: true },
      systemClock,
    );
    if (!init.ok) throw new Error(init.error.message);
    const tokens: string[] = [];
    for (let t = 0; t < terminals; t++) {
      const token = `bench-terminal-${t}-token-0000`;
      const made = await createTerminal(
        setup.db,
        { terminalId: `B${t}`, name: `Bench ${t}`, deviceId: `bench-device-${t}`, token },
        by,
        systemClock,
      );
      if (!made.ok) throw new Error(made.error.message);
      tokens.push(token);
      const user = await createUser(
        setup.db,
        { userId: `w${t}`, alias: `Waiter${t}`, employeeId: employeeId(t), pin: '1234', role: 'waiter' },
        by,
        systemClock,
      );
      if (!user.ok) throw new Error(user.error.message);
      for (let k = 0; k < tablesPerTerminal; k++) {
        const table = await upsertCostCenter(
          setup.db,
          { costCenterId: `B${t}-${k}`, name: `Table ${t}.${k}`, type: 'TABLE' },
          by,
          systemClock,
        );
        if (!table.ok) throw new Error(table.error.message);
      }
    }
    await setup.close();

    // The POS process is busy with 20 terminals: give the FDM's answers time to be read.
    const runtime = await openRegisterRuntime({
      database: { ...location, poolSize: 20 } as never,
      fdm: { timeoutMs: 60_000 },
    });
    const recovered = await runtime.deps.pipeline.recover();
    if (!recovered.ok) throw new Error(recovered.error.message);
    const yoga = createPosYoga(runtime);

    // Time spent inside the FDM client (request to answer), charged to the payment that waits for it.
    const payment = new AsyncLocalStorage<{ fdmMs: number }>();
    const send = runtime.fdm.send.bind(runtime.fdm);
    runtime.fdm.send = async (prepared) => {
      const started = performance.now();
      try {
        return await send(prepared);
      } finally {
        const store = payment.getStore();
        if (store) store.fdmMs += performance.now() - started;
      }
    };

    const clientFor = async (t: number) => {
      let session = '';
      const gql = async (query: string, variables: Record<string, unknown> = {}) => {
        const response = await yoga.fetch('http://pos/graphql', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-terminal-token': tokens[t] ?? '',
            ...(session ? { authorization: `Bearer ${session}` } : {}),
          },
          body: JSON.stringify({ query, variables }),
        });
        const answer = (await response.json()) as {
          data?: Record<string, { [k: string]: unknown }>;
          errors?: unknown[];
        };
        if (answer.errors) throw new Error(`${query}: ${JSON.stringify(answer.errors)}`);
        return answer.data ?? {};
      };
      const login = await gql(`mutation { login(alias: "Waiter${t}", pin: "1234") { sessionToken } }`);
      session = String(login['login']?.['sessionToken']);
      await gql('mutation { clockIn { id } }');
      return gql;
    };
    const clients = await Promise.all(Array.from({ length: terminals }, (_, t) => clientFor(t)));

    const payLatencies: number[] = [];
    const payFdmMs: number[] = [];
    let transfers = 0;
    const evening = async (t: number): Promise<void> => {
      const gql = clients[t];
      if (!gql) return;
      for (let i = 0; i < ticketsPerTerminal; i++) {
        const table = `B${t}-${i % 2}`;
        const id = String(
          (await gql(`mutation { startRegistration(costCenterId: "${table}") { id } }`))[
            'startRegistration'
          ]?.['id'],
        );
        await gql(
          'mutation($id: ID!) { addLines(registrationId: $id, lines: [{productId: "10006", quantity: 2}, {productId: "22001", quantity: 1}, {productId: "10012", quantity: 0.75}]) { total } }',
          { id },
        );
        await gql('mutation($id: ID!) { sendOrder(registrationId: $id) { ticket { id } } }', { id });
        await gql(
          'mutation($id: ID!) { addLines(registrationId: $id, lines: [{productId: "30001", quantity: 2}]) { total } }',
          { id },
        );
        if (i % 5 === 0) {
          await gql(
            `mutation($id: ID!) { transfer(registrationId: $id, toCostCenterId: "B${t}-${2 + (i % 2)}") { ticket { id } } }`,
            { id },
          );
          transfers++;
        }
        const store = { fdmMs: 0 };
        const started = performance.now();
        // 2 x 12.00 + 28.00 + 0.75 l x 24.00 + 2 x 9.50 = 89.00 (the dessert goes as a last order first)
        await payment.run(store, () =>
          gql(
            'mutation($id: ID!) { pay(registrationId: $id, payments: [{type: CARD_DEBIT, amount: 89}]) { ticket { shortSignature } } }',
            { id },
          ),
        );
        payLatencies.push(performance.now() - started);
        payFdmMs.push(store.fdmMs);
        if (payLatencies.length % 100 === 0) process.stderr.write(`${payLatencies.length} tickets paid\n`);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: terminals }, (_, t) => evening(t)));
    const seconds = (performance.now() - started) / 1000;
    const events = await runtime.deps.db
      .selectFrom('fiscal_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    await runtime.close();

    const sorted = [...payLatencies].sort((a, b) => a - b);
    const overhead = payLatencies.map((ms, i) => ms - (payFdmMs[i] ?? 0)).sort((a, b) => a - b);
    const fdmSorted = [...payFdmMs].sort((a, b) => a - b);
    const fmt = (ms: number): string => ms.toFixed(1).padStart(8);
    const lines = [
      `gks-pos bench: ${terminals} terminals, ${payLatencies.length} table tickets (${transfers} transfers), backend ${'dataDir' in location ? 'pglite' : 'postgres'}, FDM in its own process over HTTP`,
      `machine: ${cpus().length} CPUs, load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
      `fiscal events signed: ${Number(events?.n ?? 0)} in ${seconds.toFixed(1)} s (${(Number(events?.n ?? 0) / seconds).toFixed(0)} events/s)`,
      `tickets paid per second: ${(payLatencies.length / seconds).toFixed(1)}`,
      `                          p50 ms   p90 ms   p99 ms`,
      `pay -> signed ticket   ${fmt(percentile(sorted, 50))} ${fmt(percentile(sorted, 90))} ${fmt(percentile(sorted, 99))}`,
      `  of which FDM calls   ${fmt(percentile(fdmSorted, 50))} ${fmt(percentile(fdmSorted, 90))} ${fmt(percentile(fdmSorted, 99))}`,
      `  POS's own time       ${fmt(percentile(overhead, 50))} ${fmt(percentile(overhead, 90))} ${fmt(percentile(overhead, 99))}`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    await fdm.stop();
    await rm(root, { recursive: true, force: true });
  }
}

await main();
