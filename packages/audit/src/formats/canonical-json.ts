/**
 * The canonical JSON the FDM hashes (`dataHash`) and stores: object members sorted by key
 * (UTF-16 code units), no whitespace, strings and numbers as JSON.stringify writes them.
 * Independent of the FDM's code. Returns undefined for what JSON cannot carry (NaN, undefined
 * as a value, functions): a parsed JSON document never contains those.
 */
export function canonicalJson(value: unknown): string | undefined {
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
          const text = item === undefined ? 'null' : canonicalJson(item);
          if (text === undefined) return undefined;
          items.push(text);
        }
        return `[${items.join(',')}]`;
      }
      const record = value as Record<string, unknown>;
      const members: string[] = [];
      for (const key of Object.keys(record).sort()) {
        if (record[key] === undefined) continue;
        const text = canonicalJson(record[key]);
        if (text === undefined) return undefined;
        members.push(`${JSON.stringify(key)}:${text}`);
      }
      return `{${members.join(',')}}`;
    }
    default:
      return undefined;
  }
}
