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
  const parts: string[] = [];
  write(value, parts, new Set());
  return parts.join('');
}

function write(value: unknown, out: string[], ancestors: Set<object>): void {
  switch (typeof value) {
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'number':
      if (!Number.isFinite(value))
        throw new TypeError(`canonicalJson: ${String(value)} is not a JSON number`);
      // JSON.stringify gives the ECMAScript shortest form and writes -0 as 0.
      out.push(JSON.stringify(value));
      return;
    case 'object':
      if (value === null) {
        out.push('null');
        return;
      }
      if (ancestors.has(value)) throw new TypeError('canonicalJson: cyclic structure');
      ancestors.add(value);
      if (Array.isArray(value)) writeArray(value, out, ancestors);
      else writeObject(value, out, ancestors);
      ancestors.delete(value);
      return;
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not JSON data`);
  }
}

function writeArray(items: readonly unknown[], out: string[], ancestors: Set<object>): void {
  out.push('[');
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out.push(',');
    const item = items[i];
    // As JSON.stringify does: a hole or undefined in an array is null (the position matters).
    if (item === undefined) out.push('null');
    else write(item, out, ancestors);
  }
  out.push(']');
}

function writeObject(obj: object, out: string[], ancestors: Set<object>): void {
  const proto: unknown = Object.getPrototypeOf(obj);
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(`canonicalJson: ${obj.constructor.name} is not a plain object`);
  }
  const record = obj as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  out.push('{');
  keys.forEach((key, i) => {
    if (i > 0) out.push(',');
    out.push(JSON.stringify(key), ':');
    write(record[key], out, ancestors);
  });
  out.push('}');
}
