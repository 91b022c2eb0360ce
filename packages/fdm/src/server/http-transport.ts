import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { FastPath } from '../api/fast-path.js';
import type { FdmExchange, FdmYoga } from '../api/fdm-yoga.js';
import type { RequestLimits } from '../api/limits.js';
import type { FaultController } from '../faults/fault-controller.js';

export interface HttpTransportOptions {
  readonly yoga: FdmYoga;
  /** Tried first for POSTs; yoga answers whatever it declines. */
  readonly fastPath?: FastPath;
  readonly faults: FaultController;
  readonly limits: RequestLimits;
  readonly host: string;
  readonly port: number;
  readonly tls?: { readonly keyPem: string; readonly certPem: string } | undefined;
}

export interface HttpTransport {
  /** e.g. http://127.0.0.1:8301/graphql */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Bodies beyond this are not even drained: the connection is cut after the 413. */
const drainLimitFactor = 16;

/**
 * Serves the FDM's GraphQL endpoint over node:http(s). The body is read here, under a size
 * limit, before GraphQL sees it; the fault controller may delay the answer or cut the
 * connection after a successful sign (the POS then sees a lost response for a stored event).
 */
export async function startHttpTransport(options: HttpTransportOptions): Promise<HttpTransport> {
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res, options).catch(() => {
      // Only a broken socket gets here; the FDM keeps serving others.
      res.destroy();
    });
  };
  const server: Server = options.tls
    ? createHttpsServer({ key: options.tls.keyPem, cert: options.tls.certPem }, handler)
    : createHttpServer(handler);
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
    url: `${options.tls ? 'https' : 'http'}://${host}:${port}/graphql`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  options: HttpTransportOptions,
): Promise<void> {
  const max = options.limits.maxBodyBytes;
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > max * drainLimitFactor) {
    tooLarge(res, max, true);
    return;
  }
  const body = await readBody(req, max);
  if (body === 'too-large') {
    tooLarge(res, max, false);
    return;
  }
  const exchange: FdmExchange = { dropConnection: false, extraErrors: [] };
  const method = req.method ?? 'GET';
  if (method === 'POST' && options.fastPath && (req.url === '/graphql' || req.url?.startsWith('/graphql?'))) {
    const fast = await options.fastPath(
      body.toString('utf8'),
      req.headers['content-type'],
      req.headers.accept,
      req.headers['accept-language'],
      exchange,
    );
    if (fast) {
      await send(
        req,
        res,
        options,
        exchange,
        fast.status,
        { 'content-type': 'application/json; charset=utf-8' },
        Buffer.from(fast.body),
      );
      return;
    }
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const response = await options.yoga.fetch(
    `http://${req.headers.host ?? 'fdm'}${req.url ?? '/'}`,
    { method, headers, ...(method === 'GET' || method === 'HEAD' ? {} : { body: body.toString('utf8') }) },
    { exchange },
  );
  const payload = Buffer.from(await response.arrayBuffer());
  const outHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    outHeaders[name] = value;
  });
  await send(req, res, options, exchange, response.status, outHeaders, payload);
}

async function send(
  req: IncomingMessage,
  res: ServerResponse,
  options: HttpTransportOptions,
  exchange: FdmExchange,
  status: number,
  headers: Record<string, string>,
  payload: Buffer,
): Promise<void> {
  await options.faults.delay();
  if (exchange.dropConnection) {
    // Fault injection: the event is stored, but the POS never gets the answer.
    req.socket.destroy();
    return;
  }
  res.writeHead(status, { ...headers, 'content-length': String(payload.length) });
  res.end(payload);
}

/** Plain stream events rather than an async iterator: this runs once per request. */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: Buffer | 'too-large' | Error) => {
      if (settled) return;
      settled = true;
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max * drainLimitFactor) {
        req.socket.destroy();
        settle('too-large');
        return;
      }
      // Over the limit the rest is drained unread, so the client still receives the 413.
      if (size <= max) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > max) settle('too-large');
      else settle(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
    });
    req.on('error', (error) => settle(error));
    // A client that goes away mid-body: no 'end' will come.
    req.on('close', () => settle(new Error('request closed before its body ended')));
  });
}

function tooLarge(res: ServerResponse, max: number, close: boolean): void {
  const body = JSON.stringify({
    errors: [
      {
        message: `Request body is larger than the FDM accepts (${max} bytes).`,
        extensions: {
          code: 'INVALID_REQUEST',
          category: 'FDM',
          data: [{ name: 'SUBCODE', value: 'REQUEST_TOO_LARGE' }],
          showPos: 'MANDATORY',
        },
      },
    ],
  });
  res.writeHead(413, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(body);
}
