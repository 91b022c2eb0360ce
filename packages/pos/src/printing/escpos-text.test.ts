import { buildKitchenTicket, renderEscPos, type Receipt } from '@gks/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escPosText } from './escpos-text.js';

const kitchen = (): Receipt => {
  const built = buildKitchenTicket({
    destination: 'KEUKEN',
    orderNo: 17,
    posDateTime: '2026-03-01T19:30:00+01:00',
    userAlias: 'Ann',
    costCenter: 'T4',
    items: [{ description: 'Crème brûlée', quantity: 2, notes: ['one without sugar €'] }],
  });
  if (!built.ok) throw new Error(JSON.stringify(built.error));
  return built.value;
};

describe('escPosText: what a print job says', () => {
  it('keeps the text of a rendered receipt, code page 1252 included, and drops every control sequence', () => {
    const text = escPosText(renderEscPos(kitchen(), { width: 42 }));
    expect(text).toContain('KEUKEN');
    expect(text).toContain('Crème brûlée');
    expect(text).toContain('one without sugar €');
    expect(text).toContain('DIT IS GEEN GELDIG'); // the closing banner, at double width
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(text.split('\n').every((line) => line.length <= 42)).toBe(true);
  });

  it('shows a QR code by its data and skips cuts, bit images and barcodes', () => {
    const url = 'https://verify.example/fdm/FOD01000001/16/abc';
    const data = [...new TextEncoder().encode(url)];
    const length = data.length + 3;
    const job = Uint8Array.from([
      ...[0x1b, 0x40, 0x1b, 0x74, 16],
      ...[0x48, 0x69, 0x0a], // "Hi\n"
      ...[0x1d, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, 0x50, 0x30, ...data],
      ...[0x1d, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30],
      ...[0x1b, 0x2a, 0, 2, 0, 0x41, 0x42], // ESC * with two columns "AB": image, not text
      ...[0x1d, 0x6b, 4, 0x31, 0x32, 0], // barcode "12"
      ...[0x1d, 0x76, 0x30, 0, 1, 0, 2, 0, 0x43, 0x44], // raster "CD": image, not text
      ...[0x4f, 0x6b, 0x0a], // "Ok\n"
      ...[0x1b, 0x64, 4, 0x1d, 0x56, 0x42, 0],
    ]);
    expect(escPosText(job)).toBe(`Hi\n[QR] ${url}\nOk\n`);
  });

  it('never throws on cut-off or random bytes and never lets a control character through', () => {
    for (const cut of [
      [0x1b],
      [0x1d, 0x28, 0x6b, 200],
      [0x1d, 0x76, 0x30, 0, 255, 255, 255, 255],
      [0x1c],
      [0x10],
    ])
      expect(() => escPosText(Uint8Array.from(cut))).not.toThrow();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        // eslint-disable-next-line no-control-regex
        expect(escPosText(bytes)).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      }),
    );
  });
});
