import { isIP } from 'node:net';
import { connect, type TLSSocket } from 'node:tls';
import { err, ok, type Result } from '@gks/core';
import type { LocalExchange } from './local-exchange.js';
import {
  decodeJson,
  decodeRequest,
  encodeAnswer,
  encodeFrame,
  encodeJson,
  FrameReader,
  frameTypes,
  uplinkProtocolVersion,
  type Frame,
} from './uplink-protocol.js';

export interface FdmUplinkOptions {
  /** The bridge's uplink address: `tls://host:port`. */
  readonly bridgeUrl: string;
  readonly fdmId: string;
  /**
   * The FDM's certificate and key (fdm-cert.pem, fdm-key.pem): its TLS client certificate. A
   * function is asked on every connect, so a renewed certificate is used from the next one on.
   */
  readonly certPem: string | (() => string);
  readonly keyPem: string;
  /** CA(s) that issued the bridge's server certificate; the system's roots when absent. */
  readonly caPem?: string | readonly string[];
  /** Name on the bridge's certificate when it differs from the URL's host. */
  readonly serverName?: string;
  /** Runs a forwarded request through the FDM (createLocalExchange). */
  readonly exchange: LocalExchange;
  /** Heartbeat interval until the bridge's welcome names its own; default 5000 ms. */
  readonly heartbeatMs?: number;
  /** Reconnect back-off: full jitter between 0 and min(maxMs, initialMs * 2^attempt). */
  readonly backoff?: { readonly initialMs?: number; readonly maxMs?: number };
  /** Time allowed for the TLS handshake and the bridge's welcome; default 10 s. */
  readonly handshakeTimeoutMs?: number;
  readonly random?: () => number;
  /** Link events for the operator's log. Never carries request or answer data. */
  readonly onEvent?: (event: UplinkEvent) => void;
}

export type UplinkEvent =
  | { readonly kind: 'attached'; readonly nodeId: string }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'lost'; readonly reason: string; readonly retryInMs: number };

export interface UplinkStatus {
  readonly state: 'connecting' | 'attached' | 'waiting' | 'stopped';
  /** When the current state began. */
  readonly since: Date;
  readonly nodeId?: string;
  readonly lastProblem?: string;
}

export interface FdmUplink {
  status(): UplinkStatus;
  /** Resolves true once attached (now or later), false if `timeoutMs` passes first. */
  waitUntilAttached(timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
}

export function parseBridgeUrl(url: string): Result<{ host: string; port: number }, string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return err(`bridge URL ${JSON.stringify(url)} is not a URL`);
  }
  if (parsed.protocol !== 'tls:') return err('bridge URL must be tls://host:port');
  const port = Number(parsed.port);
  if (!parsed.hostname || !Number.isInteger(port) || port <= 0)
    return err('bridge URL needs a host and a port');
  if (parsed.pathname !== '' && parsed.pathname !== '/') return err('bridge URL takes no path');
  return ok({ host: parsed.hostname.replace(/^\[|\]$/g, ''), port });
}

/**
 * Keeps one outgoing TLS connection from the FDM to a bridge, so that POS requests can reach an
 * FDM behind NAT. Authenticates with the FDM's own certificate; the hello names the
 * fdmId, which the bridge checks against that certificate. Reconnects with jittered exponential
 * back-off for as long as it runs; heartbeats detect a dead path on either side.
 */
