import { describe, expect, it } from 'vitest';
import { crc32c } from './crc32c.js';

describe('crc32c', () => {
  it('gives the published check value of "123456789" (0xE3069283)', () => {
    expect(crc32c(Buffer.from('123456789', 'ascii'))).toBe(0xe3069283);
  });

  it('gives 0 for no bytes and the iSCSI vector for 32 zero bytes', () => {
    expect(crc32c(new Uint8Array(0))).toBe(0);
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
  });

  it('changes when any single bit changes', () => {
    const base = Buffer.from('the quick brown fox jumps over the lazy dog', 'ascii');
    const reference = crc32c(base);
    for (let i = 0; i < base.length * 8; i++) {
      const copy = Buffer.from(base);
      copy[i >> 3] = (copy[i >> 3] as number) ^ (1 << (i & 7));
      expect(crc32c(copy)).not.toBe(reference);
    }
  });
});
