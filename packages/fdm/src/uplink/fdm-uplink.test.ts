import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalTestCa } from '../ca/local-test-ca.js';
import { parseBridgeUrl, startFdmUplink, type FdmUplink, type UplinkEvent } from './fdm-uplink.js';
import type { LocalExchange } from './local-exchange.js';
import {
  decodeAnswer,
  decodeJson,
  encodeFrame,
  encodeJson,
  encodeRequest,
  FrameReader,
  frameTypes,
  type Frame,
} from './uplink-protocol.js';

// The FDM's side of the uplink against a scripted bridge: what it sends, how it answers, when
// it gives up on a link and comes back.

let root: string;
let ca: LocalTestCa;
let fdmCert: { certPem: string; keyPem: string };
let serverTls: { cert: string; key: string };

const keyPair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gks-fdm-uplink-'));
  ca = await LocalTestCa.create(join(root, 'ca'));
  const fdmKeys = keyPair();
  fdmCert = {
    certPem: await ca.issueFdmCertificate({
      fdmId: 'FOD01000051',
      vatNo: 'BE0000000097',
      publicKeyPem: fdmKeys.publicKeyPem,
    }),
    keyPem: fdmKeys.keyPem,
  };
  const serverKeys = keyPair();
  serverTls = {
    cert: await ca.issueServerCertificate({
      hostnames: ['localhost'],
      ipAddresses: ['127.0.0.1'],
      publicKeyPem: serverKeys.publicKeyPem,
    }),
    key: serverKeys.keyPem,
  };
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A bridge that records every frame and lets the test script its side. */
async function scriptedBridge(onFrame: (frame: Frame, socket: TLSSocket, connection: number) => void) {
  let connections = 0;
  const sockets = new Set<TLSSocket>();
  const server: Server = createServer(
    { ...serverTls, ca: ca.caCertificatePem, requestCert: true, rejectUnauthorized: true },
    (socket) => {
      const connection = ++connections;
      sockets.add(socket);
      const reader = new FrameReader();
      socket.on('data', (chunk: Buffer) => {
        const frames = reader.push(chunk);
        if (frames.ok) for (const frame of frames.value) onFrame(frame, socket, connection);
      });
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `tls://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const welcome = (heartbeatMs = 50) =>
  encodeFrame(frameTypes.welcome, 0, encodeJson({ nodeId: 'scripted', heartbeatMs }));

const start = (url: string, exchange: LocalExchange, events: UplinkEvent[] = []): FdmUplink => {
  const started = startFdmUplink({
    bridgeUrl: url,
    fdmId: 'FOD01000051',
    ...fdmCert,
    caPem: ca.caCertificatePem,
    exchange,
    backoff: { initialMs: 10, maxMs: 40 },
    onEvent: (event) => events.push(event),
  });
  if (!started.ok) throw new Error(started.error);
  return started.value;
};

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('not in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

const answerOk: LocalExchange = async (request) => ({
  status: 200,
  contentType: 'application/json',
  body: Buffer.concat([Buffer.from('ok:'), request.body]),
});

describe('the FDM uplink', () => {
  it('says hello with its fdmId, answers each request under its id, and sends drop for a lost answer', async () => {
    const seen: Frame[] = [];
    const bridge = await scriptedBridge((frame, socket) => {
      seen.push(frame);
      if (frame.type === frameTypes.hello) {
        socket.write(welcome(1000));
        socket.write(encodeFrame(frameTypes.request, 7, encodeRequest({ body: Buffer.from('a') })));
        socket.write(encodeFrame(frameTypes.request, 8, encodeRequest({ body: Buffer.from('drop me') })));
        socket.write(encodeFrame(frameTypes.request, 9, encodeRequest({ body: Buffer.from('throw') })));
      }
    });
    const uplink = start(bridge.url, async (request) => {
      const text = request.body.toString();
      if (text === 'drop me') return 'drop';
      if (text === 'throw') throw new Error('a bug');
      return answerOk(request);
    });
    try {
      await until(
        () => seen.filter((f) => f.type !== frameTypes.hello && f.type !== frameTypes.ping).length === 3,
      );
      expect(decodeJson(seen[0]?.payload ?? Buffer.alloc(0))).toEqual({ protocol: 1, fdmId: 'FOD01000051' });
      const byId = new Map(seen.filter((f) => f.id !== 0).map((f) => [f.id, f]));
      const answer = decodeAnswer(byId.get(7)?.payload ?? Buffer.alloc(0));
      expect(answer.ok && answer.value.body.toString()).toBe('ok:a');
      expect(byId.get(8)?.type).toBe(frameTypes.drop);
      expect(byId.get(9)?.type).toBe(frameTypes.drop);
      expect(uplink.status()).toMatchObject({ state: 'attached', nodeId: 'scripted' });
    } finally {
      await uplink.stop();
      await bridge.stop();
    }
    expect(uplink.status().state).toBe('stopped');
  });

  it('gives up on a bridge that goes silent (3 heartbeats) and reconnects', async () => {
    const bridge = await scriptedBridge((frame, socket) => {
      if (frame.type === frameTypes.hello) socket.write(welcome(30)); // then never a pong
    });
    const events: UplinkEvent[] = [];
    const uplink = start(bridge.url, answerOk, events);
    try {
      await until(() => bridge.connections() >= 2);
      expect(events.some((e) => e.kind === 'lost' && e.reason === 'heartbeat lost')).toBe(true);
    } finally {
      await uplink.stop();
      await bridge.stop();
    }
  });

  it('reports a refusal and keeps trying with back-off, never attached', async () => {
    const bridge = await scriptedBridge((frame, socket) => {
      if (frame.type === frameTypes.hello)
        socket.end(encodeFrame(frameTypes.refuse, 0, encodeJson({ reason: 'not you' })));
    });
    const events: UplinkEvent[] = [];
    const uplink = start(bridge.url, answerOk, events);
    try {
      await until(() => bridge.connections() >= 3);
      expect(events.filter((e) => e.kind === 'refused').length).toBeGreaterThanOrEqual(2);
      expect(events.some((e) => e.kind === 'attached')).toBe(false);
      const waits = events.flatMap((e) => (e.kind === 'lost' ? [e.retryInMs] : []));
      expect(Math.max(...waits)).toBeLessThanOrEqual(40);
    } finally {
      await uplink.stop();
      await bridge.stop();
    }
  });

  it('closes a link on a malformed frame', async () => {
    const bridge = await scriptedBridge((frame, socket) => {
      if (frame.type === frameTypes.hello) {
        socket.write(welcome(1000));
        socket.write(Buffer.from([0, 0, 0, 5, 0x7f, 0, 0, 0, 0]));
      }
    });
    const events: UplinkEvent[] = [];
    const uplink = start(bridge.url, answerOk, events);
    try {
      await until(() => events.some((e) => e.kind === 'lost'));
      expect(events.find((e) => e.kind === 'lost')).toMatchObject({
        reason: expect.stringContaining('protocol violation'),
      });
    } finally {
      await uplink.stop();
      await bridge.stop();
    }
  });

  it.each(['https://bii:8444', 'tls://bii', 'tls://:8444', 'tls://bii:8444/path', 'not a url'])(
    'refuses the bridge URL %s',
    (url) => {
      expect(parseBridgeUrl(url).ok).toBe(false);
    },
  );

  it('reads tls://host:port, IPv6 too', () => {
    expect(parseBridgeUrl('tls://[::1]:8444')).toEqual({ ok: true, value: { host: '::1', port: 8444 } });
  });
});
