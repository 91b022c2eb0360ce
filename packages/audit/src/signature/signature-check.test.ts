import { createPublicKey, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nativeP256 } from './native-p256.js';
import { resolveEngine, signatureChecker } from './signature-check.js';

// The order n of P-256: r and s must lie in [1, n-1].
const order = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const bytes32 = (v: bigint) => Buffer.from(v.toString(16).padStart(64, '0'), 'hex');
const bigOf = (b: Uint8Array) => BigInt(`0x${Buffer.from(b).toString('hex')}`);

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, publicKey, der: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })) };
}
const sign1363 = (key: KeyObject, message: Uint8Array) =>
  sign('sha256', message, { key, dsaEncoding: 'ieee-p1363' });
const reference = (key: KeyObject, message: Uint8Array, signature: Uint8Array) => {
  try {
    return verify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
};

describe('the native P-256 verifier', () => {
  it('is built (npm test builds it; without it gks verify is about half as fast)', () => {
    expect(nativeP256()).toBeDefined();
  });

  const k = keyPair();
  const native = signatureChecker(k.der, 'native');
  const node = signatureChecker(k.der, 'node');

  it('resolves auto to native when built, and node stays node', () => {
    expect(resolveEngine('auto')).toBe('native');
    expect(resolveEngine()).toBe('native');
    expect(resolveEngine('native')).toBe('native');
    expect(resolveEngine('node')).toBe('node');
  });

  it('names its engine', () => {
    expect(native.engine).toBe('native');
    expect(node.engine).toBe('node');
  });

  it('agrees with crypto.verify on valid signatures, flipped bits and other messages', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 3000 }),
        fc.nat({ max: 511 }),
        fc.boolean(),
        (message, bit, flipSignature) => {
          const signature = sign1363(k.privateKey, message);
          expect(native.check(message, signature)).toBe(true);
          const sig2 = Buffer.from(signature);
          const msg2 = Buffer.from(message);
          if (flipSignature || msg2.length === 0) sig2[bit >> 3] = (sig2[bit >> 3] ?? 0) ^ (1 << (bit & 7));
          else msg2[bit % msg2.length] = (msg2[bit % msg2.length] ?? 0) ^ 1;
          expect(native.check(msg2, sig2)).toBe(reference(k.publicKey, msg2, sig2));
          expect(native.check(msg2, sig2)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('accepts the mirrored s (n - s) exactly as crypto.verify does', () => {
    const message = Buffer.from('ticket 1');
    const signature = sign1363(k.privateKey, message);
    const mirrored = Buffer.concat([
      signature.subarray(0, 32),
      bytes32(order - bigOf(signature.subarray(32))),
    ]);
    expect(reference(k.publicKey, message, mirrored)).toBe(true);
    expect(native.check(message, mirrored)).toBe(true);
  });

  it('refuses r or s out of range, wrong lengths and another key', () => {
    const message = Buffer.from('ticket 2');
    const signature = sign1363(k.privateKey, message);
    const r = signature.subarray(0, 32);
    const s = signature.subarray(32);
    const cases: Uint8Array[] = [
      Buffer.alloc(64),
      Buffer.alloc(64, 0xff),
      Buffer.concat([bytes32(0n), s]),
      Buffer.concat([r, bytes32(0n)]),
      Buffer.concat([bytes32(order), s]),
      Buffer.concat([r, bytes32(order)]),
      Buffer.concat([bytes32(bigOf(r) + order), s]),
      signature.subarray(0, 63),
      Buffer.concat([signature, Buffer.alloc(1)]),
      new Uint8Array(0),
    ];
    for (const bad of cases) {
      expect(native.check(message, bad)).toBe(false);
      expect(node.check(message, bad)).toBe(false);
    }
    const other = keyPair();
    expect(native.check(message, sign1363(other.privateKey, message))).toBe(false);
  });

  it('works for many keys (each with its own table)', () => {
    for (let i = 0; i < 20; i++) {
      const kp = keyPair();
      const check = signatureChecker(kp.der, 'native').check;
      const message = randomBytes(100 + i);
      expect(check(message, sign1363(kp.privateKey, message))).toBe(true);
      expect(check(message, sign1363(k.privateKey, message))).toBe(false);
    }
  });

  it('refuses a point that is not on the curve, and a compressed point', () => {
    const addon = nativeP256();
    if (!addon) throw new Error('native verifier not built');
    const jwk = createPublicKey({ key: Buffer.from(k.der), format: 'der', type: 'spki' }).export({
      format: 'jwk',
    });
    const x = Buffer.from(jwk.x ?? '', 'base64url');
    const y = Buffer.from(jwk.y ?? '', 'base64url');
    const offCurve = Buffer.concat([Buffer.from([4]), x, y]);
    offCurve[64] = (offCurve[64] ?? 0) ^ 1;
    expect(() => addon.createVerifier(offCurve)).toThrow(/not a usable P-256 public key/);
    expect(() => addon.createVerifier(Buffer.concat([Buffer.from([2]), x]))).toThrow(/uncompressed/);
    expect(() => addon.createVerifier(Buffer.alloc(65))).toThrow();
    const good = addon.createVerifier(Buffer.concat([Buffer.from([4]), x, y]));
    expect(() => addon.verify({}, Buffer.alloc(1), Buffer.alloc(64))).toThrow(/verifier/);
    expect(() => addon.verify(good, 'text' as unknown as Uint8Array, Buffer.alloc(64))).toThrow(/Uint8Array/);
  });

  it('refuses a key of another curve', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const der = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
    expect(() => signatureChecker(der, 'native')).toThrow(/P-256/);
  });
});
