/**
 * `npm run bench:fdm`: what signing costs, with fsync on (the memory always syncs before an answer).
 * Prints signSale latency p50/p99 and throughput over HTTP on loopback with 1, 8 and 64 concurrent
 * clients, the in-process sign rate (engine without HTTP), the bare crypto.sign rate (the limit)
 * and the ratios. A benchmark script, never a test: figures depend on the machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { Agent, request } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { systemClock } from '../engine/clock.js';
import { m110Sale, signDocument } from '../e2e/fod-requests.js';
import { scratchEngine } from '../e2e/scratch-engine.js';
import { initFdmState } from '../state/fdm-state.js';
import { fodIdentity } from '../e2e/fod-requests.js';

const timeBudgetMs = 30_000;
const gks = resolve(fileURLToPath(import.meta.url), '../../../../cli/bin/gks.js');

/** The FDM runs as its own process, as it does beside a POS: the load generator does not share its event loop. */
function startFdmProcess(dir: string, profileDir?: string): Promise<{ child: ChildProcess; url: string }> {
  const nodeArgs = profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
  return new Promise((resolvePromise, reject) => {
    const args = [...nodeArgs, gks, 'fdm', 'start', '--dir', dir, '--port', '0', '--no-admin'];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /^graphql (\S+)$/m.exec(out)?.[1];
      if (url) resolvePromise({ child, url });
    });
    child.on('exit', (code) => reject(new Error(`gks fdm start exited with ${code}: ${out}`)));
  });
}
let ticket = 0;

function post(agent: Agent, url: URL, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** CPU seconds (user + system) a process has used so far, from Linux's /proc; undefined elsewhere. */
async function cpuSecondsOf(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of stat, counted in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

async function overHttp(url: string, clients: number, requests: number, serverPid?: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const target = new URL(url);
  const query = signDocument('signSale');
  // Bodies are built before the clock starts: the load generator must not compete for the CPU.
  const bodies = Array.from({ length: requests }, () =>
    JSON.stringify({ query, variables: { data: m110Sale(++ticket), isTraining: false } }),
  );
  const latencies: number[] = [];
  let sent = 0;
  let failed = 0;
  const cpuBefore = await cpuSecondsOf(serverPid);
  const started = performance.now();
  const client = async () => {
    while (sent < requests && performance.now() - started < timeBudgetMs) {
      const body = bodies[sent++] as string;
      const t0 = performance.now();
      const answer = await post(agent, target, body);
      latencies.push(performance.now() - t0);
      if (!answer.includes('"signResult":{')) failed++;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const elapsed = performance.now() - started;
  const cpuAfter = await cpuSecondsOf(serverPid);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    clients,
    requests: latencies.length,
    failed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    perSecond: (latencies.length / elapsed) * 1000,
    serverCpuUs:
      cpuBefore === undefined || cpuAfter === undefined
        ? NaN
        : ((cpuAfter - cpuBefore) / latencies.length) * 1e6,
  };
}

async function inProcess(requests: number, concurrency: number) {
  const fdm = await scratchEngine(systemClock);
  try {
    let next = 0;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const worker = async () => {
      while (next < requests) {
        next++;
        const r = await fdm.engine.sign('signSale', m110Sale(next), false);
        if (!r.ok) throw new Error(`refused: ${r.error.code}`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const cpu = process.cpuUsage(cpuBefore);
    return {
      perSecond: (requests / (performance.now() - started)) * 1000,
      // CPU of this process (the signing thread, libuv's fs threads): steadier than the rate on a busy machine.
      cpuUsPerSign: (cpu.user + cpu.system) / requests,
    };
  } finally {
    await fdm.dispose();
  }
}

function bareSignRate(count: number): number {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const bytes = Buffer.alloc(420, 0x61); // about the size of the signed byte string of one event
  const started = performance.now();
  for (let i = 0; i < count; i++) sign('sha256', bytes, { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return (count / (performance.now() - started)) * 1000;
}

async function main() {
  const root = await mkdtemp(join(tmpdir(), 'gks-fdm-bench-'));
  try {
    const dir = join(root, 'fdm');
    const init = await initFdmState(dir, {
      fdmId: fodIdentity.fdmId,
      vatNo: fodIdentity.vatNo,
      estNo: fodIdentity.estNo,
      allowedPosIds: [fodIdentity.posId],
      now: new Date(),
    });
    if (!init.ok) throw new Error(init.error.reason);
    // `--cpu-prof DIR`: the FDM process writes a V8 CPU profile there when it stops.
    const profileAt = process.argv.indexOf('--cpu-prof');
    const fdm = await startFdmProcess(dir, profileAt < 0 ? undefined : process.argv[profileAt + 1]);
    console.log(
      `FDM benchmark (fsync on), memory in ${tmpdir()}, node ${process.version}, FDM in its own process`,
    );
    await overHttp(fdm.url, 8, 300); // warm-up: JIT, parse cache, connections
    const rows = [];
    for (const [clients, requests] of [
      [1, 1500],
      [8, 6000],
      [64, 6000],
    ] as const) {
      rows.push(await overHttp(fdm.url, clients, requests, fdm.child.pid));
    }
    const stopped = new Promise((r) => fdm.child.once('exit', r));
    fdm.child.kill('SIGTERM');
    await stopped;
    console.log('\nsignSale over HTTP on loopback');
    console.log('clients  requests  failed   p50 ms   p99 ms   signed/s   FDM CPU µs/sale');
    for (const r of rows) {
      console.log(
        `${String(r.clients).padStart(7)}  ${String(r.requests).padStart(8)}  ${String(r.failed).padStart(6)}` +
          `  ${r.p50.toFixed(2).padStart(7)}  ${r.p99.toFixed(2).padStart(7)}  ${r.perSecond.toFixed(0).padStart(9)}` +
          `  ${r.serverCpuUs.toFixed(0).padStart(16)}`,
      );
    }
    const engine = await inProcess(10_000, 64);
    const engineRate = engine.perSecond;
    const cryptoRate = bareSignRate(10_000);
    const eight = rows.find((r) => r.clients === 8);
    const load = (await readFile('/proc/loadavg', 'utf8').catch(() => '?')).split(' ').slice(0, 3).join(' ');
    console.log(`(machine load average during the run: ${load})`);
    console.log(
      `\nin-process engine.sign (64 concurrent)   ${engineRate.toFixed(0)} signed/s, ` +
        `${engine.cpuUsPerSign.toFixed(0)} µs CPU per sign`,
    );
    console.log(`bare crypto.sign ECDSA P-256             ${cryptoRate.toFixed(0)} signatures/s (the limit)`);
    console.log(`ratio in-process / crypto.sign           ${(engineRate / cryptoRate).toFixed(2)}`);
    if (eight) {
      console.log(`ratio HTTP 8 clients / crypto.sign       ${(eight.perSecond / cryptoRate).toFixed(2)}`);
      const pass = eight.p99 < 20 && eight.perSecond >= 1000 && eight.failed === 0;
      console.log(
        `\nfloor (8 clients: p99 < 20 ms, >= 1000 signed/s): ${pass ? 'MET' : 'NOT MET'} ` +
          `(p99 ${eight.p99.toFixed(2)} ms, ${eight.perSecond.toFixed(0)}/s)`,
      );
      process.exitCode = pass ? 0 : 1;
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
