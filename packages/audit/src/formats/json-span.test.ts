import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { memberSpan } from './json-span.js';

const span = (text: string, name: string) => {
  const b = Buffer.from(text, 'utf8');
  const s = memberSpan(b, name);
  return s ? b.subarray(s[0], s[1]).toString('utf8') : undefined;
};

describe('memberSpan', () => {
  it('finds a member after strings that hold braces, quotes and keys', () => {
    const text = '{"a":"x\\"},\\"request\\":{","b":[1,{"c":"]"}],"request":{"k":"é}","l":[1,2]},"result":{}}';
    expect(span(text, 'request')).toBe('{"k":"é}","l":[1,2]}');
    expect(span(text, 'a')).toBe('"x\\"},\\"request\\":{"');
    expect(span(text, 'result')).toBe('{}');
  });
  it('finds scalars and misses absent members', () => {
    expect(span('{"a":12,"b":true,"c":null}', 'b')).toBe('true');
    expect(span('{"a":12}', 'request')).toBeUndefined();
  });
  it.each([
    ['not an object', '[1]'],
    ['whitespace', '{ "a":1}'],
    ['cut short', '{"a":{"b":1'],
    ['empty', ''],
  ])('gives up on %s', (_name, text) => {
    expect(span(text, 'a')).toBeUndefined();
  });
  it('gives each member of any canonical object exactly its own canonical text', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const text = canonicalJson(value) as string;
        for (const key of Object.keys(value)) {
          expect(span(text, key)).toBe(canonicalJson(value[key]));
        }
      }),
    );
  });
});
