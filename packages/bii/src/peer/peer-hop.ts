import { Agent, createServer, request as httpsRequest, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UplinkRequest } from '@gks/fdm';
import type { ForwardResult } from '../link/forward-result.js';

/** A node's certificate and key, and the CA of all nodes of this bridge. */
export interface NodeTls {
  readonly certPem: string;
  readonly keyPem: string;
  readonly caPem: string;
}

/** Hands a request to the FDM link held by this node (never onwards: one hop at most). */
export type LocalForward = (
  fdmId: string,
  request: UplinkRequest,
  budgetMs: number,
) => Promise<ForwardResult>;

const outcomeHeader = 'x-bii-outcome';
const statusHeader = 'x-bii-status';
const budgetHeader = 'x-bii-budget-ms';
const maxBodyBytes = 1024 * 1024 + 1;

/**
 * The node-to-node hop: HTTPS with mutual TLS, both sides holding a certificate of the bridge's
 * node CA. Node 2 posts the POS's body bytes to node 1, which holds the FDM's uplink; node 1
 * answers with the outcome and the FDM's answer. The database only says where to go; no request
 * data ever passes through it.
 */
export async function startPeerServer(options: {
  readonly host: string;
  readonly port: number;
  readonly tls: NodeTls;
  readonly forward: LocalForward;
}): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  const server: Server = createServer(
    {
      cert: options.tls.certPem,
      key: options.tls.keyPem,
      ca: options.tls.caPem,
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    },
    (req, res) => {
      handle(req, res, options.forward).catch(() => res.destroy());
    },
  );
  server.keepAliveTimeout = 65_000;
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
    url: `https://${host}:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, forward: LocalForward): Promise<void> {
  if (req.method !== 'POST' || req.url !== '/forward') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) {
      res.writeHead(413).end();
      return;
    }
    chunks.push(chunk);
  }
  const fdmId = req.headers['fdmid'];
  const budgetMs = Number(req.headers[budgetHeader]);
  if (typeof fdmId !== 'string' || !Number.isFinite(budgetMs) || budgetMs <= 0) {
    res.writeHead(400).end();
    return;
  }
  const header = (name: string): string | undefined => {
    const value = req.headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  const contentType = header('content-type');
  const accept = header('accept');
  const acceptLanguage = header('accept-language');
  const result = await forward(
    fdmId,
    {
      body: Buffer.concat(chunks),
      ...(contentType !== undefined ? { contentType } : {}),
      ...(accept !== undefined ? { accept } : {}),
      ...(acceptLanguage !== undefined ? { acceptLanguage } : {}),
    },
    budgetMs,
  );
  if (result.kind === 'answer') {
    res.writeHead(200, {
      [outcomeHeader]: 'answer',
      [statusHeader]: String(result.answer.status),
      'content-type': result.answer.contentType,
      'content-length': String(result.answer.body.length),
    });
    res.end(result.answer.body);
    return;
  }
  res.writeHead(200, { [outcomeHeader]: result.kind, 'content-length': '0' });
  res.end();
}

export interface PeerClient {
  /** Forwards to the node at `peerUrl`; a node that cannot be reached counts as no link. */
  forward(peerUrl: string, fdmId: string, request: UplinkRequest, budgetMs: number): Promise<ForwardResult>;
  close(): void;
}

export function createPeerClient(tls: NodeTls): PeerClient {
  const agent = new Agent({
    keepAlive: true,
    cert: tls.certPem,
    key: tls.keyPem,
    ca: tls.caPem,
    minVersion: 'TLSv1.2',
  });
  return {
    forward(peerUrl, fdmId, request, budgetMs) {
      return new Promise<ForwardResult>((resolve) => {
        const url = new URL('/forward', peerUrl);
        const headers: Record<string, string> = {
          fdmid: fdmId,
          [budgetHeader]: String(Math.max(1, Math.round(budgetMs))),
          'content-length': String(request.body.length),
        };
        if (request.contentType !== undefined) headers['content-type'] = request.contentType;
        if (request.accept !== undefined) headers['accept'] = request.accept;
        if (request.acceptLanguage !== undefined) headers['accept-language'] = request.acceptLanguage;
        const req = httpsRequest(url, { method: 'POST', agent, headers, timeout: budgetMs + 1000 }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', () => resolve({ kind: 'lost' }));
          res.on('end', () => {
            const outcome = res.headers[outcomeHeader];
            if (res.statusCode !== 200) return resolve({ kind: 'not-connected' });
            if (outcome === 'answer') {
              const status = Number(res.headers[statusHeader]);
              const contentType = res.headers['content-type'] ?? 'application/json';
              return resolve({
                kind: 'answer',
                answer: { status, contentType, body: Buffer.concat(chunks) },
              });
            }
            if (outcome === 'lost' || outcome === 'timeout' || outcome === 'not-connected')
              return resolve({ kind: outcome });
            resolve({ kind: 'not-connected' });
          });
        });
        req.on('timeout', () => req.destroy());
        // Sent but no whole answer: the FDM may have signed, so it is a lost answer, not "no link".
        let sent = false;
        req.on('finish', () => {
          sent = true;
        });
        req.on('error', () => resolve(sent ? { kind: 'lost' } : { kind: 'not-connected' }));
        req.end(request.body);
      });
    },
    close: () => agent.destroy(),
  };
}
