import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { Sql } from '../store/sql.js';

/**
 * The tax administration's permanent, read-only login to the bridge's console. Kept as a
 * scrypt hash in the shared database, so that every node accepts it; separate from anything the
 * operator or a POS uses.
 */
export const defaultInspectorName = 'fod';

const keyLength = 32;
const cost = { N: 16384, r: 8, p: 1 } as const;

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, keyLength, cost, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  if (Number(n) !== cost.N || Number(r) !== cost.r || Number(p) !== cost.p) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * Makes sure the inspector login exists. With a password, sets it. Without one, creates the
 * login with a new random password when there is none yet and returns that password (shown
 * once, to be handed to the tax administration); returns undefined when it already existed.
 */
export async function ensureInspector(
  sql: Sql,
  now: Date,
  password?: string,
  name = defaultInspectorName,
): Promise<string | undefined> {
  if (password !== undefined) {
    await sql.query(
      `INSERT INTO bii_inspectors (name, password_hash, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET password_hash = $2`,
      [name, await hashPassword(password), now],
    );
    return undefined;
  }
  const fresh = randomBytes(18).toString('base64url');
  const inserted = await sql.query(
    `INSERT INTO bii_inspectors (name, password_hash, created_at) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO NOTHING RETURNING name`,
    [name, await hashPassword(fresh), now],
  );
  return inserted.length > 0 ? fresh : undefined;
}

export async function checkInspector(sql: Sql, name: string, password: string): Promise<boolean> {
  const rows = await sql.query<{ password_hash: string }>(
    `SELECT password_hash FROM bii_inspectors WHERE name = $1`,
    [name],
  );
  const row = rows[0];
  return row ? passwordMatches(password, row.password_hash) : false;
}
