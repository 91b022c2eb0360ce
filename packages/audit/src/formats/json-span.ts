const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** Index just after the string starting at `i` (a quote), or -1. UTF-8 continuation bytes are never ASCII. */
function skipString(b: Uint8Array, i: number): number {
  for (let j = i + 1; j < b.length; j++) {
    const c = b[j];
    if (c === BACKSLASH) j++;
    else if (c === QUOTE) return j + 1;
  }
  return -1;
}

/** Index just after the value starting at `i`, or -1. Structure only: the text was parsed already. */
function skipValue(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c === QUOTE) return skipString(b, i);
  if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
    let depth = 0;
    for (let j = i; j < b.length; j++) {
      const d = b[j];
      if (d === QUOTE) {
        j = skipString(b, j) - 1;
        if (j < 0) return -1;
      } else if (d === OPEN_OBJECT || d === OPEN_ARRAY) depth++;
      else if (d === CLOSE_OBJECT || d === CLOSE_ARRAY) {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return -1;
  }
  for (let j = i; j < b.length; j++) {
    const d = b[j];
    if (d === COMMA || d === CLOSE_OBJECT || d === CLOSE_ARRAY) return j;
  }
  return -1;
}

/**
 * The byte span of the value of top-level member `name` in compact JSON object text (no
 * whitespace, as canonical JSON is), so that the exact bytes the FDM hashed can be hashed
 * again without re-encoding. Undefined when the text is not laid out that way.
 */
export function memberSpan(b: Uint8Array, name: string): [number, number] | undefined {
  const key = Buffer.from(JSON.stringify(name), 'utf8');
  if (b[0] !== OPEN_OBJECT) return undefined;
  let i = 1;
  while (i < b.length && b[i] === QUOTE) {
    const keyEnd = skipString(b, i);
    if (keyEnd < 0 || b[keyEnd] !== COLON) return undefined;
    const valueEnd = skipValue(b, keyEnd + 1);
    if (valueEnd < 0) return undefined;
    if (keyEnd - i === key.length && key.equals(b.subarray(i, keyEnd))) return [keyEnd + 1, valueEnd];
    if (b[valueEnd] !== COMMA) return undefined;
    i = valueEnd + 1;
  }
  return undefined;
}
