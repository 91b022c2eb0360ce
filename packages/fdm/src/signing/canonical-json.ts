/**
 * One byte-exact JSON form for any JSON value, so that hashes and signatures over JSON data
 * are reproducible by anyone: object members sorted by key (UTF-16 code units, as
 * Array.prototype.sort compares strings), no whitespace, numbers in ECMAScript's shortest
 * round-trip form, strings escaped as JSON.stringify escapes them (lone surrogates as \uXXXX).
 * This is the JSON Canonicalization Scheme (RFC 8785) for the values our FDM stores.
 *
 * Anything that is not JSON data (NaN, Infinity, bigint, functions, symbols, class instances,
 * cycles) is a programming error and throws.
 */
export function canonicalJson(value: unknown): string {
  return write(value, []);
}

// Plain string concatenation and a small ancestor stack: this runs over every stored event when
// the memory opens, so it is kept allocation-light.
function write(value: unknown, ancestors: object[]): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value))
        throw new TypeError(`canonicalJson: ${String(value)} is not a JSON number`);
      // JSON.stringify gives the ECMAScript shortest form and writes -0 as 0.
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (ancestors.includes(value)) throw new TypeError('canonicalJson: cyclic structure');
      ancestors.push(value);
      const text = Array.isArray(value) ? writeArray(value, ancestors) : writeObject(value, ancestors);
      ancestors.pop();
      return text;
    }
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not JSON data`);
  }
}

function writeArray(items: readonly unknown[], ancestors: object[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out += ',';
    const item = items[i];
    // As JSON.stringify does: a hole or undefined in an array is null (the position matters).
    out += item === undefined ? 'null' : write(item, ancestors);
  }
  return out + ']';
}

function writeObject(obj: object, ancestors: object[]): string {
  const proto: unknown = Object.getPrototypeOf(obj);
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(`canonicalJson: ${obj.constructor.name} is not a plain object`);
  }
  const record = obj as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    out += (first ? '' : ',') + quote(key) + ':' + write(member, ancestors);
    first = false;
  }
  return out + '}';
}

// Characters JSON.stringify escapes: quote, backslash, controls, and (lone) surrogates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const needsEscape = /["\\\u0000-\u001f\ud800-\udfff]/;

function quote(s: string): string {
  return needsEscape.test(s) ? JSON.stringify(s) : '"' + s + '"';
}
