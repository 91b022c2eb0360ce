import { err, ok, type Result } from '../result/result.js';

/** Why a value is not a valid identifier, in words a POS maker can act on. */
export interface IdError {
  readonly reason: string;
}

/**
 * ok(value) or err({ reason }). Validators never repair input (no trimming, no case folding), so the
 * value in ok is the input itself: it is already the one canonical form, and echoing exactly what
 * the POS sent matters for duplicate detection.
 */
export type IdCheck = Result<string, IdError>;

export const valid = (v: string): IdCheck => ok(v);
export const invalid = (reason: string): IdCheck => err({ reason });

/** A character for a message: invisible and non-ASCII ones by code point, so the reason is unambiguous. */
export function describeChar(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code > 0x20 && code < 0x7f) return `'${c}'`;
  if (code === 0x20) return 'a space';
  return code > 0x7f && /\p{L}|\p{N}|\p{P}|\p{S}/u.test(c) ? `'${c}' (${hex})` : hex;
}

/**
 * The checks every kind starts with: a string, not empty, no surrounding whitespace (refused,
 * never trimmed: a POS that pads fields has a bug worth seeing), and an exact length in characters.
 * Returns the characters (by code point) or the reason.
 */
export function fixedLength(v: unknown, length: number, hintSeparators = true): string[] | IdError {
  const chars = shape(v);
  if (!Array.isArray(chars)) return chars;
  if (chars.length !== length) {
    const separator = hintSeparators ? noSeparators(chars) : undefined;
    return separator ?? { reason: `must be ${length} characters long, got ${chars.length}` };
  }
  return chars;
}

/** As fixedLength, for kinds whose length varies: returns the characters or the reason. */
export function shape(v: unknown): string[] | IdError {
  if (typeof v !== 'string') return { reason: `must be a string, got ${typeof v}` };
  if (v.length === 0) return { reason: 'is empty' };
  if (/^\s|\s$/u.test(v)) return { reason: 'has leading or trailing whitespace (values are never trimmed)' };
  return [...v];
}

/**
 * Numbers are often written with separators (BE 0308.357.159, 80.11.30-789.68); the FDM wants the
 * bare characters. Names the first separator, before any length check would hide the cause.
 */
export function noSeparators(chars: readonly string[], separators = ' .-/_,'): IdError | undefined {
  const i = chars.findIndex((c) => separators.includes(c) || /\s/u.test(c));
  if (i < 0) return undefined;
  return {
    reason: `character ${i + 1} is a separator (${describeChar(chars[i] ?? '')}): write the value without separators`,
  };
}

export interface CharClass {
  readonly test: (c: string) => boolean;
  /** e.g. "a digit 0-9" */
  readonly name: string;
}

export const DIGIT: CharClass = { test: (c) => c >= '0' && c <= '9', name: 'a digit 0-9' };
export const UPPER: CharClass = { test: (c) => c >= 'A' && c <= 'Z', name: 'an upper-case letter A-Z' };
export const UPPER_OR_DIGIT: CharClass = {
  test: (c) => UPPER.test(c) || DIGIT.test(c),
  name: 'an upper-case letter A-Z or a digit 0-9',
};
export const LOWER_HEX: CharClass = {
  test: (c) => DIGIT.test(c) || (c >= 'a' && c <= 'f'),
  name: 'a lower-case hexadecimal digit 0-9 a-f',
};

/**
 * Checks chars[from..to) (0-based) against one class; names the first offender by its 1-based
 * position, and says when only the letter case is wrong.
 */
export function expectClass(
  chars: readonly string[],
  from: number,
  to: number,
  cls: CharClass,
  part: string,
): IdError | undefined {
  for (let i = from; i < to; i++) {
    const c = chars[i];
    if (c === undefined)
      return { reason: `ends after ${chars.length} characters: expected ${cls.name} (${part})` };
    if (cls.test(c)) continue;
    const upper = c.toUpperCase();
    const lower = c.toLowerCase();
    const caseOnly = (upper !== c && cls.test(upper)) || (lower !== c && cls.test(lower));
    return {
      reason:
        `character ${i + 1} (${describeChar(c)}) must be ${cls.name} (${part})` +
        (caseOnly ? '; letter case is significant' : ''),
    };
  }
  return undefined;
}

/** Checks one literal character at a 0-based position. */
export function expectLiteral(
  chars: readonly string[],
  at: number,
  literal: string,
  part: string,
): IdError | undefined {
  const c = chars[at];
  if (c === literal) return undefined;
  if (c === undefined)
    return { reason: `ends after ${chars.length} characters: expected '${literal}' (${part})` };
  const caseOnly = c.toLowerCase() === literal.toLowerCase();
  return {
    reason:
      `character ${at + 1} (${describeChar(c)}) must be '${literal}' (${part})` +
      (caseOnly ? '; letter case is significant' : ''),
  };
}

/** The first error of several checks, in order. */
export function firstError(...checks: (() => IdError | undefined)[]): IdError | undefined {
  for (const check of checks) {
    const e = check();
    if (e) return e;
  }
  return undefined;
}
