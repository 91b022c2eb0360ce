import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FaultController } from './fault-controller.js';

export interface FaultAdmin {
  /** e.g. http://127.0.0.1:45123/faults */
  readonly url: string;
  stop(): Promise<void>;
}

const maxBodyBytes = 64 * 1024;

/**
 * The fault switchboard: GET, POST (a JSON patch) and DELETE on /faults, with
 * `Authorization: Bearer <token>`. It binds to 127.0.0.1 only, whatever address the FDM serves
 * on, and refuses any peer that is not loopback: fault injection must never be reachable from
 * the network a POS sits on.
 */
export async function startFaultAdmin(options: {
  faults: FaultController;
  token: string;
  port?: number;
}): Promise<FaultAdmin> {
  const expected = Buffer.from(`Bearer ${options.token}`);
  const server = createServer((req, res) => {
    void handle(req, res, options.faults, expected);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/faults`,
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
  faults: FaultController,
  expected: Buffer,
): Promise<void> {
  const peer = req.socket.remoteAddress ?? '';
  if (!isLoopback(peer)) return answer(res, 403, { error: 'the fault admin endpoint is loopback-only' });
  const given = Buffer.from(req.headers.authorization ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return answer(res, 401, { error: 'missing or wrong Authorization: Bearer <admin token>' });
  }
  const path = (req.url ?? '').split('?')[0];
  if (path !== '/faults') return answer(res, 404, { error: 'not found; use /faults' });
  switch (req.method) {
    case 'GET':
      return answer(res, 200, faults.settings);
    case 'DELETE':
      faults.reset();
      return answer(res, 200, faults.settings);
    case 'POST':
    case 'PUT':
    case 'PATCH': {
      const body = await readLimited(req);
      if (body === undefined) return answer(res, 413, { error: `body over ${maxBodyBytes} bytes` });
      let patch: unknown;
      try {
        patch = JSON.parse(body);
      } catch {
        return answer(res, 400, { error: 'body is not valid JSON' });
      }
      const result = faults.update(patch);
      return result.ok ? answer(res, 200, result.value) : answer(res, 400, { error: result.error });
    }
    default:
      return answer(res, 405, { error: 'use GET, POST or DELETE' });
  }
}

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

async function readLimited(req: IncomingMessage): Promise<string | undefined> {
  // Drains an oversized body instead of cutting the socket, so the client reads the 413.
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBodyBytes) chunks.push(chunk);
  }
  return size > maxBodyBytes ? undefined : Buffer.concat(chunks).toString('utf8');
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
