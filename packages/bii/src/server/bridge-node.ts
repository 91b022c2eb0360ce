import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { refusal, refusalBody, type BiiRefusal } from '../errors/bii-errors.js';
import { buildSnapshot, renderConsoleHtml } from '../console/console-view.js';
import { checkInspector } from '../console/inspector-credential.js';
import { realTimers, type ForwardResult, type Timers } from '../link/forward-result.js';
import { createForwarder } from '../link/forwarder.js';
import { startUplinkHub, type UplinkHub } from '../link/uplink-hub.js';
import { createPeerClient, startPeerServer, type NodeTls } from '../peer/peer-hop.js';
import type { BridgePolicy, PolicyAdmin } from '../policy/bridge-policy.js';
import { CachedPolicy } from '../policy/cached-policy.js';
import { policyGeneration, SqlPolicy } from '../policy/sql-policy.js';
import { readPosRequest } from '../request/read-pos-request.js';
import { CrlFeed, httpsCrlFetcher } from '../revocation/crl-feed.js';
import { RouteTable } from '../routing/route-table.js';
import type { Sql } from '../store/sql.js';
import { silentLog, type BridgeLog } from './bridge-log.js';

/** no answer from the FDM within 5 seconds is TIMEOUT. */
export const defaultTimeoutMs = 5000;
/** Bodies beyond this are refused before anything is read into GraphQL (the FDM's own limit). */
export const maxPosBodyBytes = 1024 * 1024;

export interface BridgeNodeOptions {
  readonly nodeId: string;
  /** Migrated database (openSql + migrate): policy, routes, counters, inspector login. */
  readonly sql: Sql;
  /** Address for POS requests and the console. Default 127.0.0.1. */
  readonly host?: string;
  readonly port?: number;
  /** Address FDMs attach to. Default: host, a free port. */
  readonly uplinkHost?: string;
  readonly uplinkPort?: number;
  /** TLS certificate and key for the POS side and the uplink side. */
  readonly tls?: { readonly certPem: string; readonly keyPem: string };
  /**
   * Test-only: serve POS requests over plain http. Refused unless the host is a loopback address:
   * a bridge on a network is reached over TLS only.
   */
  readonly insecurePlainHttpOnLoopback?: boolean;
  /** CA(s) whose FDM certificates may attach. */
  readonly fdmCaPem: string | readonly string[];
  /** Node certificate, key and node CA: enables the node-to-node hop (several nodes, one database). */
  readonly cluster?: {
    readonly tls: NodeTls;
    readonly peerHost?: string;
    readonly peerPort?: number;
    /** How other nodes reach this one; default https://peerHost:peerPort. */
    readonly advertiseUrl?: string;
    /** A node that has not reported for this long is taken for dead. Default 15 s. */
    readonly staleMs?: number;
  };
  readonly timeoutMs?: number;
  readonly timers?: Timers;
  readonly now?: () => Date;
  readonly heartbeatMs?: number;
  /** Default: the SQL policy of `sql`. Later: the tax administration's feed. */
  readonly policy?: BridgePolicy;
  /**
   * How long a policy decision is reused (default 1000 ms; 0: ask on every request). Changes
   * made through this process apply at once; changes made on another node within this time.
   */
  readonly policyCacheMs?: number;
  readonly log?: BridgeLog;
  /** How often request counts go to the database. Default 5 s. */
  readonly usageFlushMs?: number;
  /**
   * The tax administration's CRL of FDM certificates (`<FPS>/crl`): fetched on start and every
   * `intervalMs` (default 5 min); a revoked FDM may not attach and is cut at the next refresh.
   */
  readonly revocation?: {
    readonly crlUrl: string;
    /** Trust anchor for the CRL URL's TLS (the FPS's CA); the CRL itself is checked against fdmCaPem. */
    readonly caPem?: string;
    readonly intervalMs?: number;
    /** Test seam: the CRL's bytes from elsewhere. */
    readonly fetch?: () => Promise<Uint8Array>;
  };
}

