import { connect, type Socket } from 'node:net';
import { err, ok, type Result } from '@gks/core';

/** Where a network printer listens: raw TCP, port 9100 by convention (JetDirect / AppSocket). */
export interface PrinterAddress {
  readonly host: string;
  readonly port: number;
}

export interface PrinterUnreachable {
  readonly code: 'PRINTER_UNREACHABLE';
  /** Says which printer (host:port) and why: refused, timed out, reset. */
  readonly message: string;
}

/**
 * The printing adapter: hands bytes to a printer and answers once the printer accepted them.
 * The server gets one passed in; tests pass the real one pointed at a listener of their own.
 */
export interface NetworkPrinter {
  print(address: PrinterAddress, bytes: Uint8Array): Promise<Result<{ bytes: number }, PrinterUnreachable>>;
}

export interface RawTcpPrinterOptions {
  /** Default 3 s: a printer that is off or unplugged must not hold the waiter long. */
  readonly connectTimeoutMs?: number;
  /** Default 10 s: a printer out of paper stops reading; give up on it. */
  readonly writeTimeoutMs?: number;
}

/**
 * ESC/POS over raw TCP: connect, write the job, half-close. The job counts as accepted when
 * every byte was handed to the connection and the printer did not refuse or reset it: raw
 * port 9100 has no acknowledgement beyond TCP's own.
 */
export function rawTcpPrinter(options: RawTcpPrinterOptions = {}): NetworkPrinter {
  const connectTimeoutMs = options.connectTimeoutMs ?? 3000;
  const writeTimeoutMs = options.writeTimeoutMs ?? 10_000;
  return {
    print: (address, bytes) =>
      new Promise((resolve) => {
        const where = `${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`;
        let settled = false;
        let timer: NodeJS.Timeout | undefined;
        const socket: Socket = connect({ host: address.host, port: address.port });
        const finish = (result: Result<{ bytes: number }, PrinterUnreachable>) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve(result);
        };
        const fail = (why: string) => {
          finish(err({ code: 'PRINTER_UNREACHABLE', message: `printer ${where} ${why}` }));
          socket.destroy();
        };
        const arm = (ms: number, why: string) => {
          clearTimeout(timer);
          timer = setTimeout(() => fail(why), ms);
        };
        arm(connectTimeoutMs, `did not answer within ${connectTimeoutMs} ms`);
        // `on`, not `once`: an error after the job was accepted must not become an uncaught one.
        socket.on('error', (error: NodeJS.ErrnoException) =>
          fail(`cannot be reached: ${error.code ?? error.message}`),
        );
        socket.once('connect', () => {
          arm(writeTimeoutMs, `did not take the job within ${writeTimeoutMs} ms`);
          socket.end(bytes);
        });
        // 'finish': every byte was flushed to the connection and our side closed.
        socket.once('finish', () => {
          finish(ok({ bytes: bytes.length }));
          // The printer closes its side when it is done; do not keep a socket open for it.
          setTimeout(() => socket.destroy(), 1000).unref();
        });
      }),
  };
}
