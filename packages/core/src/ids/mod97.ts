/** The Belgian modulo-97 check digits of a number: 97 - (n mod 97), so always 01..97, never 00. */
export function mod97CheckDigits(n: number): number {
  return 97 - (n % 97);
}

export const twoDigits = (n: number): string => String(n).padStart(2, '0');

/**
 * The last two of 10 ASCII digits must be the mod-97 check digits of the first 8 (vatNo after BE,
 * estNo). Returns the reason when they are not.
 */
export function checkTrailingMod97(digits: string): string | undefined {
  const body = digits.slice(0, 8);
  const expected = mod97CheckDigits(Number(body));
  const actual = digits.slice(8);
  if (Number(actual) === expected) return undefined;
  return `check digits ${actual} are wrong: 97 - (${body} mod 97) = ${twoDigits(expected)}`;
}
