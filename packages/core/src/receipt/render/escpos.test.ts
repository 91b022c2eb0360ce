import { describe, expect, it } from 'vitest';
import { buildVatTicket } from '../build/vat-ticket.js';
import { built } from '../testing/expect.js';
import { m110Input, m110VerificationUrl } from '../testing/fod-m110.js';
import type { Receipt } from '../model.js';
import { encodeCp1252 } from './cp1252.js';
import { renderEscPos } from './escpos.js';

const receipt = built(buildVatTicket(m110Input));
const bytes = renderEscPos(receipt, { width: 42 });

/** Index of `needle` inside `haystack`, -1 when absent. */
function indexOf(haystack: Uint8Array, needle: readonly number[], from = 0): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const ascii = (text: string): number[] => [...Buffer.from(text, 'latin1')];

describe('renderEscPos', () => {
  it('starts with ESC @ and selects code page 1252', () => {
    expect([...bytes.slice(0, 5)]).toEqual([0x1b, 0x40, 0x1b, 0x74, 16]);
  });

  it('stores the verification URL in a GS ( k QR command, then prints it', () => {
    const url = ascii(m110VerificationUrl);
    const length = url.length + 3;
    const store = [0x1d, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, 0x50, 0x30, ...url];
    const at = indexOf(bytes, store);
    expect(at).toBeGreaterThan(0);
    expect(indexOf(bytes, [0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30], at + store.length)).toBe(
      at + store.length,
    );
    // model 2 and error correction M are selected before the data
    expect(indexOf(bytes, [0x1d, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0])).toBeLessThan(at);
    expect(indexOf(bytes, [0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31])).toBeLessThan(at);
  });

  it('prints banners double size and bold, then returns to normal', () => {
    const banner = [0x1b, 0x21, 0x38, ...ascii(`${' '.repeat(4)}BTW-KASTICKET`), 0x1b, 0x21, 0x00, 0x0a];
    expect(indexOf(bytes, banner)).toBe(5);
  });

  it('right-aligns amounts on the 42 columns', () => {
    expect(indexOf(bytes, [...ascii(`  2 x 12,00${' '.repeat(24)}24,00 A`), 0x0a])).toBeGreaterThan(0);
  });

  it('ends by feeding and cutting', () => {
    expect([...bytes.slice(-7)]).toEqual([0x1b, 0x64, 4, 0x1d, 0x56, 0x42, 0x00]);
  });

  it('lets no printer command through a product name', () => {
    const evil = built(
      buildVatTicket({
        ...m110Input,
        lines: m110Input.lines.map((l) => ({ ...l, description: 'Cola\x1b@\x1dV\x41\x00 Zero' })),
      }),
    );
    const out = renderEscPos(evil, { width: 42 });
    expect(indexOf(out, ascii('Cola@VA Zero\n'))).toBeGreaterThan(0);
    expect(indexOf(out, [0x1b, 0x40], 2)).toBe(-1); // ESC @ only once, at the start
    expect(indexOf(out, [0x1d, 0x56, 0x41])).toBe(-1);
  });

  it('writes the euro sign and accents in code page 1252, anything else as ?', () => {
    expect(encodeCp1252('€ café ß Œ')).toEqual([0x80, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x20, 0xdf, 0x20, 0x8c]);
    expect(encodeCp1252('漢🍔\x1b')).toEqual([0x3f, 0x3f, 0x3f]);
  });

  it('refuses a QR module size outside 1..16 (a caller bug)', () => {
    const empty: Receipt = { kind: 'report', blocks: [] };
    expect(() => renderEscPos(empty, { width: 42, qrModuleSize: 17 })).toThrow(RangeError);
    expect(() => renderEscPos(empty, { width: 42, qrModuleSize: 0 })).toThrow(RangeError);
  });
});
