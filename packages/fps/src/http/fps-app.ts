import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { asAuditor, auditEvents, type AuditFilter } from '../auditor/audit-queries.js';
import { auditorAuthorized, type AuditorCredential } from '../auditor/auditor-credential.js';
import { auditPage } from '../auditor/audit-page.js';
import type { FpsCertificateAuthority } from '../ca/fps-ca.js';
import type { FpsSchema } from '../db/schema.js';
import { maxEventsPerUpload, storeUploadedEvents } from '../events/upload.js';
import {
  activationCodeValid,
  currentFdm,
  fdmsUsingBridge,
  useActivationCode,
  type Clock,
  type FdmRegistration,
} from '../registry/registrations.js';
import { fdmRevocation, revokedCertificates } from '../revocation/fdm-revocations.js';
import { belgianDay, vatRateSchedule, type VatRateTable } from '../vat/vat-rate-tables.js';
import { RateLimiter } from '../verification/rate-limiter.js';
import { verdictPage } from '../verification/verdict-page.js';
import { verifyTicket } from '../verification/verify-ticket.js';

/** Who is calling, as the transport established it (TLS client certificate, address). */
export interface Peer {
  readonly address: string;
  /** The fdmId of a client certificate the FPS CA issued (CN, OU=FDM), verified by TLS; else null. */
  readonly fdmId: string | null;
  /** That certificate's public key (SPKI PEM): a renewal certifies the same key again. */
  readonly publicKeyPem?: string;
}

export interface FpsAppOptions {
  readonly db: Kysely<FpsSchema>;
  readonly ca: FpsCertificateAuthority;
  readonly clock: Clock;
  readonly auditor: AuditorCredential;
  /** Where this service is reached from outside, e.g. https://fps.example:8443 (verification URLs start here). */
  readonly publicBaseUrl: string;
  readonly verificationLimit?: { perMinute: number; burst: number };
  /** Lifetime of the FDM certificates issued at activation and renewal (default 5 years). */
  readonly fdmCertificateDays?: number;
  /** How long a CRL is valid after it is made (default 1 hour); relying parties fetch it sooner. */
  readonly crlValidMs?: number;
}

export type FpsApp = (request: Request, peer: Peer) => Promise<Response>;

/** Parameters an FDM takes from the service at initialisation and on every refresh. */
export interface FdmParameters {
  readonly fdmId: string;
  readonly vatNo: string;
  readonly estNo: string;
  readonly allowedPosIds: readonly string[];
  /** The rates in force today (Belgian calendar day of the FPS's clock). */
  readonly vatRates: readonly { label: string; ratePercent: number; outOfScope: boolean }[];
  /** Tables that apply from a later day: the FDM switches on that day by its own clock. */
  readonly vatRateChanges: readonly VatRateTable[];
  readonly verificationBaseUrl: string;
  readonly biiEnabled: boolean;
  /** The FDM asks again after this many seconds. */
  readonly refreshSeconds: number;
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });

const html = (body: string, status = 200): Response =>
  new Response(body, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    },
  });

const problem = (status: number, code: string, message: string): Response =>
  json({ error: { code, message } }, status);

const wantsJson = (request: Request): boolean =>
  (request.headers.get('accept') ?? '').toLowerCase().includes('application/json');

const maxBodyBytes = 8 * 1024 * 1024;

async function readJson(request: Request): Promise<unknown> {
  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > maxBodyBytes) throw new BodyError(413, 'the body is too large');
  const text = await request.text();
  if (text.length > maxBodyBytes) throw new BodyError(413, 'the body is too large');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError(400, 'the body is not JSON');
  }
}

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const str = (body: unknown, name: string): string | undefined => {
  const v = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' ? v : undefined;
};

