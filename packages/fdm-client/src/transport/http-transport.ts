import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { IdCheck, Result } from '@gks/core';
import { checkEstNo, checkPosId, checkVatNo, err, ok } from '@gks/core';
import type { TransportFailure } from '../errors/fdm-error.js';
import { isRetryableConnectionError } from '../errors/fdm-error.js';

/** An HTTP answer, whatever its status; reading it as GraphQL is the client's job. */
export interface HttpAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

/**
 * How the client reaches an FDM. One POST per call; the same bytes may be posted several times.
 * An adapter, so a POS can bring its own (a test double, a vendor's signed-header scheme).
 */
export interface FdmTransport {
  post(
    body: Uint8Array,
    headers: Readonly<Record<string, string>>,
  ): Promise<Result<HttpAnswer, TransportFailure>>;
  /** Closes idle keep-alive connections. */
  close(): void;
}

interface CommonTransportConfig {
  /** The FDM's (or bridge's) base address; `/graphql` is appended unless it is already there. */
  readonly baseUrl: string;
  /** PEM of the CA(s) that issued the server certificate; without it the system's roots apply. */
  readonly caPem?: string | readonly string[];
  /** Sent as `Authorization: Bearer <token>`. */
  readonly bearerToken?: string;
  /** Client certificate and its private key, both PEM, for FDMs that require mutual TLS. */
  readonly clientCertificate?: { readonly certPem: string; readonly keyPem: string };
  /**
   * Name the server certificate must carry when it differs from the URL's host, e.g. a LAN FDM
   * addressed by IP whose certificate names the device.
   */
  readonly serverName?: string;
  /** Limit on one whole request (connect, send, full answer); 5000 ms unless set. */
  readonly timeoutMs?: number;
  /** Answers longer than this are cut off as BAD_RESPONSE; 8 MiB unless set. */
  readonly maxAnswerBytes?: number;
}

/** An FDM on the local network, over http or https. */
export interface LanTransportConfig extends CommonTransportConfig {
  readonly kind: 'lan';
}

/** The end user a bridge checks against its allow-list for the FDM. */
export interface BridgeEndUser {
  readonly vatNo: string;
  readonly estNo: string;
  readonly posId: string;
}

/** An FDM behind a bridge (BII): TLS only, and the bridge routes on the `fdmId` header. */
export interface BridgeTransportConfig extends CommonTransportConfig {
  readonly kind: 'bridge';
  readonly fdmId: string;
  /**
   * Sent as the `vatNo`, `estNo` and `posId` headers on every request. A bridge takes the end
   * user of a mutation from its `data`, but `status` and `device` carry none, so it refuses them
   * without these headers.
   */
  readonly endUser?: BridgeEndUser;
}

export type TransportConfig = LanTransportConfig | BridgeTransportConfig;

export const defaultTimeoutMs = 5000;
const defaultMaxAnswerBytes = 8 * 1024 * 1024;

/** The bridge's routing header, named as the bridge expects it. */
export const fdmIdHeader = 'fdmId';

/** The headers that name the end user to a bridge, one per field of `BridgeEndUser`. */
export const endUserHeaders = { vatNo: 'vatNo', estNo: 'estNo', posId: 'posId' } as const;

const endUserChecks: Readonly<Record<keyof BridgeEndUser, (value: string) => IdCheck>> = {
  vatNo: checkVatNo,
  estNo: checkEstNo,
  posId: checkPosId,
};

/** The end user's headers, or the first field that is not a valid identifier. */
const endUserHeaderValues = (endUser: BridgeEndUser): Result<Record<string, string>, string> => {
  const headers: Record<string, string> = {};
  for (const field of ['vatNo', 'estNo', 'posId'] as const) {
    const checked = endUserChecks[field](endUser[field]);
    if (!checked.ok) return err(`endUser.${field} ${checked.error.reason}`);
    headers[endUserHeaders[field]] = checked.value;
  }
  return ok(headers);
};

const graphqlUrl = (base: URL): URL => {
  const url = new URL(base.href);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/graphql') ? path : `${path}/graphql`;
  return url;
};

const hasUnsafeHeaderChars = (value: string): boolean => /[\r\n\0]/.test(value);

