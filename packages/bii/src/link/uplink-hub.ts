import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { checkFdmId } from '@gks/core';
import {
  decodeAnswer,
  decodeJson,
  encodeFrame,
  encodeJson,
  encodeRequest,
  FrameReader,
  frameTypes,
  uplinkProtocolVersion,
  type Frame,
  type UplinkAnswer,
  type UplinkRequest,
} from '@gks/fdm';
import type { BridgeLog } from '../server/bridge-log.js';

/** What came back from an FDM for one forwarded request. */
export type LinkOutcome =
  | { readonly kind: 'answer'; readonly answer: UplinkAnswer }
  /** The FDM cut its answer off (fault injection) or the link died with the request in flight. */
  | { readonly kind: 'lost' };

export interface PendingForward {
  readonly outcome: Promise<LinkOutcome>;
  /** Forget the request (the bridge gave up on it); a late answer is discarded. */
  cancel(): void;
}

export interface LinkInfo {
  readonly fdmId: string;
  readonly linkId: string;
  readonly since: Date;
  readonly remoteAddress: string;
}

export interface UplinkHubOptions {
  readonly host: string;
  readonly port: number;
  /** The bridge's server certificate and key. */
  readonly tls: { readonly certPem: string; readonly keyPem: string };
  /** CA(s) whose FDM certificates may attach: the FPS (today the FDM's local test CA). */
  readonly fdmCaPem: string | readonly string[];
  readonly nodeId: string;
  /** Heartbeat interval told to FDMs; a link silent for 3 intervals is closed. Default 5000 ms. */
  readonly heartbeatMs?: number;
  /** Time for the TLS handshake plus hello. Default 10 s. */
  readonly helloTimeoutMs?: number;
  /** Called when an FDM attaches or its link ends (routing table upkeep). */
  readonly onAttach?: (link: LinkInfo) => void;
  readonly onDetach?: (link: LinkInfo) => void;
  /** Whether the tax administration revoked the certificate with this serial (hex): such FDMs may not attach. */
  readonly revoked?: (serialHex: string) => boolean;
  readonly log: BridgeLog;
}

export interface UplinkHub {
  /** tls://host:port */
  readonly url: string;
  readonly port: number;
  /** Sends a request to the FDM over its live link, or undefined when it has none here. */
  forward(fdmId: string, request: UplinkRequest): PendingForward | undefined;
  isAttached(fdmId: string): boolean;
  links(): LinkInfo[];
  /** Cuts the links whose certificate is now revoked (after a CRL update); returns how many. */
  dropRevoked(): number;
  stop(): Promise<void>;
}

interface Link {
  readonly info: LinkInfo;
  readonly socket: TLSSocket;
  /** The serial of the FDM certificate the link was opened with. */
  readonly serial: string;
  readonly pending: Map<number, (outcome: LinkOutcome) => void>;
  nextId: number;
}

/**
 * The bridge's side of the FDM uplinks: a TLS server that requires a client certificate from a
 * trusted FDM CA (expired, unknown-CA or absent certificates fail the handshake), then a hello
 * whose fdmId must be the certificate's subject CN. One live link per FDM; a new attach of the
 * same FDM replaces the old link (the FDM reconnected, e.g. after its NAT changed).
 */
