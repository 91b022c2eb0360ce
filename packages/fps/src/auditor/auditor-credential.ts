import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** The auditor's login: a user name and a scrypt hash of the password (the password is never stored). */
export interface AuditorCredential {
  readonly user: string;
  readonly salt: string;
  readonly hash: string;
}

export function newAuditorCredential(user = 'auditor'): { credential: AuditorCredential; password: string } {
  const password = randomBytes(18).toString('base64url');
  const salt = randomBytes(16).toString('hex');
  return { credential: { user, salt, hash: scrypted(password, salt) }, password };
}

const scrypted = (password: string, salt: string): string =>
  scryptSync(password, Buffer.from(salt, 'hex'), 32).toString('hex');

/** Checks an HTTP Basic `Authorization` header against the credential, in constant time. */
export function auditorAuthorized(credential: AuditorCredential, authorization: string | null): boolean {
  const match = /^Basic ([A-Za-z0-9+/=]{1,400})$/.exec(authorization ?? '');
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const user = decoded.slice(0, colon);
  const given = Buffer.from(scrypted(decoded.slice(colon + 1), credential.salt), 'hex');
  const expected = Buffer.from(credential.hash, 'hex');
  return user === credential.user && given.length === expected.length && timingSafeEqual(given, expected);
}