/** Checks the configuration; a bad one is reported as a value so a POS can show it to its user. */
export const createTransport = (config: TransportConfig): Result<FdmTransport, string> => {
  let base: URL;
  try {
    base = new URL(config.baseUrl);
  } catch {
    return err(`baseUrl ${JSON.stringify(config.baseUrl)} is not a URL`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    return err(`baseUrl must be http or https, not ${base.protocol}`);
  }
  if (base.search !== '' || base.hash !== '') return err('baseUrl must not carry a query or fragment');
  let endUser: Record<string, string> = {};
  if (config.kind === 'bridge') {
    if (base.protocol !== 'https:') return err('a bridge is reached over TLS only: baseUrl must be https');
    if (config.fdmId.trim() === '' || hasUnsafeHeaderChars(config.fdmId))
      return err('fdmId is empty or unsafe');
    if (config.endUser !== undefined) {
      const headers = endUserHeaderValues(config.endUser);
      if (!headers.ok) return headers;
      endUser = headers.value;
    }
  }
  if (
    config.bearerToken !== undefined &&
    (config.bearerToken === '' || hasUnsafeHeaderChars(config.bearerToken))
  ) {
    return err('bearerToken is empty or unsafe');
  }
  const isTls = base.protocol === 'https:';
  if (!isTls && (config.caPem !== undefined || config.clientCertificate !== undefined)) {
    return err('caPem and clientCertificate need an https baseUrl');
  }
  const timeoutMs = config.timeoutMs ?? defaultTimeoutMs;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) return err('timeoutMs must be a positive number');
  const maxAnswerBytes = config.maxAnswerBytes ?? defaultMaxAnswerBytes;
  if (!Number.isInteger(maxAnswerBytes) || maxAnswerBytes <= 0)
    return err('maxAnswerBytes must be a positive integer');

  const fixedHeaders: Record<string, string> = {};
  if (config.bearerToken !== undefined) fixedHeaders['Authorization'] = `Bearer ${config.bearerToken}`;
  if (config.kind === 'bridge') {
    fixedHeaders[fdmIdHeader] = config.fdmId;
    Object.assign(fixedHeaders, endUser);
  }

  const serverName = config.serverName;
  const agent = isTls
    ? new https.Agent({
        keepAlive: true,
        ...(config.caPem !== undefined
          ? { ca: typeof config.caPem === 'string' ? config.caPem : [...config.caPem] }
          : {}),
        ...(config.clientCertificate !== undefined
          ? { cert: config.clientCertificate.certPem, key: config.clientCertificate.keyPem }
          : {}),
        ...(serverName !== undefined
          ? {
              servername: serverName,
              checkServerIdentity: (_host: string, cert: tls.PeerCertificate) =>
                tls.checkServerIdentity(serverName, cert),
            }
          : {}),
      })
    : new http.Agent({ keepAlive: true });

  return ok(new NodeHttpTransport(graphqlUrl(base), agent, isTls, fixedHeaders, timeoutMs, maxAnswerBytes));
};

class NodeHttpTransport implements FdmTransport {
  constructor(
    private readonly url: URL,
    private readonly agent: http.Agent,
    private readonly isTls: boolean,
    private readonly fixedHeaders: Readonly<Record<string, string>>,
    private readonly timeoutMs: number,
    private readonly maxAnswerBytes: number,
  ) {}

  post(
    body: Uint8Array,
    headers: Readonly<Record<string, string>>,
  ): Promise<Result<HttpAnswer, TransportFailure>> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (outcome: Result<HttpAnswer, TransportFailure>): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      const fail = (failure: TransportFailure): void => finish(err(failure));

      const request = (this.isTls ? https : http).request(this.url, {
        method: 'POST',
        agent: this.agent,
        headers: {
          ...headers,
          ...this.fixedHeaders,
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'Content-Length': String(body.byteLength),
        },
      });

      // The limit covers the whole exchange, not each socket read: a trickling answer times out too.
      const timer = setTimeout(() => {
        fail({
          kind: 'transport',
          reason: 'TIMEOUT',
          message: `no complete answer within ${this.timeoutMs} ms`,
          retryable: true,
        });
        request.destroy();
      }, this.timeoutMs);

      request.on('error', (error: NodeJS.ErrnoException) => {
        fail({
          kind: 'transport',
          reason: 'CONNECTION',
          message: error.message,
          retryable: isRetryableConnectionError(error.code),
          ...(error.code !== undefined ? { errorCode: error.code } : {}),
        });
      });

      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        let length = 0;
        response.on('data', (chunk: Buffer) => {
          length += chunk.byteLength;
          if (length > this.maxAnswerBytes) {
            fail({
              kind: 'transport',
              reason: 'BAD_RESPONSE',
              message: `answer longer than ${this.maxAnswerBytes} bytes`,
              status: response.statusCode ?? 0,
              retryable: false,
            });
            request.destroy();
            return;
          }
          chunks.push(chunk);
        });
        // Node reports a connection lost mid-answer as 'close' without 'end' (or as 'error').
        response.on('close', () => {
          if (response.complete) return;
          fail({
            kind: 'transport',
            reason: 'CONNECTION',
            message: 'connection closed before the whole answer arrived',
            retryable: true,
          });
        });
        response.on('error', (error: NodeJS.ErrnoException) => {
          fail({
            kind: 'transport',
            reason: 'CONNECTION',
            message: `answer interrupted: ${error.message}`,
            retryable: true,
            ...(error.code !== undefined ? { errorCode: error.code } : {}),
          });
        });
        response.on('end', () => {
          if (!response.complete) {
            fail({
              kind: 'transport',
              reason: 'CONNECTION',
              message: 'connection closed before the whole answer arrived',
              retryable: true,
            });
            return;
          }
          finish(
            ok({
              status: response.statusCode ?? 0,
              contentType: response.headers['content-type'] ?? '',
              body: Buffer.concat(chunks),
            }),
          );
        });
      });

      request.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
