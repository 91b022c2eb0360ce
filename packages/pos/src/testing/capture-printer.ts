/**
 * Test support (not part of the public API): a network printer made of a TCP listener on
 * 127.0.0.1 and a free port that keeps every job's bytes (one connection, one job).
 */
import { createServer, type Server, type Socket } from 'node:net';

export interface CapturePrinter {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly jobs: Buffer[];
  stop(): Promise<void>;
}

export async function startCapturePrinter(port = 0): Promise<CapturePrinter> {
  const jobs: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      jobs.push(Buffer.concat(chunks));
      socket.end();
    });
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    host: '127.0.0.1',
    port: address.port,
    jobs,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 where nothing listens (it was free a moment ago): connections are refused. */
export async function closedPort(): Promise<number> {
  const probe = await startCapturePrinter();
  await probe.stop();
  return probe.port;
}
