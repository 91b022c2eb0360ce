import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';

/**
 * A test-only HTTP(S) server on 127.0.0.1 that plays an FDM at the edge: it records every request
 * byte for byte and answers whatever the test scripts, including no answer at all.
 */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  /** Subject CN of the client certificate, when the client presented one. */
  readonly clientCertificateCn: string | undefined;
  /** The client's port: the same port twice means a reused (keep-alive) connection. */
  readonly remotePort: number | undefined;
}

export type StubReply =
  | { readonly kind: 'json'; readonly body: unknown; readonly status?: number }
  | { readonly kind: 'raw'; readonly status: number; readonly contentType: string; readonly body: string }
  /** Never answer: the client's timeout must fire. */
  | { readonly kind: 'hang' }
  /** Read the whole request, then cut the connection without a byte of answer. */
  | { readonly kind: 'drop' }
  /** Send the status line and half a body, then cut the connection. */
  | { readonly kind: 'truncate' }
  /** Send the answer one byte every `everyMs`, forever: only a whole-request limit stops it. */
  | { readonly kind: 'trickle'; readonly everyMs: number };

export interface StubTls {
  readonly certPem: string;
  readonly keyPem: string;
  /** When set, the server asks for a client certificate issued by this CA and refuses others. */
  readonly clientCaPem?: string;
}

export interface StubFdmServer {
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export const startStubFdm = async (
  reply: (request: RecordedRequest, index: number) => StubReply,
  tls?: StubTls,
): Promise<StubFdmServer> => {
  const requests: RecordedRequest[] = [];
  const handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const socket = req.socket as TLSSocket;
      const peer = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate() : undefined;
      const cn = peer?.subject?.CN;
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
        clientCertificateCn: typeof cn === 'string' ? cn : undefined,
        remotePort: req.socket.remotePort,
      };
      requests.push(recorded);
      const scripted = reply(recorded, requests.length - 1);
      switch (scripted.kind) {
        case 'json':
          res.writeHead(scripted.status ?? 200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(scripted.body));
          return;
        case 'raw':
          res.writeHead(scripted.status, { 'Content-Type': scripted.contentType });
          res.end(scripted.body);
          return;
        case 'hang':
          return;
        case 'drop':
          req.socket.destroy();
          return;
        case 'trickle': {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          const timer = setInterval(() => res.write(' '), scripted.everyMs);
          res.on('close', () => clearInterval(timer));
          return;
        }
        case 'truncate':
          res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
          res.write('{"data":{"sig');
          setImmediate(() => req.socket.destroy());
          return;
      }
    });
  };
  const server =
    tls === undefined
      ? http.createServer(handle)
      : https.createServer(
          {
            cert: tls.certPem,
            key: tls.keyPem,
            ...(tls.clientCaPem !== undefined
              ? { ca: tls.clientCaPem, requestCert: true, rejectUnauthorized: true }
              : {}),
          },
          handle,
        );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `${tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
