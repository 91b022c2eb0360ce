import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { canonicalSignedBytes } from './signed-event.js';
import type { SignedEventFields } from './signed-event.js';

/** The FDM's signing key. An adapter, so that a hardware key can replace the PEM file later. */
export interface EventSigner {
  readonly publicKey: KeyObject;
  /** ECDSA P-256 with SHA-256 over `bytes`; the 64-byte r||s form (IEEE P1363). */
  sign(bytes: Buffer): Buffer;
}

export function signerFromPem(privateKeyPem: string): EventSigner {
  const privateKey = createPrivateKey(privateKeyPem);
  const details = privateKey.asymmetricKeyDetails;
  if (privateKey.asymmetricKeyType !== 'ec' || details?.namedCurve !== 'prime256v1') {
    throw new TypeError('the FDM key must be an ECDSA P-256 private key');
  }
  const publicKey = createPublicKey(privateKey);
  return {
    publicKey,
    sign: (bytes) => sign('sha256', bytes, { key: privateKey, dsaEncoding: 'ieee-p1363' }),
  };
}

export function signEvent(
  signer: EventSigner,
  f: SignedEventFields,
): { digitalSignature: string; shortSignature: string } {
  const signature = signer.sign(canonicalSignedBytes(f));
  return { digitalSignature: signature.toString('base64'), shortSignature: shortSignatureOf(signature) };
}

/** First 40 hex characters of SHA-256 over the 64 signature bytes. */
export function shortSignatureOf(signature: Buffer): string {
  return createHash('sha256').update(signature).digest('hex').slice(0, 40);
}

const strictBase64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** False for any wrong, malformed or foreign signature; never throws on bad input. */
export function verifyEventSignature(
  publicKey: KeyObject,
  f: SignedEventFields,
  digitalSignature: string,
): boolean {
  if (typeof digitalSignature !== 'string' || !strictBase64.test(digitalSignature)) return false;
  const signature = Buffer.from(digitalSignature, 'base64');
  if (signature.length !== 64 || signature.toString('base64') !== digitalSignature) return false;
  let bytes: Buffer;
  try {
    bytes = canonicalSignedBytes(f);
  } catch {
    return false;
  }
  try {
    return verify('sha256', bytes, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false; // e.g. a key of another type
  }
}

/** `<base>/<fdmId>/<totalCounter>/<shortSignature>`; a trailing slash on the base is not doubled. */
export function verificationUrlOf(
  baseUrl: string,
  fdmId: string,
  totalCounter: number,
  shortSignature: string,
): string {
  const base = baseUrl.replace(/\/+$/, '');
  return `${base}/${encodeURIComponent(fdmId)}/${totalCounter}/${encodeURIComponent(shortSignature)}`;
}
