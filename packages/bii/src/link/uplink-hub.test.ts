import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalTestCa, startFdmUplink, type FdmUplink, type UplinkEvent } from '@gks/fdm';
import { streamLog } from '../server/bridge-log.js';
import { makePki, tempRoot, waitFor, type Pki } from '../testing/fixture.js';
import { startUplinkHub, type UplinkHub } from './uplink-hub.js';

// Who may attach (A-2: the manufacturer secures the connection): only an FDM certificate of a
// trusted CA, valid now, whose subject is the fdmId of the hello.

let dir: Awaited<ReturnType<typeof tempRoot>>;
let pki: Pki;
let hub: UplinkHub;
const logLines: string[] = [];

const fdmCertificate = async (ca: LocalTestCa, fdmId: string, validDays?: number) => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const certPem = await ca.issueFdmCertificate({
    fdmId,
    vatNo: 'BE0000000097',
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    ...(validDays !== undefined ? { validDays } : {}),
  });
  return { certPem, keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
};

const echo = async (request: { body: Buffer }) => ({
  status: 200,
  contentType: 'application/json',
  body: Buffer.concat([Buffer.from('echo:'), request.body]),
});

const attach = (fdmId: string, cert: { certPem: string; keyPem: string }, events: UplinkEvent[] = []) => {
  const started = startFdmUplink({
    bridgeUrl: hub.url,
    fdmId,
    ...cert,
    caPem: pki.bridgeCa.certPem,
    exchange: echo,
    backoff: { initialMs: 20, maxMs: 100 },
    onEvent: (event) => events.push(event),
  });
  if (!started.ok) throw new Error(started.error);
  return started.value;
};

beforeAll(async () => {
  dir = await tempRoot();
  pki = await makePki(dir.root);
  hub = await startUplinkHub({
    host: '127.0.0.1',
    port: 0,
    tls: pki.server,
    fdmCaPem: pki.fdmCa.caCertificatePem,
    nodeId: 'hub-test',
    heartbeatMs: 100,
    log: streamLog({ write: (line: string) => logLines.push(line) }),
  });
});

afterAll(async () => {
  await hub?.stop();
  await dir?.remove();
});

describe('attaching', () => {
  it('an FDM with a valid certificate attaches; requests and answers are routed by id, in any order', async () => {
    const uplink = attach('FOD01000011', await fdmCertificate(pki.fdmCa, 'FOD01000011'));
    try {
      expect(await uplink.waitUntilAttached(3000)).toBe(true);
      expect(hub.isAttached('FOD01000011')).toBe(true);
      const bodies = Array.from({ length: 20 }, (_, i) => Buffer.from(`request ${i}`));
      const outcomes = await Promise.all(bodies.map((body) => hub.forward('FOD01000011', { body })?.outcome));
      outcomes.forEach((outcome, i) => {
        expect(outcome?.kind === 'answer' && outcome.answer.body.toString()).toBe(`echo:request ${i}`);
      });
    } finally {
      await uplink.stop();
    }
    await waitFor(() => !hub.isAttached('FOD01000011'));
  });

  it('keeps the link through heartbeats while idle', async () => {
    const uplink = attach('FOD01000012', await fdmCertificate(pki.fdmCa, 'FOD01000012'));
    try {
      expect(await uplink.waitUntilAttached(3000)).toBe(true);
      const since = uplink.status().since;
      await new Promise((resolve) => setTimeout(resolve, 500)); // five heartbeat intervals
      expect(uplink.status().state).toBe('attached');
      expect(uplink.status().since).toEqual(since);
    } finally {
      await uplink.stop();
    }
  });

  const refusedCases: [
    string,
    () => Promise<{ fdmId: string; cert: { certPem: string; keyPem: string } }>,
  ][] = [
    [
      'a certificate of another CA',
      async () => {
        const stranger = await LocalTestCa.create(join(dir.root, 'stranger-ca'));
        return { fdmId: 'FOD01000013', cert: await fdmCertificate(stranger, 'FOD01000013') };
      },
    ],
    [
      'an expired certificate of the trusted CA',
      async () => {
        const past = await LocalTestCa.load(
          join(dir.root, 'fdm-ca'),
          () => new Date(Date.now() - 10 * 86_400_000),
        );
        return { fdmId: 'FOD01000014', cert: await fdmCertificate(past, 'FOD01000014', 1) };
      },
    ],
    [
      'a hello naming another fdmId than the certificate',
      async () => ({ fdmId: 'FOD01000099', cert: await fdmCertificate(pki.fdmCa, 'FOD01000015') }),
    ],
    [
      'a TLS server certificate instead of an FDM certificate',
      async () => ({ fdmId: 'FOD01000016', cert: pki.server }),
    ],
  ];
  it.each(refusedCases)('refuses %s: never attached, keeps retrying with back-off', async (_name, make) => {
    const { fdmId, cert } = await make();
    const events: UplinkEvent[] = [];
    const uplink = attach(fdmId, cert, events);
    try {
      await waitFor(() => events.filter((e) => e.kind === 'lost').length >= 2, 5000);
      expect(hub.isAttached(fdmId)).toBe(false);
      expect(uplink.status().state).not.toBe('attached');
      expect(events.some((e) => e.kind === 'attached')).toBe(false);
    } finally {
      await uplink.stop();
    }
  });

  it('a new attach of the same FDM replaces the old link (the FDM reconnected)', async () => {
    const cert = await fdmCertificate(pki.fdmCa, 'FOD01000017');
    const first = attach('FOD01000017', cert);
    const uplinks: FdmUplink[] = [first];
    try {
      expect(await first.waitUntilAttached(3000)).toBe(true);
      const since = hub.links().find((l) => l.fdmId === 'FOD01000017')?.linkId;
      const second = attach('FOD01000017', cert);
      uplinks.push(second);
      expect(await second.waitUntilAttached(3000)).toBe(true);
      await waitFor(() => hub.links().find((l) => l.fdmId === 'FOD01000017')?.linkId !== since);
      expect(hub.links().filter((l) => l.fdmId === 'FOD01000017')).toHaveLength(1);
    } finally {
      for (const uplink of uplinks) await uplink.stop();
    }
  });

  it('a request in flight when the link dies is lost, not answered', async () => {
    let release: () => void = () => undefined;
    const started = startFdmUplink({
      bridgeUrl: hub.url,
      fdmId: 'FOD01000018',
      ...(await fdmCertificate(pki.fdmCa, 'FOD01000018')),
      caPem: pki.bridgeCa.certPem,
      exchange: () =>
        new Promise((resolve) => {
          release = () =>
            resolve({ status: 200, contentType: 'application/json', body: Buffer.from('late') });
        }),
    });
    if (!started.ok) throw new Error(started.error);
    expect(await started.value.waitUntilAttached(3000)).toBe(true);
    const pending = hub.forward('FOD01000018', { body: Buffer.from('x') });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await started.value.stop();
    expect((await pending?.outcome)?.kind).toBe('lost');
    release();
  });

  it('no link, no forward', () => {
    expect(hub.forward('FOD01000019', { body: Buffer.from('x') })).toBeUndefined();
  });

  it('logged link events name FDMs and reasons, never payloads', () => {
    const text = logLines.join('');
    expect(text).toContain('uplink-attached');
    expect(text).toContain('uplink-refused');
    expect(text).not.toContain('request 1');
    expect(text).not.toContain('echo:');
  });
});
