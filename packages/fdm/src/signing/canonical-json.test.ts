import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts object keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined }, aa: null })).toBe(
      '{"a":{"d":[3,{"y":2,"z":1}]},"aa":null,"b":1}',
    );
  });

  it('orders keys by UTF-16 code units, not by code points or locale', () => {
    // U+E000 (one unit 0xE000) sorts after U+1F600 (surrogates 0xD83D 0xDE00), unlike code point order.
    const obj = { '\uE000': 1, '\u{1F600}': 2, B: 3, a: 4, é: 5, '': 6 };
    expect(canonicalJson(obj)).toBe('{"":6,"B":3,"a":4,"é":5,"\u{1F600}":2,"\uE000":1}');
  });

  it('writes numbers in ECMAScript shortest form', () => {
    expect(canonicalJson([0, -0, 1, -1.5, 0.1, 1e21, 1e-7, 123456789012345680000, 5e-324, 12.5])).toBe(
      '[0,0,1,-1.5,0.1,1e+21,1e-7,123456789012345680000,5e-324,12.5]',
    );
  });

  it('escapes strings as JSON does, keeping non-ASCII raw and lone surrogates escaped', () => {
    expect(canonicalJson('a"b\\c\n\t\u0001é€\u{1F600}')).toBe('"a\\"b\\\\c\\n\\t\\u0001é€\u{1F600}"');
    expect(canonicalJson('\uD800x')).toBe('"\\ud800x"');
    expect(canonicalJson('\uD800')).not.toBe(canonicalJson('\uDC00'));
  });

  it('keeps array order and writes undefined array items as null', () => {
    expect(canonicalJson([3, 1, 2, undefined, 'x', true, false])).toBe('[3,1,2,null,"x",true,false]');
  });

  it.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', [-Infinity]],
    ['bigint', { a: 1n }],
    ['function', { f: () => 1 }],
    ['symbol', [Symbol('s')]],
    ['a Date', { d: new Date(0) }],
    ['a Map', new Map()],
    ['undefined at top level', undefined],
  ])('refuses %s (a bug, so it throws)', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('refuses cycles but accepts shared (acyclic) references', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = { back: cyclic };
    expect(() => canonicalJson(cyclic)).toThrow(/cyclic/);
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
  });

  it('accepts objects without a prototype', () => {
    const o = Object.create(null) as Record<string, unknown>;
    o['k'] = 'v';
    expect(canonicalJson(o)).toBe('{"k":"v"}');
  });

  it('round-trips any JSON value to the same meaning and is a fixed point (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalJson(v);
        const parsed: unknown = JSON.parse(text);
        expect(parsed).toEqual(JSON.parse(JSON.stringify(v)));
        expect(canonicalJson(parsed)).toBe(text);
      }),
    );
  });

  it('does not depend on member insertion order (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer()), (d) => {
        const reversed = Object.fromEntries(Object.entries(d).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(d));
      }),
    );
  });
});