export interface BridgeNode {
  readonly nodeId: string;
  /** https://host:port/graphql */
  readonly url: string;
  readonly consoleUrl: string;
  /** tls://host:port, for `gks fdm start --bridge`. */
  readonly uplinkUrl: string;
  readonly peerUrl?: string;
  readonly hub: UplinkHub;
  /** The CRL the node holds, when `revocation` was given. */
  readonly revocation?: CrlFeed;
  /** Writes the request counts gathered since the last flush. */
  flushUsage(): Promise<void>;
  /** Clean stop: hands its FDMs back (they reattach elsewhere), flushes counters. */
  stop(): Promise<void>;
  /** Test-only: stops as if the process were killed: sockets cut, nothing cleaned up. */
  crash(): Promise<void>;
}

const loopback = (host: string): boolean => host === '127.0.0.1' || host === '::1' || host === 'localhost';

export async function startBridgeNode(options: BridgeNodeOptions): Promise<BridgeNode> {
  const host = options.host ?? '127.0.0.1';
  if (!options.tls && !(options.insecurePlainHttpOnLoopback && loopback(host))) {
    throw new Error(
      'a bridge serves POS requests over TLS only: give tls (plain http is for loopback tests)',
    );
  }
  const uplinkTls = options.tls;
  if (!uplinkTls) throw new Error('the FDM uplink needs the bridge TLS certificate');
  const now = options.now ?? (() => new Date());
  const timers = options.timers ?? realTimers;
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const log = options.log ?? silentLog;
  // The console lists the policy; requests ask a cache in front of it (one lookup a second per end user).
  const policyAdmin = options.policy ?? new SqlPolicy(options.sql);
  const policy =
    options.policyCacheMs === 0
      ? policyAdmin
      : new CachedPolicy(policyAdmin, {
          ttlMs: options.policyCacheMs ?? 1000,
          generation: () => policyGeneration(options.sql),
        });
  const staleMs = options.cluster?.staleMs ?? 15_000;
  const routes = new RouteTable(options.sql, staleMs);
  const nodeId = options.nodeId;
  const usage = new Map<string, { count: number; last: Date }>();

  let crashed = false;
  const background = new Set<Promise<unknown>>();
  const inBackground = (work: Promise<unknown>, what: string) => {
    const tracked = work.catch((error: unknown) =>
      log.event('database-error', { node: nodeId, reason: `${what}: ${(error as Error).message}` }),
    );
    background.add(tracked);
    void tracked.finally(() => background.delete(tracked));
  };

  const hubRef: { hub?: UplinkHub } = {};
  const revocation = options.revocation
    ? new CrlFeed({
        fetch:
          options.revocation.fetch ?? httpsCrlFetcher(options.revocation.crlUrl, options.revocation.caPem),
        issuerPems: typeof options.fdmCaPem === 'string' ? [options.fdmCaPem] : [...options.fdmCaPem],
        now,
        log,
        onChange: () => {
          const dropped = hubRef.hub?.dropRevoked() ?? 0;
          if (dropped > 0) log.event('revoked-links-dropped', { node: nodeId, count: dropped });
        },
      })
    : undefined;

  const hub = await startUplinkHub({
    host: options.uplinkHost ?? host,
    port: options.uplinkPort ?? 0,
    tls: uplinkTls,
    fdmCaPem: options.fdmCaPem,
    nodeId,
    ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
    log,
    ...(revocation ? { revoked: (serial: string) => revocation.isRevoked(serial) } : {}),
    onAttach: (link) => inBackground(routes.attach(link.fdmId, link.linkId, nodeId, link.since), 'attach'),
    // A killed process cleans nothing up; crash() must not either.
    onDetach: (link) => {
      if (!crashed) inBackground(routes.detach(link.fdmId, link.linkId), 'detach');
    },
  });

  hubRef.hub = hub;
  // A CRL the FPS cannot give now does not stop the node: it retries at the next interval.
  if (revocation) await revocation.start(options.revocation?.intervalMs ?? 300_000);

  const peerClient = options.cluster ? createPeerClient(options.cluster.tls) : undefined;
  const forwarder = createForwarder({
    hub,
    nodeId,
    timers,
    now,
    ...(options.cluster && peerClient ? { cluster: { routes, peer: peerClient } } : {}),
  });

  let peer: Awaited<ReturnType<typeof startPeerServer>> | undefined;
  let peerUrl: string | undefined;
  if (options.cluster) {
    peer = await startPeerServer({
      host: options.cluster.peerHost ?? host,
      port: options.cluster.peerPort ?? 0,
      tls: options.cluster.tls,
      // Counted where the POS came in, not again here.
      forward: (fdmId, request, budgetMs) => forwarder.local(fdmId, request, budgetMs),
    });
    peerUrl = options.cluster.advertiseUrl ?? peer.url;
  }
  // Every node reports in, also a single one: the console counts an FDM as connected only
  // while the node holding its link is alive. No peer address: nobody can route to it.
  const advertised = peerUrl ?? '';
  await routes.reportNode(nodeId, advertised, now());
  const reportTimer = setInterval(
    () => inBackground(routes.reportNode(nodeId, advertised, now()), 'node report'),
    Math.max(100, Math.floor(staleMs / 3)),
  );
  reportTimer.unref();

  function count(fdmId: string): void {
    const entry = usage.get(fdmId);
    if (entry) {
      entry.count += 1;
      entry.last = now();
    } else usage.set(fdmId, { count: 1, last: now() });
  }

  const flushUsage = async () => {
    if (usage.size === 0) return;
    const batch = new Map(usage);
    usage.clear();
    await routes.addUsage(nodeId, batch);
  };
  const flushTimer = setInterval(
    () => inBackground(flushUsage(), 'usage flush'),
    options.usageFlushMs ?? 5000,
  );
  flushTimer.unref();

  const sendRefusal = (res: ServerResponse, r: BiiRefusal, fdmId: string | undefined, status = 200) => {
    log.event('refused', { code: r.code, ...(fdmId ? { fdmId } : {}), node: nodeId });
    const body = refusalBody(r);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(body.length),
    });
    res.end(body);
  };

  async function handleGraphql(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (body === 'too-large') {
      sendRefusal(
        res,
        refusal('INTERNAL_FDM_BII_SERVER_ERROR', 'The request body is too large.'),
        undefined,
        413,
      );
      return;
    }
    const read = readPosRequest(req.headers, body);
    if (!read.ok) return sendRefusal(res, read.error, undefined);
    const { fdmId, endUser } = read.value;
    let decision;
    try {
      decision = await policy.decide(fdmId, endUser);
    } catch {
      // Fail closed: without the allow-list nothing passes.
      return sendRefusal(
        res,
        refusal('INTERNAL_FDM_BII_SERVER_ERROR', 'The bridge cannot check its allow-list right now.'),
        fdmId,
      );
    }
    if (decision === 'not-allowed')
      return sendRefusal(
        res,
        refusal(
          'FDM_BII_NOT_ALLOWED',
          'This VAT number, establishment and POS may not use the bridge for this FDM.',
        ),
        fdmId,
      );
    if (decision === 'not-operational')
      return sendRefusal(
        res,
        refusal('FDM_NOT_OPERATIONAL', 'The bridge is not active for this FDM.'),
        fdmId,
      );
    count(fdmId);
    const header = (name: string): string | undefined => {
      const value = req.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    const contentType = header('content-type');
    const accept = header('accept');
    const acceptLanguage = header('accept-language');
    const result: ForwardResult = await forwarder.forward(
      fdmId,
      {
        body,
        ...(contentType !== undefined ? { contentType } : {}),
        ...(accept !== undefined ? { accept } : {}),
        ...(acceptLanguage !== undefined ? { acceptLanguage } : {}),
      },
      timeoutMs,
    );
    switch (result.kind) {
      case 'answer':
        res.writeHead(result.answer.status, {
          'content-type': result.answer.contentType,
          'content-length': String(result.answer.body.length),
        });
        res.end(result.answer.body);
        return;
      case 'lost':
        // As on a LAN: the POS sees a cut connection and resends the same bytes.
        log.event('answer-lost', { fdmId, node: nodeId });
        req.socket.destroy();
        return;
      case 'not-connected':
        return sendRefusal(
          res,
          refusal('FDM_NOT_CONNECTED', 'The FDM is not connected to the bridge.'),
          fdmId,
        );
      case 'timeout':
        return sendRefusal(
          res,
          refusal('TIMEOUT', `The FDM did not answer within ${timeoutMs / 1000} seconds.`),
          fdmId,
        );
    }
  }

  async function handleConsole(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const credentials = basicCredentials(req.headers.authorization);
    if (!credentials || !(await checkInspector(options.sql, credentials.name, credentials.password))) {
      log.event('console-login-refused', { node: nodeId, remote: req.socket.remoteAddress ?? '?' });
      res.writeHead(401, { 'www-authenticate': 'Basic realm="FDM bridge console", charset="UTF-8"' }).end();
      return;
    }
    await flushUsage();
    const admin = policyAdmin as Partial<PolicyAdmin>;
    const snapshot = buildSnapshot({
      now: now(),
      selfNodeId: nodeId,
      policies: admin.list ? await admin.list() : [],
      attachments: await routes.attachments(now()),
      usage: await routes.usage(),
    });
    const json = path === '/console.json';
    const text = json ? JSON.stringify(snapshot, null, 2) + '\n' : renderConsoleHtml(snapshot);
    res.writeHead(200, {
      'content-type': json ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-length': String(Buffer.byteLength(text)),
    });
    res.end(req.method === 'HEAD' ? undefined : text);
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const work =
      path === '/graphql' && req.method === 'POST'
        ? handleGraphql(req, res)
        : path === '/console' || path === '/console.json'
          ? handleConsole(req, res, path)
          : Promise.resolve(void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n'));
    work.catch((error: unknown) => {
      log.event('internal-error', { node: nodeId, reason: (error as Error).name });
      if (!res.headersSent) {
        sendRefusal(
          res,
          refusal('INTERNAL_FDM_BII_SERVER_ERROR', 'The bridge failed on this request.'),
          undefined,
          500,
        );
      } else res.destroy();
    });
  };

  const server: Server = options.tls
    ? createHttpsServer(
        { cert: options.tls.certPem, key: options.tls.keyPem, minVersion: 'TLSv1.2' },
        handler,
      )
    : createHttpServer(handler);
  server.keepAliveTimeout = 65_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await hub.stop();
    await peer?.stop();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  const base = `${options.tls ? 'https' : 'http'}://${hostInUrl}:${port}`;
  log.event('node-started', { node: nodeId, url: base });

  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  const halt = async () => {
    clearInterval(flushTimer);
    clearInterval(reportTimer);
    await Promise.all([closeServer(), hub.stop(), peer?.stop(), revocation?.stop()]);
    peerClient?.close();
  };

  return {
    nodeId,
    url: `${base}/graphql`,
    consoleUrl: `${base}/console`,
    uplinkUrl: hub.url,
    ...(peerUrl ? { peerUrl } : {}),
    hub,
    ...(revocation ? { revocation } : {}),
    flushUsage,
    async stop() {
      await halt();
      await Promise.all([...background]);
      await flushUsage().catch(() => undefined);
      await routes.leave(nodeId).catch(() => undefined);
      log.event('node-stopped', { node: nodeId });
    },
    async crash() {
      crashed = true;
      await halt();
    },
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > maxPosBodyBytes) return 'too-large';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxPosBodyBytes) return 'too-large';
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function basicCredentials(header: string | undefined): { name: string; password: string } | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const text = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon > 0 ? { name: text.slice(0, colon), password: text.slice(colon + 1) } : undefined;
}
