import { randomBytes } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { RunningFdm } from '@gks/fdm';
import { biiEnableCommand, biiStatusCommand } from './cli/bii-policy.js';
import { startBridgeFromArgs, type StartedBridge } from './cli/bii-start.js';
import { openBridgeDatabase } from './cli/data-dir.js';
import {
  bridgeStartArgs,
  bridgeTransport,
  clientOver,
  makePki,
  posA,
  posB,
  postRaw,
  sale,
  setFaults,
  startFdm,
  tempRoot,
  type Pki,
} from './testing/fixture.js';

// the bridge stores no data that passes through it, logs included. Traffic with unique
// markers in requests (product names) and answers (signatures) goes through a bridge started as
// `gks bii start` does; afterwards every byte the bridge wrote (its data directory: database,
// logs, certificates) and its stdout/stderr are searched for every marker. A control marker
// that the operator did put into the database (a policy reason) must be found, or the scan
// would prove nothing.

const fdmId = 'FOD01000031';
let dir: Awaited<ReturnType<typeof tempRoot>>;
let pki: Pki;
let bridgeDir: string;
let startArgs: Awaited<ReturnType<typeof bridgeStartArgs>>;
let fdm: RunningFdm | undefined;
let bridge: StartedBridge | undefined;
const out: string[] = [];
const collector = () =>
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      out.push(chunk.toString('utf8'));
      done();
    },
  });
const io = { stdout: collector(), stderr: collector() };
const control = `CONTROL${randomBytes(8).toString('hex')}`;

beforeAll(async () => {
  dir = await tempRoot();
  pki = await makePki(dir.root);
  bridgeDir = join(dir.root, 'bridge');
  startArgs = await bridgeStartArgs(dir.root, pki, bridgeDir, 'a4-node');
});

afterAll(async () => {
  await fdm?.stop();
  await bridge?.stop();
  await dir?.remove();
});

async function filesUnder(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(path)));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

it('keeps no request or answer data in its files, logs, stdout or stderr (A-4)', async () => {
  const policyArgs = (extra: Record<string, string>) => ({
    values: {
      dir: bridgeDir,
      'fdm-id': fdmId,
      'vat-no': posA.vatNo,
      'est-no': posA.estNo,
      'pos-id': posA.posId,
      ...extra,
    },
    positionals: [],
  });
  expect(await biiEnableCommand.run(policyArgs({ by: 'operator', reason: control }), io)).toBe(0);

  const processWrites: string[] = [];
  const spies = [process.stdout, process.stderr].map((stream) =>
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      processWrites.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }),
  );
  const markers: string[] = [];
  try {
    const started = await startBridgeFromArgs(startArgs, io, {});
    if (typeof started === 'number') throw new Error(`bridge did not start: ${out.join('')}`);
    bridge = started;
    const caPem = started.generatedCaPem ?? '';

    // the running node holds the embedded database; the CLI goes through the node's admin endpoint
    await expect(openBridgeDatabase(bridgeDir, undefined)).rejects.toThrow(/in use/);
    expect(await biiEnableCommand.run(policyArgs({}), io)).toBe(0);
    expect(out.join('')).toContain(`enabled ${fdmId}`);

    fdm = await startFdm(dir.root, fdmId, pki.fdmCa, { url: started.node.uplinkUrl, caPem });
    expect(await fdm.uplink?.waitUntilAttached(5000)).toBe(true);

    const client = clientOver(bridgeTransport(started.node.url, fdmId, caPem), 2);
    for (let i = 0; i < 5; i++) {
      const marker = `MARKER${randomBytes(8).toString('hex').toUpperCase()}`;
      markers.push(marker);
      const signed = await client.signSale(sale(posA, marker), { isTraining: false });
      expect(signed.ok).toBe(true);
      if (!signed.ok) continue;
      const { digitalSignature, shortSignature } = signed.value.result;
      expect(shortSignature).toMatch(/^[0-9a-f]{40}$/);
      markers.push(digitalSignature, shortSignature ?? '');
    }
    // a lost answer, resent
    await setFaults(fdm, { dropResponses: 1 });
    const lostMarker = `MARKER${randomBytes(8).toString('hex').toUpperCase()}`;
    markers.push(lostMarker);
    const resent = await client.signSale(sale(posA, lostMarker), { isTraining: false });
    expect(resent.ok && resent.value.duplicate).toBe(true);
    client.close();
    // refusals carry markers too: not allowed, unusable
    const refusedMarker = `MARKER${randomBytes(8).toString('hex').toUpperCase()}`;
    const unusableMarker = `MARKER${randomBytes(8).toString('hex').toUpperCase()}`;
    markers.push(refusedMarker, unusableMarker);
    const refused = await postRaw(
      started.node.url,
      { fdmId },
      JSON.stringify({
        query: 'mutation S($data: SaleInput!) { signSale(data: $data, isTraining: false) { posId } }',
        variables: { data: sale(posB, refusedMarker) },
      }),
      caPem,
    );
    expect(refused.body).toContain('FDM_BII_NOT_ALLOWED');
    const unusable = await postRaw(started.node.url, { fdmId }, `{"query": "${unusableMarker}`, caPem);
    expect(unusable.body).toContain('INTERNAL_FDM_BII_SERVER_ERROR');
    expect(unusable.body).not.toContain(unusableMarker);

    await fdm.stop();
    fdm = undefined;
    await started.stop();
    bridge = undefined;
    expect(await biiStatusCommand.run({ values: { dir: bridgeDir }, positionals: [] }, io)).toBe(0);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }

  const files = await filesUnder(bridgeDir);
  expect(files.some((f) => f.endsWith('bii.log'))).toBe(true);
  expect((await stat(join(bridgeDir, 'logs', 'bii.log'))).size).toBeGreaterThan(0);
  const contents = await Promise.all(files.map((f) => readFile(f)));
  const everything = [...contents, Buffer.from(out.join('')), Buffer.from(processWrites.join(''))];
  const foundIn = (text: string) => everything.filter((bytes) => bytes.includes(Buffer.from(text))).length;

  expect(markers.length).toBeGreaterThan(12);
  for (const marker of markers) expect({ marker, found: foundIn(marker) }).toEqual({ marker, found: 0 });
  // the scan does see into the database files and the output
  expect(contents.some((bytes) => bytes.includes(Buffer.from(control)))).toBe(true);
  expect(out.join('')).toContain(control);
});
