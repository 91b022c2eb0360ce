import { request } from 'node:https';
import type { CertificateAuthority } from '../ca/local-test-ca.js';

/** The parameters the service hands an FDM (registered identity, allow-list, VAT rates, verification URL). */
export interface FpsParameters {
  readonly fdmId: string;
  readonly vatNo: string;
  readonly estNo: string;
  readonly allowedPosIds: string[];
  readonly vatRates: { label: string; ratePercent: number; outOfScope: boolean }[];
  readonly verificationBaseUrl: string;
  readonly biiEnabled: boolean;
  readonly refreshSeconds: number;
}

/** A request before the FDM has a certificate: server-authenticated TLS only (the code authenticates us). */
function post(
  fpsUrl: string,
  caPem: string,
  path: string,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  const url = new URL(path, fpsUrl.endsWith('/') ? fpsUrl : `${fpsUrl}/`);
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        ca: caPem,
        timeout: 15_000,
        headers: { 'content-type': 'application/json', 'content-length': String(payload.length) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({
              status: res.statusCode ?? 0,
              body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
            });
          } catch {
            resolve({ status: res.statusCode ?? 0, body: null });
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url.origin}`)));
    req.on('error', reject);
    req.end(payload);
  });
}

const refusal = (what: string, answer: { status: number; body: unknown }): Error => {
  const error = (answer.body as { error?: { message?: string } } | null)?.error?.message;
  return new Error(`${what}: the service answered ${answer.status}${error ? ` (${error})` : ''}`);
};

/** The parameters for `fdmId`, authorised by its activation code (which this does not use up). */
export async function fetchActivationParameters(
  fpsUrl: string,
  caPem: string,
  fdmId: string,
  activationCode: string,
): Promise<FpsParameters> {
  const answer = await post(fpsUrl, caPem, 'fdm/activation/parameters', { fdmId, activationCode });
  if (answer.status !== 200) throw refusal('activation parameters refused', answer);
  return answer.body as FpsParameters;
}

/**
 * The FDM's CertificateAuthority backed by the tax administration's service, for initFdmState:
 * the signing certificate uses up the one-time activation code; the LAN server certificate is
 * authorised by the short-lived token that came with it.
 */
export function fpsActivationCa(options: {
  fpsUrl: string;
  caPem: string;
  activationCode: string;
}): CertificateAuthority {
  let token: { fdmId: string; value: string } | null = null;
  return {
    caCertificatePem: options.caPem,
    async issueFdmCertificate(req) {
      const answer = await post(options.fpsUrl, options.caPem, 'fdm/activate', {
        fdmId: req.fdmId,
        vatNo: req.vatNo,
        activationCode: options.activationCode,
        publicKeyPem: req.publicKeyPem,
      });
      const body = answer.body as { certificatePem?: string; serverCertificateToken?: string } | null;
      if (answer.status !== 200 || !body?.certificatePem || !body.serverCertificateToken)
        throw refusal('activation refused', answer);
      token = { fdmId: req.fdmId, value: body.serverCertificateToken };
      return body.certificatePem;
    },
    async issueServerCertificate(req) {
      if (!token) throw new Error('the FDM certificate must be issued first');
      const answer = await post(options.fpsUrl, options.caPem, 'fdm/server-certificate', {
        fdmId: token.fdmId,
        token: token.value,
        ...req,
      });
      const body = answer.body as { certificatePem?: string } | null;
      if (answer.status !== 200 || !body?.certificatePem) throw refusal('server certificate refused', answer);
      return body.certificatePem;
    },
  };
}
