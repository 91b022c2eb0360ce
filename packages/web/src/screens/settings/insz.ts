/**
 * Whether an INSZ (national register) or BIS number is well formed: 11 digits whose last two are
 * 97 minus the first nine modulo 97, with a 2 in front for people born in 2000 or later (C-29).
 */
export function isWellFormedInsz(input: string): boolean {
  const digits = input.replace(/[\s.-]/g, '');
  if (!/^\d{11}$/.test(digits)) return false;
  const body = digits.slice(0, 9);
  const check = Number(digits.slice(9));
  return 97 - (Number(body) % 97) === check || 97 - (Number(`2${body}`) % 97) === check;
}
