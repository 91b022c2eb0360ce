/**
 * Text as a receipt printer can show it. Names come from staff, customers and the network, so
 * anything that is not a visible character goes: control characters (an ESC inside a product name
 * would otherwise drive the printer), format characters (bidi overrides, zero-width joiners),
 * stray combining marks, surrogates. Every kind of line break or space becomes one space.
 */
export function printable(text: string): string {
  let out = '';
  for (const c of text.normalize('NFC')) {
    if (/[\p{Zs}\p{Zl}\p{Zp}\t\n\r\v\f]/u.test(c)) out += ' ';
    else if (/[\p{Cc}\p{Cf}\p{Cs}\p{M}]/u.test(c)) continue;
    else if (/[\p{Co}\p{Cn}]/u.test(c)) out += '?';
    else out += c;
  }
  return out;
}

// Code points that take two columns on a monospaced printer or terminal: East Asian wide and
// full-width forms and emoji. Generous on purpose: counting a narrow character as wide only
// shortens a line, the reverse would overflow it.
const wideRanges: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x231a, 0x23ff],
  [0x2600, 0x27bf],
  [0x2b1b, 0x2b55],
  [0x2e80, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x18aff],
  [0x1b000, 0x1b2ff],
  [0x1f000, 0x1faff],
  [0x20000, 0x3fffd],
];

export function charWidth(c: string): 1 | 2 {
  const code = c.codePointAt(0) ?? 0;
  for (const [from, to] of wideRanges) if (code >= from && code <= to) return 2;
  return 1;
}

/** Columns taken by already printable text. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const c of text) width += charWidth(c);
  return width;
}

/** Cuts printable text into pieces of at most `width` columns, at character boundaries. */
function hardBreak(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  for (const c of word) {
    const w = charWidth(c);
    if (used + w > width && piece !== '') {
      pieces.push(piece);
      piece = '';
      used = 0;
    }
    piece += c;
    used += w;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/**
 * Word-wraps text into lines of at most `width` columns; a word longer than a line is cut.
 * Makes the text printable first. Empty text gives no lines.
 */
export function wrap(text: string, width: number): string[] {
  if (width < 2) throw new RangeError(`width must be at least 2 columns: ${width}`);
  const lines: string[] = [];
  let line = '';
  for (const word of printable(text).split(' ')) {
    if (word === '') continue;
    const w = displayWidth(word);
    const used = displayWidth(line);
    if (line !== '' && used + 1 + w <= width) {
      line += ` ${word}`;
      continue;
    }
    if (line !== '') lines.push(line);
    if (w <= width) {
      line = word;
      continue;
    }
    const pieces = hardBreak(word, width);
    line = pieces.pop() ?? '';
    lines.push(...pieces);
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Pads printable text on the left so that it sits in the middle of `width` columns. */
export function center(text: string, width: number): string {
  const free = width - displayWidth(text);
  return free > 1 ? ' '.repeat(Math.floor(free / 2)) + text : text;
}

/**
 * `left` and `right` on one line when they fit with a space between, the right one flush with
 * the margin; otherwise `left` wrapped, then `right` wrapped and right-aligned.
 */
export function leftRight(left: string, right: string, width: number): string[] {
  const l = wrap(left, width);
  const r = wrap(right, width);
  const lastLeft = l[l.length - 1];
  const firstRight = r[0];
  if (r.length === 1 && firstRight !== undefined) {
    const gap = width - displayWidth(firstRight) - (lastLeft === undefined ? 0 : displayWidth(lastLeft));
    if (lastLeft === undefined) return [' '.repeat(gap) + firstRight];
    if (gap >= 1) return [...l.slice(0, -1), lastLeft + ' '.repeat(gap) + firstRight];
  }
  return [...l, ...r.map((line) => ' '.repeat(width - displayWidth(line)) + line)];
}
