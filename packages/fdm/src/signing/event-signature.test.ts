import { describe, it, expect } from 'vitest';
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { canonicalSignedBytes, dataHashOf, ZERO_HASH } from './signed-event.js';
import type { SignedEventFields } from './signed-event.js';
import {
  shortSignatureOf,
  signerFromPem,
  signEvent,
  verificationUrlOf,
  verifyEventSignature,
} from './event-signature.js';
import {
  vectorData,
  vectorDigitalSignature,
  vectorFields,
  vectorPrivateKeyPem,
  vectorPublicKeyPem,
  vectorShortSignature,
  vectorSignedBytesSha256,
} from './test-vector.js';

const publicKey = createPublicKey(vectorPublicKeyPem);

describe('signed byte format (published test vector)', () => {
  it('hashes the data as SHA-256 of its canonical JSON, independent of member order', () => {
    expect(dataHashOf(vectorData)).toBe(vectorFields.dataHash);
    const reordered = Object.fromEntries(Object.entries(vectorData).reverse());
    expect(dataHashOf(reordered)).toBe(vectorFields.dataHash);
  });

  it('gives exactly the documented bytes', () => {
    const bytes = canonicalSignedBytes(vectorFields);
    expect(bytes.toString('utf8')).toBe(
      [
        'GKS-FDM-EVENT-SIGNATURE/1',
        'fdmId="FOD01000001"',
        'fdmDateTime="2024-07-29T11:00:08Z"',
        'eventLabel="N"',
        'eventCounter=15',
        'totalCounter=59',
        'eventOperation="SALE"',
        'isTraining=false',
        'posId="CPOS0031234567"',
        'posFiscalTicketNo=1000',
        'posDateTime="2024-07-29T13:00:00+02:00"',
        'terminalId="BAR"',
        'deviceId="DEVICE-01"',
        'dataHash=6dfdd98da88e3a74f360a626cfb84226394d47cc853a035b778912febbc50e2a',
        'prevHash=5f3c0b3e1f0c4b1e9a1d2c3b4a5968778695a4b3c2d1e0f1a2b3c4d5e6f70819',
        '',
      ].join('\n'),
    );
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(vectorSignedBytesSha256);
  });

  it('accepts the published signature and derives the published short signature', () => {
    expect(verifyEventSignature(publicKey, vectorFields, vectorDigitalSignature)).toBe(true);
    expect(shortSignatureOf(Buffer.from(vectorDigitalSignature, 'base64'))).toBe(vectorShortSignature);
  });

  it('keeps values with quotes, newlines or field-like text from forging another field', () => {
    const sneaky = { ...vectorFields, terminalId: 'BAR"\ndeviceId="X' };
    const text = canonicalSignedBytes(sneaky).toString('utf8');
    expect(text).toContain('terminalId="BAR\\"\\ndeviceId=\\"X"\n');
    expect(text.split('\n')).toHaveLength(16);
  });

  it.each<[string, Partial<Record<keyof SignedEventFields, unknown>>]>([
    ['a negative counter', { eventCounter: -1 }],
    ['a fractional counter', { totalCounter: 1.5 }],
    ['an unsafe integer', { posFiscalTicketNo: 2 ** 53 }],
    ['a string counter', { eventCounter: '15' }],
    ['upper-case hex', { dataHash: vectorFields.dataHash.toUpperCase() }],
    ['a short hash', { prevHash: '00' }],
    ['a missing field', { deviceId: undefined }],
    ['a non-boolean isTraining', { isTraining: 'false' }],
  ])('refuses %s (a bug: throws)', (_name, patch) => {
    expect(() => canonicalSignedBytes({ ...vectorFields, ...patch } as SignedEventFields)).toThrow(TypeError);
  });
});

describe('signEvent / verifyEventSignature', () => {
  const signer = signerFromPem(vectorPrivateKeyPem);

  it('signs with a 64-byte r||s that verifies, and a short signature derived from it', () => {
    const { digitalSignature, shortSignature } = signEvent(signer, vectorFields);
    const raw = Buffer.from(digitalSignature, 'base64');
    expect(raw).toHaveLength(64);
    expect(shortSignature).toMatch(/^[0-9a-f]{40}$/);
    expect(shortSignature).toBe(createHash('sha256').update(raw).digest('hex').slice(0, 40));
    expect(verifyEventSignature(signer.publicKey, vectorFields, digitalSignature)).toBe(true);
  });

  it('rejects the signature when any signed field changes', () => {
    const { digitalSignature } = signEvent(signer, vectorFields);
    const changes: Partial<SignedEventFields>[] = [
      { fdmId: 'FOD01000002' },
      { fdmDateTime: '2024-07-29T11:00:09Z' },
      { eventLabel: 'T' },
      { eventCounter: 16 },
      { totalCounter: 60 },
      { eventOperation: 'INVOICE' },
      { isTraining: true },
      { posId: 'CPOS0031234568' },
      { posFiscalTicketNo: 1001 },
      { posDateTime: '2024-07-29T13:00:00+01:00' },
      { terminalId: 'BAR2' },
      { deviceId: 'DEVICE-02' },
      { dataHash: dataHashOf({ ...vectorData, posFiscalTicketNo: 1001 }) },
      { prevHash: ZERO_HASH },
    ];
    for (const change of changes) {
      expect(verifyEventSignature(signer.publicKey, { ...vectorFields, ...change }, digitalSignature)).toBe(
        false,
      );
    }
  });

  it.each([
    ['empty', ''],
    ['not base64', '!!!!'],
    ['63 bytes', Buffer.alloc(63, 1).toString('base64')],
    ['65 bytes', Buffer.alloc(65, 1).toString('base64')],
    ['64 zero bytes', Buffer.alloc(64).toString('base64')],
    ['url-safe alphabet', vectorDigitalSignature.replace(/\+/g, '-').replace(/\//g, '_')],
    ['trailing junk', vectorDigitalSignature + 'AA'],
    ['whitespace inside', ' ' + vectorDigitalSignature],
  ])('returns false (never throws) for a %s signature', (_name, sig) => {
    expect(verifyEventSignature(publicKey, vectorFields, sig)).toBe(false);
  });

  it('returns false for another key and for malformed fields', () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    expect(verifyEventSignature(other, vectorFields, vectorDigitalSignature)).toBe(false);
    const bad = { ...vectorFields, eventCounter: -1 };
    expect(verifyEventSignature(publicKey, bad, vectorDigitalSignature)).toBe(false);
  });

  it('refuses keys that are not P-256', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey;
    expect(() => signerFromPem(rsa.export({ type: 'pkcs8', format: 'pem' }).toString())).toThrow();
    expect(() => signerFromPem(p384.export({ type: 'pkcs8', format: 'pem' }).toString())).toThrow();
    expect(() => signerFromPem('not a key')).toThrow();
  });
});

describe('verificationUrlOf', () => {
  it('joins base, fdmId, totalCounter and short signature', () => {
    expect(verificationUrlOf('https://v.example/fdm', 'FOD01000001', 59, vectorShortSignature)).toBe(
      `https://v.example/fdm/FOD01000001/59/${vectorShortSignature}`,
    );
  });

  it('does not double a trailing slash and escapes path characters', () => {
    expect(verificationUrlOf('https://v.example/', 'A/B', 1, 'ab')).toBe('https://v.example/A%2FB/1/ab');
  });
});