export async function startUplinkHub(options: UplinkHubOptions): Promise<UplinkHub> {
  const heartbeatMs = options.heartbeatMs ?? 5000;
  const helloTimeoutMs = options.helloTimeoutMs ?? 10_000;
  const links = new Map<string, Link>();
  const sockets = new Set<TLSSocket>();
  const { log } = options;

  const server: Server = createServer(
    {
      cert: options.tls.certPem,
      key: options.tls.keyPem,
      ca: typeof options.fdmCaPem === 'string' ? options.fdmCaPem : [...options.fdmCaPem],
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    },
    (socket) => accept(socket),
  );
  server.on('tlsClientError', (error: NodeJS.ErrnoException, socket) => {
    log.event('uplink-refused', { remote: socket.remoteAddress ?? '?', reason: error.code ?? error.message });
  });

  function accept(socket: TLSSocket): void {
    sockets.add(socket);
    socket.setNoDelay(true);
    const remoteAddress = socket.remoteAddress ?? '?';
    const reader = new FrameReader();
    let link: Link | undefined;
    let lastHeard = Date.now();
    const helloTimer = setTimeout(() => refuse('no hello in time'), helloTimeoutMs);
    const watchdog = setInterval(() => {
      if (Date.now() - lastHeard > 3 * heartbeatMs) {
        log.event('uplink-silent', { fdmId: link?.info.fdmId ?? '?', node: options.nodeId });
        socket.destroy();
      }
    }, heartbeatMs);
    watchdog.unref();

    function refuse(reason: string): void {
      log.event('uplink-refused', { remote: remoteAddress, reason });
      if (socket.writable) socket.end(encodeFrame(frameTypes.refuse, 0, encodeJson({ reason })));
      setTimeout(() => socket.destroy(), 1000).unref();
    }

    socket.on('data', (chunk: Buffer) => {
      lastHeard = Date.now();
      const frames = reader.push(chunk);
      if (!frames.ok) {
        log.event('uplink-protocol-error', { fdmId: link?.info.fdmId ?? '?', reason: frames.error });
        socket.destroy();
        return;
      }
      for (const frame of frames.value) onFrame(frame);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      clearTimeout(helloTimer);
      clearInterval(watchdog);
      if (!link) return;
      for (const settle of link.pending.values()) settle({ kind: 'lost' });
      link.pending.clear();
      if (links.get(link.info.fdmId) === link) {
        links.delete(link.info.fdmId);
        options.onDetach?.(link.info);
      }
      log.event('uplink-detached', { fdmId: link.info.fdmId, node: options.nodeId });
    });

    function onFrame(frame: Frame): void {
      if (!link) {
        if (frame.type !== frameTypes.hello) return refuse('the first frame must be a hello');
        const hello = decodeJson(frame.payload);
        const fdmId = hello?.['fdmId'];
        if (hello?.['protocol'] !== uplinkProtocolVersion) return refuse('unsupported protocol version');
        if (typeof fdmId !== 'string' || !checkFdmId(fdmId).ok) return refuse('hello without a valid fdmId');
        const certificate = socket.getPeerCertificate();
        const subject = certificate.subject as Record<string, string | string[]> | undefined;
        if (subject?.['CN'] !== fdmId) return refuse('the fdmId is not the certificate subject');
        if (options.revoked?.(certificate.serialNumber)) return refuse('the FDM certificate is revoked');
        clearTimeout(helloTimer);
        link = {
          info: { fdmId, linkId: randomBytes(8).toString('hex'), since: new Date(), remoteAddress },
          socket,
          serial: certificate.serialNumber,
          pending: new Map(),
          nextId: 1,
        };
        const previous = links.get(fdmId);
        links.set(fdmId, link);
        if (previous) previous.socket.destroy();
        socket.write(encodeFrame(frameTypes.welcome, 0, encodeJson({ nodeId: options.nodeId, heartbeatMs })));
        log.event('uplink-attached', { fdmId, node: options.nodeId });
        options.onAttach?.(link.info);
        return;
      }
      switch (frame.type) {
        case frameTypes.answer: {
          const settle = link.pending.get(frame.id);
          if (!settle) return; // the bridge gave up on it already
          link.pending.delete(frame.id);
          const answer = decodeAnswer(frame.payload);
          settle(answer.ok ? { kind: 'answer', answer: answer.value } : { kind: 'lost' });
          return;
        }
        case frameTypes.drop: {
          const settle = link.pending.get(frame.id);
          link.pending.delete(frame.id);
          settle?.({ kind: 'lost' });
          return;
        }
        case frameTypes.ping:
          socket.write(encodeFrame(frameTypes.pong, 0));
          return;
        case frameTypes.pong:
          return;
        default:
          log.event('uplink-protocol-error', {
            fdmId: link.info.fdmId,
            reason: `frame 0x${frame.type.toString(16)}`,
          });
          socket.destroy();
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `tls://${host}:${port}`,
    port,
    forward(fdmId, request) {
      const link = links.get(fdmId);
      if (!link || link.socket.destroyed) return undefined;
      let id = link.nextId;
      link.nextId = id >= 0xffffffff ? 1 : id + 1;
      while (link.pending.has(id)) id = id >= 0xffffffff ? 1 : id + 1;
      const outcome = new Promise<LinkOutcome>((resolve) => link.pending.set(id, resolve));
      link.socket.write(encodeFrame(frameTypes.request, id, encodeRequest(request)));
      return {
        outcome,
        cancel: () => {
          link.pending.delete(id);
        },
      };
    },
    isAttached: (fdmId) => links.has(fdmId),
    links: () => [...links.values()].map((link) => link.info),
    dropRevoked() {
      let dropped = 0;
      for (const link of links.values()) {
        if (!options.revoked?.(link.serial)) continue;
        log.event('uplink-revoked', { fdmId: link.info.fdmId, node: options.nodeId });
        // Gone from routing at once; the FDM is told why, then the socket is cut.
        links.delete(link.info.fdmId);
        options.onDetach?.(link.info);
        const { socket } = link;
        if (socket.writable)
          socket.end(
            encodeFrame(frameTypes.refuse, 0, encodeJson({ reason: 'the FDM certificate is revoked' })),
          );
        setTimeout(() => socket.destroy(), 1000).unref();
        dropped++;
      }
      return dropped;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
