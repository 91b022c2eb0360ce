/**
 * What an ESC/POS job says, as text: the printable bytes decoded as code page 1252 (the one our
 * receipts select), control sequences dropped, a QR code shown as `[QR] <its data>`. For people
 * reading the jobs of the virtual printer, not for an exact rendering.
 */
const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const LF = 0x0a;
const HT = 0x09;

/** Parameter bytes after `ESC x` for the commands with a fixed length. */
const escParameters: Readonly<Record<string, number>> = {
  '@': 0,
  '2': 0,
  '<': 0,
  '3': 1,
  '!': 1,
  '-': 1,
  E: 1,
  G: 1,
  J: 1,
  M: 1,
  R: 1,
  U: 1,
  V: 1,
  a: 1,
  d: 1,
  e: 1,
  r: 1,
  t: 1,
  '{': 1,
  ' ': 1,
  $: 2,
  '\\': 2,
  c: 2,
  p: 3,
};

/** Parameter bytes after `GS x` for the commands with a fixed length. */
const gsParameters: Readonly<Record<string, number>> = {
  '!': 1,
  B: 1,
  H: 1,
  I: 1,
  a: 1,
  b: 1,
  f: 1,
  h: 1,
  r: 1,
  w: 1,
  '/': 1,
  L: 2,
  P: 2,
  W: 2,
  $: 2,
  '\\': 2,
};

// Code page 1252's 0x80..0x9F (Node's TextDecoder gives C1 controls there); '?' where it has none.
const cp1252High = '€?‚ƒ„…†‡ˆ‰Š‹Œ?Ž??‘’“”•–—˜™š›œ?žŸ';

const cp1252 = (bytes: readonly number[]): string =>
  bytes
    .map((b) => (b >= 0x80 && b <= 0x9f ? (cp1252High[b - 0x80] ?? '?') : String.fromCharCode(b)))
    .join('');

export function escPosText(job: Uint8Array): string {
  let out = '';
  let text: number[] = [];
  const flush = () => {
    if (text.length > 0) out += cp1252(text);
    text = [];
  };
  const at = (i: number): number => job[i] ?? 0;
  let i = 0;
  while (i < job.length) {
    const byte = at(i);
    if (byte === ESC) {
      flush();
      i = skipEsc(job, i, at);
    } else if (byte === GS) {
      flush();
      const skipped = skipGs(job, i, at);
      if (skipped.qr !== null) out += `[QR] ${skipped.qr}\n`;
      i = skipped.next;
    } else if (byte === FS) {
      flush();
      i += String.fromCharCode(at(i + 1)) === 'p' ? 4 : 2;
    } else if (byte === DLE) {
      flush();
      i += 3; // DLE EOT n, DLE ENQ n: real-time status requests
    } else if (byte === LF) {
      flush();
      out += '\n';
      i += 1;
    } else if (byte === HT) {
      text.push(0x20);
      i += 1;
    } else {
      // DEL is a control character too (0x7F), not text.
      if (byte >= 0x20 && byte !== 0x7f) text.push(byte);
      i += 1;
    }
  }
  flush();
  return out;
}

function skipEsc(job: Uint8Array, i: number, at: (i: number) => number): number {
  const command = String.fromCharCode(at(i + 1));
  if (command === 'D') {
    // tab positions, up to a NUL
    let j = i + 2;
    while (j < job.length && at(j) !== 0) j += 1;
    return j + 1;
  }
  if (command === '*') {
    // bit image: ESC * m nL nH, then nL + 256 nH columns of 1 or 3 bytes
    const m = at(i + 2);
    const columns = at(i + 3) + 256 * at(i + 4);
    return i + 5 + columns * (m >= 32 ? 3 : 1);
  }
  return i + 2 + (escParameters[command] ?? 0);
}

function skipGs(job: Uint8Array, i: number, at: (i: number) => number): { next: number; qr: string | null } {
  const command = String.fromCharCode(at(i + 1));
  switch (command) {
    case '(': {
      // GS ( fn pL pH data: the QR symbol's data is stored by `GS ( k` with cn 49, fn 80
      const length = at(i + 3) + 256 * at(i + 4);
      const start = i + 5;
      const isQrStore = at(i + 2) === 0x6b && at(start) === 0x31 && at(start + 1) === 0x50;
      const qr = isQrStore
        ? withoutControls(new TextDecoder().decode(job.subarray(start + 3, start + length)))
        : null;
      return { next: start + length, qr };
    }
    case 'V': {
      // cut: GS V m, with a feed amount n when m is 65 or 66
      const m = at(i + 2);
      return { next: i + (m === 65 || m === 66 ? 4 : 3), qr: null };
    }
    case 'k': {
      // barcode: m 0..6 is NUL-terminated data, m 65..73 has its length first
      const m = at(i + 2);
      if (m <= 6) {
        let j = i + 3;
        while (j < job.length && at(j) !== 0) j += 1;
        return { next: j + 1, qr: null };
      }
      return { next: i + 4 + at(i + 3), qr: null };
    }
    case 'v': {
      // raster image: GS v 0 m xL xH yL yH, then (xL + 256 xH) * (yL + 256 yH) bytes
      const width = at(i + 4) + 256 * at(i + 5);
      const height = at(i + 6) + 256 * at(i + 7);
      return { next: i + 8 + width * height, qr: null };
    }
    default:
      return { next: i + 2 + (gsParameters[command] ?? 0), qr: null };
  }
}

/** A QR payload must not smuggle control characters into the text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const withoutControls = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
