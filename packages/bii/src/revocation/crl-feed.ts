import { webcrypto } from 'node:crypto';
import { request } from 'node:https';
import * as x509 from '@peculiar/x509';
import { err, ok, type Result } from '@gks/core';
import type { BridgeLog } from '../server/bridge-log.js';

// Node's WebCrypto implements the Crypto interface @peculiar/x509 expects.
const crypto = webcrypto as unknown as Crypto;
/** A CRL stamped this far in the future is refused: the issuer's clock and ours disagree too much. */
const clockSkewMs = 5 * 60_000;
const maxCrlBytes = 4 * 1024 * 1024;

/** A certificate serial as hex, lower case, without leading zeros: how both sides compare. */
export function normalSerial(hex: string): string {
  return hex.toLowerCase().replace(/^0+(?=.)/, '');
}

export interface CrlFeedOptions {
  /** The CRL's bytes (DER or PEM); rejects on network failure. */
  readonly fetch: () => Promise<Uint8Array>;
  /** CA certificate(s) (PEM) whose CRLs are believed: the CA(s) that issue FDM certificates. */
  readonly issuerPems: readonly string[];
  readonly now: () => Date;
  readonly log: BridgeLog;
  /** Told after each refresh that changed the list (the bridge drops revoked links then). */
  readonly onChange?: () => void;
}

export interface CrlState {
  readonly revoked: number;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | undefined;
}

/**
 * The FDM certificates the tax administration revoked, as its signed CRL says. Only a CRL signed
 * by a trusted FDM CA and not older than the one held is taken; anything else keeps the last good
 * list. Until a first CRL arrives nothing is revoked: the bridge's own allow-list still applies,
 * and the FPS refuses a revoked FDM's uploads in any case.
 */
export class CrlFeed {
  readonly #options: CrlFeedOptions;
  readonly #issuers: x509.X509Certificate[];
  #revoked: ReadonlySet<string> = new Set();
  #state: CrlState | undefined;
  #chain: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;

  constructor(options: CrlFeedOptions) {
    this.#options = options;
    this.#issuers = options.issuerPems.flatMap(splitPem).map((pem) => new x509.X509Certificate(pem));
  }

  isRevoked(serialHex: string): boolean {
    return this.#revoked.has(normalSerial(serialHex));
  }

  state(): CrlState | undefined {
    return this.#state;
  }

  /** Fetches now, then every `intervalMs` (timers unref'd: they never hold the process open). */
  start(intervalMs: number): Promise<Result<CrlState, string>> {
    const first = this.refreshNow();
    this.#timer = setInterval(() => void this.refreshNow(), intervalMs);
    this.#timer.unref();
    return first;
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    await this.#chain;
  }

  /** One refresh, after any refresh still running. */
  refreshNow(): Promise<Result<CrlState, string>> {
    const next = this.#chain.then(() => this.#refreshOnce());
    this.#chain = next.catch(() => undefined);
    return next;
  }

  async #refreshOnce(): Promise<Result<CrlState, string>> {
    const { log } = this.#options;
    let bytes: Uint8Array;
    try {
      bytes = await this.#options.fetch();
    } catch (error) {
      return this.#refused(`CRL unreachable: ${(error as Error).message}`);
    }
    let crl: x509.X509Crl;
    try {
      crl = new x509.X509Crl(new Uint8Array(bytes));
    } catch {
      return this.#refused('not a CRL');
    }
    if (!(await this.#signedByIssuer(crl))) return this.#refused('the CRL is not signed by a trusted FDM CA');
    const now = this.#options.now().getTime();
    if (crl.thisUpdate.getTime() > now + clockSkewMs) return this.#refused('the CRL is dated in the future');
    if (this.#state && crl.thisUpdate.getTime() < this.#state.thisUpdate.getTime())
      return this.#refused('the CRL is older than the one held');
    const revoked = new Set(crl.entries.map((entry) => normalSerial(entry.serialNumber)));
    const changed = revoked.size !== this.#revoked.size || [...revoked].some((s) => !this.#revoked.has(s));
    this.#revoked = revoked;
    this.#state = { revoked: revoked.size, thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate };
    if (crl.nextUpdate && crl.nextUpdate.getTime() < now)
      log.event('crl-stale', { reason: `next update was due ${crl.nextUpdate.toISOString()}` });
    if (changed) {
      log.event('crl-updated', { count: revoked.size });
      this.#options.onChange?.();
    }
    return ok(this.#state);
  }

  async #signedByIssuer(crl: x509.X509Crl): Promise<boolean> {
    for (const issuer of this.#issuers) {
      if (issuer.subject !== crl.issuer) continue;
      try {
        if (await crl.verify({ publicKey: issuer.publicKey }, crypto)) return true;
      } catch {
        // another key type or a malformed signature: not this issuer
      }
    }
    return false;
  }

  #refused(reason: string): Result<never, string> {
    this.#options.log.event('crl-refused', { reason });
    return err(reason);
  }
}

function splitPem(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/** GET of the CRL over https, trusting `caPem` (the FPS's CA) when given, at most 4 MiB. */
export function httpsCrlFetcher(url: string, caPem?: string, timeoutMs = 10_000): () => Promise<Uint8Array> {
  return () =>
    new Promise((resolve, reject) => {
      const req = request(url, { ...(caPem ? { ca: caPem } : {}), timeout: timeoutMs }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`the CRL URL answered ${res.statusCode ?? 0}`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxCrlBytes) req.destroy(new Error('the CRL is too large'));
          else chunks.push(c);
        });
        res.on('end', () => resolve(Buffer.concat(chunks)));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end();
    });
}
