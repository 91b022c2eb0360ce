import { createPublicKey, verify } from 'node:crypto';
import { nativeP256 } from './native-p256.js';

/** Checks one FDM signature (r || s, 64 bytes) over the signed bytes of an event. */
export type SignatureCheck = (signedBytes: Uint8Array, signature: Uint8Array) => boolean;

/**
 * `native`: the addon with a precomputed table for the FDM's key, about twice as fast as
 * `node` (`crypto.verify`); the same OpenSSL arithmetic underneath. `auto` takes native when
 * it was built.
 */
export type SignatureEngine = 'native' | 'node' | 'auto';

export interface SignatureChecker {
  readonly check: SignatureCheck;
  readonly engine: 'native' | 'node';
}

/** The engine that `engine` means on this machine; asking for native when it is not built throws. */
export function resolveEngine(engine: SignatureEngine = 'auto'): 'native' | 'node' {
  if (engine === 'node') return 'node';
  if (nativeP256()) return 'native';
  if (engine === 'native')
    throw new Error('the native P-256 verifier is not built (npm run build:native -w @gks/audit)');
  return 'node';
}

/** A checker for the FDM certificate's public key (SPKI DER, P-256 checked before). */
export function signatureChecker(
  publicKeyDer: Uint8Array,
  engine: SignatureEngine = 'auto',
): SignatureChecker {
  const key = createPublicKey({ key: Buffer.from(publicKeyDer), format: 'der', type: 'spki' });
  const addon = resolveEngine(engine) === 'native' ? nativeP256() : undefined;
  if (!addon) {
    return {
      engine: 'node',
      check: (message, signature) => {
        try {
          return verify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, signature);
        } catch {
          return false;
        }
      },
    };
  }
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'P-256' || !jwk.x || !jwk.y) throw new Error('signatureChecker needs a P-256 key');
  const point = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(jwk.x, 'base64url'),
    Buffer.from(jwk.y, 'base64url'),
  ]);
  const verifier = addon.createVerifier(point);
  return { engine: 'native', check: (message, signature) => addon.verify(verifier, message, signature) };
}
