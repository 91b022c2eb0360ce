import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { buildTrainingTicket } from '../build/training.js';
import { buildVatTicket } from '../build/vat-ticket.js';
import { built } from '../testing/expect.js';
import {
  m110Context,
  m110Input,
  m110Sale,
  m110TrainingSignResult,
  m110VerificationUrl,
} from '../testing/fod-m110.js';
import { escapeHtml, renderHtml } from './html.js';

const receipt = built(buildVatTicket(m110Input));
const html = renderHtml(receipt);

/** The dark modules drawn by the SVG path ("M{x} {y}h1v1h-1z" each), back as a matrix. */
function matrixFromSvg(svg: string): boolean[][] {
  const side = Number(/viewBox="0 0 (\d+) \d+"/u.exec(svg)?.[1]);
  const quiet = 4;
  const size = side - 2 * quiet;
  const matrix = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  const path = /<path d="([^"]*)"/u.exec(svg)?.[1] ?? '';
  for (const [, x, y] of path.matchAll(/M(\d+) (\d+)h1v1h-1z/gu)) {
    const row = matrix[Number(y) - quiet];
    if (row === undefined) throw new Error(`module outside the code: ${x},${y}`);
    row[Number(x) - quiet] = true;
  }
  return matrix;
}

describe('renderHtml', () => {
  it('draws the QR of the verification URL: the SVG modules are the URL re-encoded', () => {
    const svg = /<svg[\s\S]*?<\/svg>/u.exec(html)?.[0] ?? '';
    expect(svg).not.toBe('');
    const reencoded = encode(m110VerificationUrl, { ecc: 'M', border: 0 }).data;
    expect(matrixFromSvg(svg)).toEqual(reencoded);
    // and not just any QR: another URL gives another matrix
    expect(matrixFromSvg(svg)).not.toEqual(encode(`${m110VerificationUrl}x`, { ecc: 'M', border: 0 }).data);
  });

  it('escapes product names, aliases and footers', () => {
    const evil = built(
      buildVatTicket({
        ...m110Input,
        userAlias: '"><img src=x onerror=alert(1)>',
        lines: m110Input.lines.map((l) => ({ ...l, description: '<script>alert("x")</script> & Co' })),
        signResult: { ...m110Input.signResult, footer: ["</div><style>body{display:none}</style>'"] },
      }),
    );
    const out = renderHtml(evil);
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<style');
    expect(out).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(out).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(out).toContain('&lt;/div&gt;&lt;style&gt;body{display:none}&lt;/style&gt;&#39;');
    // every <div> opened is closed: the fragment stays one fragment
    expect(out.match(/<div\b/gu)?.length).toBe(out.match(/<\/div>/gu)?.length);
  });

  it('is self-contained: inline styles, no scripts, nothing loaded from elsewhere', () => {
    expect(html.startsWith('<div class="gks-receipt" data-kind="vat-ticket"')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|src=|href=|url\(|@import/u);
  });

  it('prints banners at twice the size and bold (C-27)', () => {
    expect(html).toMatch(/<div style="font-size:2em;font-weight:700[^"]*">BTW-KASTICKET<\/div>/u);
    const training = renderHtml(
      built(buildTrainingTicket({ ...m110Context, ...m110Sale, signResult: m110TrainingSignResult })),
    );
    expect(training.match(/font-size:2em;font-weight:700[^"]*">TRAINING</gu)?.length).toBe(2);
  });

  it('shows the C-42 figures', () => {
    for (const needle of [
      'Dry Martini',
      '2 x 12,00',
      '24,00 A',
      '19,83',
      '4,17',
      'N 16/52',
      'CPOS0031234567',
    ]) {
      expect(html).toContain(needle);
    }
  });

  it('escapeHtml also drops control characters', () => {
    expect(escapeHtml('a\x00b\x1b<')).toBe('ab&lt;');
  });
});
