import { createServer, type Server } from 'node:net';

/** A network printer for the tests: it takes raw ESC/POS bytes on 127.0.0.1 and keeps them. */
export interface TcpPrinter {
  readonly port: number;
  /** Every print so far, one buffer per connection. */
  readonly prints: Buffer[];
  /** All bytes as Latin-1 text, enough to find the ASCII words of a ticket. */
  text(): string;
  stop(): Promise<void>;
}

const listen = (server: Server) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('no TCP port'));
      else resolve(address.port);
    });
  });

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

export async function startTcpPrinter(): Promise<TcpPrinter> {
  const prints: Buffer[] = [];
  const server = createServer((socket) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => socket.end());
    socket.on('close', () => {
      if (chunks.length > 0) prints.push(Buffer.concat(chunks));
    });
    socket.on('error', () => socket.destroy());
  });
  const port = await listen(server);
  return {
    port,
    prints,
    text: () => Buffer.concat(prints).toString('latin1'),
    stop: () => close(server),
  };
}

/** A port on 127.0.0.1 where nothing listens (any more): a printer that is switched off. */
export async function deadPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await close(server);
  return port;
}
