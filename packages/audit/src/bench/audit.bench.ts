/**
 * npm run bench:audit [-- --events N] [--workers W] [--engine auto|native|node] [--fresh]
 *
 * Generates (or reuses, from the OS temp directory) a memory of N signed sales made with a real
 * FDM state (key, certificate, test CA), then verifies it in full and prints events per second.
 * Generation is sequential (every signature covers the previous record), so it is cached.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { access, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { initFdmState, loadFdmState } from '@gks/fdm';
import { signatureChecker } from '../signature/signature-check.js';
import { verifyAudit } from '../verify/verify.js';
import { generateMemory } from './generate-memory.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    workers: { type: 'string' },
    engine: { type: 'string', default: 'auto' },
    fresh: { type: 'boolean', default: false },
  },
});
const engine = values.engine;
if (engine !== 'auto' && engine !== 'native' && engine !== 'node') {
  console.error('--engine is auto, native or node');
  process.exit(2);
}
const events = Number(values.events);
if (!Number.isSafeInteger(events) || events < 1) {
  console.error('--events must be a positive integer');
  process.exit(2);
}
const workers = values.workers === undefined ? undefined : Number(values.workers);

const dir = join(tmpdir(), 'gks-audit-bench', String(events));
const memoryFile = join(dir, 'bench-memory.fdm');
const exists = async (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

if (values.fresh || !(await exists(join(dir, 'complete')))) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const init = await initFdmState(dir, {
    fdmId: 'FOD01000001',
    vatNo: 'BE0000000097',
    estNo: '2000000042',
    allowedPosIds: ['CPOS0031234567'],
    now: new Date('2024-12-31T00:00:00Z'),
  });
  if (!init.ok) throw new Error(init.error.reason);
  const t0 = performance.now();
  await generateMemory(memoryFile, init.value.signer, events, (done) => {
    process.stderr.write(`\rgenerating ${done}/${events}`);
  });
  const s = (performance.now() - t0) / 1000;
  process.stderr.write('\n');
  console.log(`generated ${events} signed events in ${s.toFixed(1)} s (${Math.round(events / s)} events/s)`);
  await writeFile(join(dir, 'complete'), '');
} else {
  console.log(`reusing ${memoryFile} (pass --fresh to regenerate)`);
}

const state = await loadFdmState(dir);
if (!state.ok) throw new Error(state.error.reason);
const size = (await stat(memoryFile)).size;

// One signature check right now, one thread, with each engine: the verifier cannot beat
// threads x this. CPU time as well as wall time: on a shared machine the wall time mostly says
// how busy it is.
const ecdsaOf = (which: 'native' | 'node') => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const check = signatureChecker(
    new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
    which,
  ).check;
  const message = Buffer.alloc(600, 1);
  const signature = sign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' });
  const n = 4000;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++)
    if (!check(message, signature)) throw new Error(`${which} refused a good signature`);
  const cpu = process.cpuUsage(cpu0);
  return { wallUs: ((performance.now() - t0) * 1000) / n, cpuUs: (cpu.user + cpu.system) / n };
};
const ecdsaEngines = (['node', 'native'] as const)
  .filter((which) => which === 'node' || engine !== 'node')
  .map((which) => {
    try {
      return { which, ...ecdsaOf(which) };
    } catch (e) {
      console.log(`${which} signature check unavailable: ${(e as Error).message}`);
      return undefined;
    }
  })
  .filter((e) => e !== undefined);
for (const e of ecdsaEngines)
  console.log(
    `ECDSA P-256 verify (${e.which}) on this machine now, one thread: ${e.cpuUs.toFixed(0)} us of CPU ` +
      `(${e.wallUs.toFixed(0)} us wall) per signature; load average ${loadText()}`,
  );

function loadText(): string {
  return loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
}

const cpuBefore = process.cpuUsage();
const report = await verifyAudit({
  fdm: { memoryFile },
  fdmCertificatePem: state.value.certificatePem,
  caCertificatePem: state.value.caCertificatePem,
  ...(workers === undefined ? {} : { workers }),
  signatureEngine: engine,
});
const ecdsa = ecdsaEngines.find((e) => e.which === report.signatureEngine) ?? { cpuUs: 0 };
const cpu = process.cpuUsage(cpuBefore);
const cpuUsPerEvent = (cpu.user + cpu.system) / Math.max(1, report.events);
const seconds = report.elapsedMs / 1000;
console.log(
  `verified ${report.events} events (${(size / 2 ** 20).toFixed(0)} MiB) in ${seconds.toFixed(1)} s with ` +
    `${report.threads} worker thread(s), ${report.signatureEngine} signature check: ${Math.round(report.events / seconds)} events/s; ` +
    `${report.errors} error(s), ${report.warnings} warning(s); peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
);
const cores = Math.max(1, report.threads);
console.log(
  `CPU time, all threads: ${cpuUsPerEvent.toFixed(0)} us per event, of which the signature check ` +
    `about ${ecdsa.cpuUs.toFixed(0)} us and everything else about ${(cpuUsPerEvent - ecdsa.cpuUs).toFixed(0)} us; ` +
    `load average ${loadText()}`,
);
console.log(
  `on ${cores} otherwise idle core(s) at this CPU cost: ${((cpuUsPerEvent * report.events) / cores / 1e6).toFixed(1)} s ` +
    `(${Math.round(1e6 / (cpuUsPerEvent / cores))} events/s)`,
);
if (report.events !== events || !report.ok) process.exitCode = 1;