export function startFdmUplink(options: FdmUplinkOptions): Result<FdmUplink, string> {
  const address = parseBridgeUrl(options.bridgeUrl);
  if (!address.ok) return address;
  const initialMs = options.backoff?.initialMs ?? 250;
  const maxMs = options.backoff?.maxMs ?? 30_000;
  if (!(initialMs > 0) || !(maxMs >= initialMs)) return err('backoff needs 0 < initialMs <= maxMs');
  const random = options.random ?? Math.random;
  const handshakeTimeoutMs = options.handshakeTimeoutMs ?? 10_000;

  let status: UplinkStatus = { state: 'connecting', since: new Date() };
  let stopped = false;
  let attempt = 0;
  let socket: TLSSocket | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  const attachedWaiters = new Set<() => void>();

  const setStatus = (next: Omit<UplinkStatus, 'since'>) => {
    status = { ...next, since: new Date() };
    if (next.state === 'attached') for (const wake of attachedWaiters) wake();
  };

  const scheduleReconnect = (reason: string) => {
    if (stopped) return;
    const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
    const delay = Math.max(1, Math.round(random() * ceiling));
    attempt += 1;
    setStatus({ state: 'waiting', lastProblem: reason });
    options.onEvent?.({ kind: 'lost', reason, retryInMs: delay });
    retryTimer = setTimeout(open, delay);
  };

  function open(): void {
    retryTimer = undefined;
    if (stopped) return;
    setStatus({ state: 'connecting', ...(status.lastProblem ? { lastProblem: status.lastProblem } : {}) });
    const { host, port } = address.ok ? address.value : { host: '', port: 0 };
    const s = connect({
      host,
      port,
      cert: typeof options.certPem === 'function' ? options.certPem() : options.certPem,
      key: options.keyPem,
      ...(options.caPem !== undefined
        ? { ca: typeof options.caPem === 'string' ? options.caPem : [...options.caPem] }
        : {}),
      // SNI carries names only; an IP address is still checked against the certificate.
      ...(options.serverName !== undefined || isIP(host) === 0
        ? { servername: options.serverName ?? host }
        : {}),
    });
    socket = s;
    let heartbeatMs = options.heartbeatMs ?? 5000;
    let lastHeard = Date.now();
    let attached = false;
    let problem = 'connection closed';
    let heartbeat: NodeJS.Timeout | undefined;
    const reader = new FrameReader();
    const handshake = setTimeout(() => {
      problem = 'no welcome from the bridge in time';
      s.destroy();
    }, handshakeTimeoutMs);

    const send = (frame: Buffer) => {
      if (!s.destroyed && s.writable) s.write(frame);
    };

    s.setNoDelay(true);
    s.on('secureConnect', () => {
      send(
        encodeFrame(
          frameTypes.hello,
          0,
          encodeJson({ protocol: uplinkProtocolVersion, fdmId: options.fdmId }),
        ),
      );
    });
    s.on('data', (chunk: Buffer) => {
      lastHeard = Date.now();
      const frames = reader.push(chunk);
      if (!frames.ok) {
        problem = `protocol violation: ${frames.error}`;
        s.destroy();
        return;
      }
      for (const frame of frames.value) onFrame(frame);
    });
    s.on('error', (error: NodeJS.ErrnoException) => {
      problem = error.code ? `${error.code}: ${error.message}` : error.message;
    });
    s.on('close', () => {
      clearTimeout(handshake);
      clearInterval(heartbeat);
      if (socket === s) socket = undefined;
      if (attached) attempt = 0;
      scheduleReconnect(problem);
    });

    function onFrame(frame: Frame): void {
      switch (frame.type) {
        case frameTypes.welcome: {
          const welcome = decodeJson(frame.payload);
          const nodeId = typeof welcome?.['nodeId'] === 'string' ? welcome['nodeId'] : '?';
          const bridgeHeartbeat = welcome?.['heartbeatMs'];
          if (typeof bridgeHeartbeat === 'number' && bridgeHeartbeat >= 10) heartbeatMs = bridgeHeartbeat;
          clearTimeout(handshake);
          attached = true;
          attempt = 0;
          setStatus({ state: 'attached', nodeId });
          options.onEvent?.({ kind: 'attached', nodeId });
          heartbeat = setInterval(() => {
            if (Date.now() - lastHeard > 3 * heartbeatMs) {
              problem = 'heartbeat lost';
              s.destroy();
              return;
            }
            send(encodeFrame(frameTypes.ping, 0));
          }, heartbeatMs);
          heartbeat.unref();
          return;
        }
        case frameTypes.refuse: {
          const reason = decodeJson(frame.payload)?.['reason'];
          problem = `refused by the bridge: ${typeof reason === 'string' ? reason : 'no reason given'}`;
          options.onEvent?.({ kind: 'refused', reason: problem });
          s.destroy();
          return;
        }
        case frameTypes.request:
          if (attached) void serve(frame);
          return;
        case frameTypes.ping:
          send(encodeFrame(frameTypes.pong, 0));
          return;
        case frameTypes.pong:
          return;
        default:
          problem = `unexpected frame type 0x${frame.type.toString(16)}`;
          s.destroy();
      }
    }

    async function serve(frame: Frame): Promise<void> {
      const request = decodeRequest(frame.payload);
      if (!request.ok) {
        problem = `bad request frame: ${request.error}`;
        s.destroy();
        return;
      }
      let outcome: Awaited<ReturnType<LocalExchange>>;
      try {
        outcome = await options.exchange(request.value);
      } catch {
        // A bug in the FDM: the POS gets what a LAN POS would get from a crashed handler.
        outcome = 'drop';
      }
      if (outcome === 'drop') send(encodeFrame(frameTypes.drop, frame.id));
      else send(encodeFrame(frameTypes.answer, frame.id, encodeAnswer(outcome)));
    }
  }

  open();

  return ok({
    status: () => status,
    waitUntilAttached(timeoutMs) {
      if (status.state === 'attached') return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          attachedWaiters.delete(wake);
          resolve(true);
        };
        const timer = setTimeout(() => {
          attachedWaiters.delete(wake);
          resolve(false);
        }, timeoutMs);
        attachedWaiters.add(wake);
      });
    },
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      const s = socket;
      if (s && !s.destroyed) {
        await new Promise<void>((resolve) => {
          s.once('close', () => resolve());
          s.destroy();
        });
      }
      setStatus({ state: 'stopped' });
    },
  });
}
