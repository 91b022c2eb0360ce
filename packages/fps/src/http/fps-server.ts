import { X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { FpsApp, Peer } from './fps-app.js';

export interface FpsServerOptions {
  readonly app: FpsApp;
  readonly host: string;
  readonly port: number;
  readonly tls: { readonly keyPem: string; readonly certPem: string; readonly caPem: string };
}

export interface RunningFpsServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * HTTPS in front of the app. Client certificates are asked for but not required (the
 * verification page is public); the app sees an fdmId only when TLS verified the certificate
 * against the FPS CA and it is an FDM certificate (OU=FDM).
 */
export async function startFpsServer(options: FpsServerOptions): Promise<RunningFpsServer> {
  const server: Server = createServer(
    {
      key: options.tls.keyPem,
      cert: options.tls.certPem,
      ca: options.tls.caPem,
      requestCert: true,
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
    },
    (req, res) => {
      serve(options.app, req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('internal error\n');
      });
    },
  );
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `https://${host}:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function peerOf(socket: TLSSocket): Peer {
  const address = socket.remoteAddress ?? 'unknown';
  if (!socket.authorized) return { address, fdmId: null };
  const certificate = socket.getPeerCertificate();
  const subject = certificate.subject as Record<string, string | string[]> | undefined;
  const cn = subject?.['CN'];
  const ou = subject?.['OU'];
  if (ou !== 'FDM' || typeof cn !== 'string') return { address, fdmId: null };
  let publicKeyPem: string | undefined;
  try {
    publicKeyPem = new X509Certificate(certificate.raw).publicKey
      .export({ type: 'spki', format: 'pem' })
      .toString();
  } catch {
    // TLS verified it, so it parses; without a key the renewal endpoint refuses, nothing else needs it.
  }
  return { address, fdmId: cn, ...(publicKeyPem ? { publicKeyPem } : {}) };
}

async function serve(app: FpsApp, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 9 * 1024 * 1024) {
      res.writeHead(413).end();
      req.destroy();
      return;
    }
    chunks.push(chunk);
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  const method = req.method ?? 'GET';
  const request = new Request(`https://${req.headers.host ?? 'fps'}${req.url ?? '/'}`, {
    method,
    headers,
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }),
  });
  const response = await app(request, peerOf(req.socket as TLSSocket));
  const outHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => (outHeaders[name] = value));
  res.writeHead(response.status, outHeaders);
  res.end(Buffer.from(await response.arrayBuffer()));
}
