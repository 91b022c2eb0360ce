/**
 * C-37 character conversion, applied before filtering. Upper and lower case of each letter map
 * alike. This follows C-37 literally, so it also converts Ã, Õ, õ and Ÿ, which Odoo's table misses
 * (Odoo drops them); every other character of the tested vectors hashes the same as Odoo's.
 */
const conversions: readonly (readonly [string, string])[] = [
  ['ÀÁÂÃÄÅàáâãäå', 'A'],
  ['Ææ', 'AE'],
  ['ßẞ', 'SS'],
  ['Çç', 'C'],
  ['ÌÍÎÏìíîï', 'I'],
  ['€', 'E'],
  ['ÈÉÊËèéêë', 'E'],
  ['ÙÚÛÜùúûü', 'U'],
  ['ÒÓÔÕÖòóôõö', 'O'],
  ['Œœ', 'OE'],
  ['Ññ', 'N'],
  ['ÝýÿŸ', 'Y'],
];

/** Every special character C-37 converts, with what it becomes. */
export const pluCharacterConversions: ReadonlyMap<string, string> = new Map(
  conversions.flatMap(([characters, replacement]) => [...characters].map((c) => [c, replacement] as const)),
);

export const pluDescriptionLength = 20;

/**
 * The text as C-37 hashes it: special characters converted, a-z upper-cased, then everything
 * but A-Z and 0-9 dropped (spaces and punctuation too). Upper-casing is by table, not
 * toUpperCase, which would turn ß or the ligature ﬁ into letters C-37 does not ask for.
 */
export function pluText(text: string): string {
  let out = '';
  for (const c of text) {
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) out += c;
    else if (c >= 'a' && c <= 'z') out += c.toUpperCase();
    else out += pluCharacterConversions.get(c) ?? '';
  }
  return out;
}

/** C-37 description field: the first 20 characters of pluText, padded with spaces to 20. */
export function normalisePluDescription(text: string): string {
  return pluText(text).slice(0, pluDescriptionLength).padEnd(pluDescriptionLength, ' ');
}
