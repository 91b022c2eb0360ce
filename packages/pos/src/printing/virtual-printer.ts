import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { escPosText } from './escpos-text.js';

export const defaultVirtualPrinterPort = 9100;

export interface VirtualPrinterOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 9100; 0 picks a free port. */
  readonly port?: number;
  /** Where the jobs go: NNNN.bin (the bytes as received) and NNNN.txt (what they say). */
  readonly outDir: string;
  /** Told about each job written (the command prints it). */
  readonly onJob?: (job: { readonly number: number; readonly bytes: number; readonly path: string }) => void;
}

export interface VirtualPrinter {
  readonly host: string;
  readonly port: number;
  /** Jobs written since the start. */
  readonly jobs: number;
  stop(): Promise<void>;
}

/**
 * A network printer for demos and tests: a raw TCP listener (the 9100 protocol: one connection,
 * one job) that writes each job to a file instead of paper. Numbering goes on after the jobs
 * already in the directory, so a restart overwrites nothing.
 */
export async function startVirtualPrinter(options: VirtualPrinterOptions): Promise<VirtualPrinter> {
  await mkdir(options.outDir, { recursive: true });
  let next = (await lastJobNumber(options.outDir)) + 1;
  let written = 0;
  let writing: Promise<void> = Promise.resolve();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      socket.end();
      const bytes = Buffer.concat(chunks);
      if (bytes.length === 0) return; // a connection test, not a job
      const number = next++;
      const base = join(options.outDir, String(number).padStart(4, '0'));
      // One after the other, so the files appear in job order.
      writing = writing.then(async () => {
        await writeFile(`${base}.bin`, bytes);
        await writeFile(`${base}.txt`, escPosText(bytes));
        written += 1;
        options.onJob?.({ number, bytes: bytes.length, path: `${base}.txt` });
      });
    });
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? defaultVirtualPrinterPort, host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('the virtual printer has no TCP address');
  return {
    host,
    port: address.port,
    get jobs() {
      return written;
    },
    async stop() {
      await new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
      await writing;
    },
  };
}

async function lastJobNumber(dir: string): Promise<number> {
  const numbers = (await readdir(dir))
    .map((name) => /^(\d{4,})\.bin$/.exec(name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);
  return numbers.length > 0 ? Math.max(...numbers) : 0;
}