/** The FPS's HTTP interface as a fetch handler: the HTTPS server and the tests both call it. */
export function createFpsApp(options: FpsAppOptions): FpsApp {
  const { db, ca, clock } = options;
  const limiter = new RateLimiter(
    clock,
    options.verificationLimit?.perMinute ?? 60,
    options.verificationLimit?.burst ?? 20,
  );
  const verificationBaseUrl = `${options.publicBaseUrl.replace(/\/+$/, '')}/verify`;
  // Tokens for the FDM's server certificate right after activation; short-lived, memory only.
  const serverTokens = new Map<string, { fdmId: string; expires: number }>();

  const fdmCertificateDays = options.fdmCertificateDays ?? 5 * 365;
  const crlValidMs = options.crlValidMs ?? 3_600_000;

  const parametersOf = async (fdm: FdmRegistration): Promise<FdmParameters> => {
    const schedule = await vatRateSchedule(db, belgianDay(clock.now()));
    return {
      fdmId: fdm.fdmId,
      vatNo: fdm.ownerVatNo,
      estNo: fdm.estNo,
      allowedPosIds: fdm.allowedPosIds,
      vatRates: schedule.inForce.rates,
      vatRateChanges: schedule.upcoming,
      verificationBaseUrl,
      biiEnabled: fdm.biiEnabled,
      refreshSeconds: 3600,
    };
  };
  const revoked = (fdmId: string): Response =>
    problem(403, 'FDM_REVOKED', `the certificates of ${fdmId} are revoked`);

  const routes = async (request: Request, peer: Peer, path: string[]): Promise<Response> => {
    const method = request.method;
    const [first, ...rest] = path;

    if (first === 'verify' && method === 'GET') {
      if (!limiter.allow(peer.address))
        return problem(429, 'RATE_LIMITED', 'too many verifications; try again in a minute');
      if (rest.length !== 3)
        return problem(404, 'NOT_FOUND', 'expected /verify/<fdmId>/<totalCounter>/<shortSignature>');
      const [fdmId, counter, short] = rest as [string, string, string];
      const verdict = await verifyTicket(db, fdmId, counter, short);
      const status = verdict.status === 'malformed' ? 400 : 200;
      return wantsJson(request) ? json(verdict, status) : html(verdictPage(verdict), status);
    }

    if (first === 'crl' && rest.length === 0 && method === 'GET') {
      // Public, like the CA certificate: the list is signed, so it may travel over anything.
      const crl = await ca.issueCrl(await revokedCertificates(db), crlValidMs);
      return new Response(new Uint8Array(crl.der), {
        headers: { 'content-type': 'application/pkix-crl', 'cache-control': 'no-store' },
      });
    }

    if (first === 'fdm') {
      const action = rest.join('/');
      if (action === 'activation/parameters' && method === 'POST') {
        const body = await readJson(request);
        const fdmId = str(body, 'fdmId') ?? '';
        const code = str(body, 'activationCode') ?? '';
        if (!(await activationCodeValid(db, fdmId, code, clock)))
          return problem(
            403,
            'ACTIVATION_REFUSED',
            'unknown, used or expired activation code for this fdmId',
          );
        const fdm = await currentFdm(db, fdmId);
        if (!fdm) return problem(404, 'UNKNOWN_FDM', 'the FDM is not registered');
        return (await fdmRevocation(db, fdmId)) ? revoked(fdmId) : json(await parametersOf(fdm));
      }
      if (action === 'activate' && method === 'POST') {
        const body = await readJson(request);
        const fdmId = str(body, 'fdmId') ?? '';
        const publicKeyPem = str(body, 'publicKeyPem');
        const fdm = await currentFdm(db, fdmId);
        if (!fdm || publicKeyPem === undefined)
          return problem(400, 'BAD_REQUEST', 'fdmId of a registered FDM and publicKeyPem are required');
        if (str(body, 'vatNo') !== fdm.ownerVatNo)
          return problem(403, 'ACTIVATION_REFUSED', 'the VAT number is not the registered owner of this FDM');
        if (await fdmRevocation(db, fdmId)) return revoked(fdmId);
        const used = await useActivationCode(db, fdmId, str(body, 'activationCode') ?? '', clock);
        if (!used.ok) return problem(403, 'ACTIVATION_REFUSED', `activation code refused: ${used.error}`);
        let certificatePem: string;
        try {
          certificatePem = await ca.issueFdmCertificate({
            fdmId,
            vatNo: fdm.ownerVatNo,
            publicKeyPem,
            validDays: fdmCertificateDays,
          });
        } catch (error) {
          return problem(400, 'BAD_REQUEST', (error as Error).message);
        }
        const token = randomBytes(24).toString('base64url');
        serverTokens.set(token, { fdmId, expires: clock.now().getTime() + 15 * 60_000 });
        return json({
          certificatePem,
          caCertificatePem: ca.caCertificatePem,
          serverCertificateToken: token,
          parameters: await parametersOf(fdm),
        });
      }
      if (action === 'server-certificate' && method === 'POST') {
        const body = await readJson(request);
        const token = serverTokens.get(str(body, 'token') ?? '');
        if (!token || token.fdmId !== str(body, 'fdmId') || token.expires <= clock.now().getTime())
          return problem(403, 'TOKEN_REFUSED', 'no valid server certificate token for this FDM');
        serverTokens.delete(str(body, 'token') ?? '');
        const b = body as Record<string, unknown>;
        const list = (v: unknown): string[] | null =>
          Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
        const hostnames = list(b['hostnames']);
        const ipAddresses = list(b['ipAddresses']);
        const publicKeyPem = str(body, 'publicKeyPem');
        if (!hostnames || !ipAddresses || !publicKeyPem)
          return problem(400, 'BAD_REQUEST', 'hostnames, ipAddresses and publicKeyPem are required');
        try {
          return json({
            certificatePem: await ca.issueServerCertificate({ hostnames, ipAddresses, publicKeyPem }),
          });
        } catch (error) {
          return problem(400, 'BAD_REQUEST', (error as Error).message);
        }
      }
      // Everything else under /fdm needs the FDM's client certificate.
      if (!peer.fdmId)
        return problem(
          401,
          'CLIENT_CERTIFICATE_REQUIRED',
          'present the FDM certificate the FPS issued (mutual TLS)',
        );
      const fdm = await currentFdm(db, peer.fdmId);
      if (!fdm) return problem(403, 'UNKNOWN_FDM', 'the FDM is not registered');
      if (await fdmRevocation(db, peer.fdmId)) return revoked(peer.fdmId);
      if (action === 'parameters' && method === 'GET') return json(await parametersOf(fdm));
      if (action === 'certificate/renew' && method === 'POST') {
        // Same key pair: signatures made before stay verifiable with the same public key.
        if (!peer.publicKeyPem)
          return problem(400, 'BAD_REQUEST', 'the client certificate carries no usable public key');
        const certificatePem = await ca.issueFdmCertificate({
          fdmId: peer.fdmId,
          vatNo: fdm.ownerVatNo,
          publicKeyPem: peer.publicKeyPem,
          validDays: fdmCertificateDays,
        });
        return json({ certificatePem, caCertificatePem: ca.caCertificatePem });
      }
      if (action === 'events' && method === 'POST') {
        const body = await readJson(request);
        const events =
          typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['events'] : undefined;
        if (!Array.isArray(events)) return problem(400, 'BAD_REQUEST', 'expected {"events": [...]}');
        if (events.length > maxEventsPerUpload)
          return problem(413, 'TOO_MANY_EVENTS', `at most ${maxEventsPerUpload} events per request`);
        return json(await storeUploadedEvents(db, peer.fdmId, events, clock));
      }
      return problem(404, 'NOT_FOUND', 'no such FDM endpoint');
    }

    if (first === 'audit' && method === 'GET') {
      if (!auditorAuthorized(options.auditor, request.headers.get('authorization')))
        return new Response('auditor login required\n', {
          status: 401,
          headers: { 'www-authenticate': 'Basic realm="GKS FPS auditor", charset="UTF-8"' },
        });
      const url = new URL(request.url);
      if (rest.join('/') === 'events') {
        const filter = auditFilterOf(url.searchParams);
        if (typeof filter === 'string') return problem(400, 'BAD_REQUEST', filter);
        const events = await asAuditor(db, (trx) => auditEvents(trx, filter));
        return wantsJson(request) || url.searchParams.get('format') === 'json'
          ? json({ events })
          : html(auditPage(events, filter));
      }
      if (rest.join('/') === 'bridge') {
        const fdms = await asAuditor(db, (trx) => fdmsUsingBridge(trx));
        return json({ fdms });
      }
      return problem(404, 'NOT_FOUND', 'no such audit view');
    }

    if (first === 'health' && method === 'GET') return json({ status: 'ok' });
    return problem(404, 'NOT_FOUND', 'no such endpoint');
  };

  return async (request, peer) => {
    const url = new URL(request.url);
    let path: string[];
    try {
      path = url.pathname
        .split('/')
        .filter((p) => p !== '')
        .map((p) => decodeURIComponent(p));
    } catch {
      return problem(400, 'BAD_REQUEST', 'the path is not valid percent-encoding');
    }
    try {
      return await routes(request, peer, path);
    } catch (error) {
      if (error instanceof BodyError) return problem(error.status, 'BAD_REQUEST', error.message);
      throw error;
    }
  };
}

const isoLike = /^\d{4}-\d{2}-\d{2}(T[0-9:.+\-Z]{0,29})?$/;

function auditFilterOf(params: URLSearchParams): AuditFilter | string {
  const fdmId = params.get('fdmId') ?? undefined;
  if (fdmId !== undefined && !/^[A-Z0-9]{11}$/.test(fdmId)) return 'fdmId is 11 letters and digits';
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  for (const [name, v] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (v !== undefined && !isoLike.test(v)) return `${name} is a date (YYYY-MM-DD) or date-time`;
  const limitText = params.get('limit') ?? '500';
  if (!/^[1-9][0-9]{0,3}$/.test(limitText) || Number(limitText) > 5000) return 'limit is 1..5000';
  let after: AuditFilter['after'];
  const afterText = params.get('after');
  if (afterText !== null) {
    const m = /^([A-Z0-9]{11}):([1-9][0-9]{0,14})$/.exec(afterText);
    if (!m?.[1] || !m[2]) return 'after is <fdmId>:<totalCounter>';
    after = { fdmId: m[1], totalCounter: Number(m[2]) };
  }
  return {
    limit: Number(limitText),
    ...(fdmId ? { fdmId } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(after ? { after } : {}),
  };
}
