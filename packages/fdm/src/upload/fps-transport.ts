import { request } from 'node:https';

/** The FDM's mutual-TLS identity towards the tax administration's service. */
export interface FpsTlsIdentity {
  /** The FDM's key and the certificate the service's CA issued for it (CN = fdmId). */
  readonly keyPem: string;
  readonly certPem: string;
  /** The service's CA: the only trust anchor for the service's certificate. */
  readonly caPem: string;
}

/**
 * The identity of an FDM state directory, read when each request is made: after a renewal the
 * next request presents the new certificate (same key).
 */
export function liveIdentity(
  state: { certificatePem: string; caCertificatePem: string },
  keyPem: string,
): FpsTlsIdentity {
  return {
    keyPem,
    get certPem() {
      return state.certificatePem;
    },
    caPem: state.caCertificatePem,
  };
}

export interface FpsAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** One JSON request to the service over mutual TLS; network failures reject. */
export function fpsRequest(
  baseUrl: string,
  identity: FpsTlsIdentity,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  timeoutMs = 15_000,
): Promise<FpsAnswer> {
  const url = new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        key: identity.keyPem,
        cert: identity.certPem,
        ca: identity.caPem,
        timeout: timeoutMs,
        headers: {
          accept: 'application/json',
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': String(payload.length) }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: the caller sees the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url.origin} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}
