import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The addon of `native/p256-verify.cc`, built by `native/build.mjs` at install. */
export interface NativeP256 {
  /** A verifier for one public key (65 bytes: 0x04, x, y); builds the key's table once. */
  createVerifier(uncompressedPoint: Uint8Array): object;
  /** ECDSA P-256 over SHA-256 of `message`; `signature` is r || s (64 bytes). */
  verify(verifier: object, message: Uint8Array, signature: Uint8Array): boolean;
}

/** Where the build puts the addon: the package's native/build, from src/ and dist/ alike. */
export const nativeAddonPath = fileURLToPath(new URL('../../native/build/p256-verify.node', import.meta.url));

let loaded: NativeP256 | null | undefined;

/** The addon, or undefined when it was not built (no C++ compiler at install). */
export function nativeP256(): NativeP256 | undefined {
  if (loaded === undefined) {
    loaded = existsSync(nativeAddonPath)
      ? (createRequire(import.meta.url)(nativeAddonPath) as NativeP256)
      : null;
  }
  return loaded ?? undefined;
}
