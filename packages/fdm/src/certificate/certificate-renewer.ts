import { createPublicKey, X509Certificate } from 'node:crypto';
import { err, ok, type Result } from '@gks/core';
import type { Clock } from '../engine/clock.js';
import { SerialTicker, type RefreshTimer } from '../periodic/serial-ticker.js';

const DAY_MS = 86_400_000;
/** The FDM warns and renews this long before its certificate expires. */
export const renewBeforeMs = 30 * DAY_MS;

/** The certificate's state as the engine reports it in warnings. */
export interface CertificateStatus {
  /** Expires within 30 days (CLIENT_CERT_NEAR_EXPIRATION). */
  readonly nearExpiration: boolean;
  /** Expired (CLIENT_CERT_EXPIRED): the service no longer accepts the FDM. */
  readonly expired: boolean;
  /** Renewal failed repeatedly (UPDATE_CLIENT_CERT_FAILED). */
  readonly renewalFailing: boolean;
}

export interface CertificateRenewerOptions {
  readonly fdmId: string;
  /** The current certificate (PEM); changes after an installed renewal. */
  readonly current: () => string;
  /** The FDM's public key: a renewal must certify this key again, never another. */
  readonly publicKeyPem: string;
  /** The service's CA: the renewed certificate must be signed by it. */
  readonly caPem: string;
  readonly clock: Clock;
  /** POST /fdm/certificate/renew over mutual TLS with the current certificate; a network failure rejects. */
  readonly renew: () => Promise<{ status: number; body: unknown }>;
  /** Archives the current certificate and makes `pem` the current one (durably). */
  readonly install: (pem: string) => Promise<void>;
  readonly timer?: RefreshTimer;
  /** Consecutive failed renewals before UPDATE_CLIENT_CERT_FAILED (default 3). */
  readonly failuresBeforeWarning?: number;
  readonly warn?: (text: string) => void;
}

export type RenewalOutcome =
  | { readonly kind: 'not-due'; readonly notAfter: Date }
  | { readonly kind: 'renewed'; readonly notAfter: Date }
  | { readonly kind: 'failed'; readonly problem: string };

export function notAfterOf(pem: string): Date {
  return new Date(new X509Certificate(pem).validTo);
}

/**
 * Keeps the FDM's client certificate valid: within 30 days of its end (by the injected clock)
 * the FDM warns and asks the service for a new certificate of the same key, over mutual TLS with
 * the current one. A renewal is checked before it is installed (same key, same fdmId, signed by
 * the service's CA, not ending sooner); a failure keeps the current certificate and tries again at
 * the next check.
 */
export class CertificateRenewer {
  readonly #options: CertificateRenewerOptions;
  readonly #ticker: SerialTicker<RenewalOutcome>;
  readonly #threshold: number;
  #failures = 0;
  #notAfter: { pem: string; at: Date } | undefined;

  constructor(options: CertificateRenewerOptions) {
    this.#options = options;
    this.#ticker = new SerialTicker(() => this.#checkOnce(), options.timer);
    this.#threshold = Math.max(1, options.failuresBeforeWarning ?? 3);
  }

  /** When the current certificate ends (parsed once per certificate). */
  notAfter(): Date {
    const pem = this.#options.current();
    if (this.#notAfter?.pem !== pem) this.#notAfter = { pem, at: notAfterOf(pem) };
    return this.#notAfter.at;
  }

  status(): CertificateStatus {
    const left = this.notAfter().getTime() - this.#options.clock.now().getTime();
    return {
      nearExpiration: left > 0 && left <= renewBeforeMs,
      expired: left <= 0,
      renewalFailing: this.#failures >= this.#threshold,
    };
  }

  /** Checks now, then every `intervalMs`. */
  start(intervalMs: number): void {
    this.#ticker.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.#ticker.stop();
  }

  /** Renews when due, after any check still running. */
  checkNow(): Promise<RenewalOutcome> {
    return this.#ticker.runNow();
  }

  async #checkOnce(): Promise<RenewalOutcome> {
    const { nearExpiration, expired } = this.status();
    if (!nearExpiration && !expired) return { kind: 'not-due', notAfter: this.notAfter() };
    let answer: { status: number; body: unknown };
    try {
      answer = await this.#options.renew();
    } catch (error) {
      return this.#failed(`service unreachable: ${(error as Error).message}`);
    }
    if (answer.status !== 200) {
      const message = (answer.body as { error?: { code?: unknown } } | null)?.error?.code;
      return this.#failed(
        `the service answered ${answer.status}${typeof message === 'string' ? ` ${message}` : ''}`,
      );
    }
    const pem = (answer.body as { certificatePem?: unknown } | null)?.certificatePem;
    const checked = this.#check(pem);
    if (!checked.ok) return this.#failed(`renewed certificate refused: ${checked.error}`);
    try {
      await this.#options.install(checked.value.pem);
    } catch (error) {
      return this.#failed(`cannot install the renewed certificate: ${(error as Error).message}`);
    }
    this.#failures = 0;
    return { kind: 'renewed', notAfter: checked.value.notAfter };
  }

  #check(pem: unknown): Result<{ pem: string; notAfter: Date }, string> {
    if (typeof pem !== 'string') return err('no certificatePem in the answer');
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(pem);
    } catch {
      return err('not a certificate');
    }
    const ca = new X509Certificate(this.#options.caPem);
    if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) return err("not issued by the service's CA");
    const ours = createPublicKey(this.#options.publicKeyPem).export({ type: 'spki', format: 'der' });
    if (!cert.publicKey.export({ type: 'spki', format: 'der' }).equals(ours))
      return err("it certifies another key than the FDM's");
    if (!cert.subject.split('\n').includes(`CN=${this.#options.fdmId}`))
      return err(`its subject is not CN=${this.#options.fdmId}`);
    const notAfter = new Date(cert.validTo);
    const now = this.#options.clock.now().getTime();
    if (new Date(cert.validFrom).getTime() > now + 5 * 60_000) return err('it is not valid yet');
    if (notAfter.getTime() < this.notAfter().getTime()) return err('it ends before the current one');
    return ok({ pem, notAfter });
  }

  #failed(problem: string): RenewalOutcome {
    this.#failures++;
    (this.#options.warn ?? ((text: string) => console.warn(text)))(`certificate renewal: ${problem}`);
    return { kind: 'failed', problem };
  }
}
