/**
 * The canonical JSON the FDM hashes (`dataHash`) and stores: object members sorted by key
 * (UTF-16 code units), no whitespace, strings and numbers as JSON.stringify writes them.
 * Independent of the FDM's code. Returns undefined for what JSON cannot carry (NaN, functions):
 * a parsed JSON document never contains those.
 *
 * Fast path: a value parsed from canonical text already has its keys in order (JSON.parse keeps
 * insertion order), and then JSON.stringify writes exactly the canonical form. Only integer-like
 * keys, which JavaScript orders numerically, and unsorted input take the slow path.
 */
export function canonicalJson(value: unknown): string | undefined {
  return inCanonicalOrder(value) ? JSON.stringify(value) : slowCanonicalJson(value);
}

function inCanonicalOrder(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || value === null)
    return typeof value === 'string' || typeof value === 'boolean' || value === null;
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) if (!inCanonicalOrder(item)) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  let previous: string | undefined;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (previous !== undefined && !(previous < key)) return false;
    previous = key;
    if (!inCanonicalOrder(record[key])) return false;
  }
  return true;
}

function slowCanonicalJson(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : undefined;
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        const items: string[] = [];
        for (const item of value as unknown[]) {
          const text = item === undefined ? 'null' : slowCanonicalJson(item);
          if (text === undefined) return undefined;
          items.push(text);
        }
        return `[${items.join(',')}]`;
      }
      const record = value as Record<string, unknown>;
      const members: string[] = [];
      for (const key of Object.keys(record).sort()) {
        if (record[key] === undefined) continue;
        const text = slowCanonicalJson(record[key]);
        if (text === undefined) return undefined;
        members.push(`${JSON.stringify(key)}:${text}`);
      }
      return `{${members.join(',')}}`;
    }
    default:
      return undefined;
  }
}
