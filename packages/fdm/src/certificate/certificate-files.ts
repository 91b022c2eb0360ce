import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDirectory } from '../memory/group-commit-file.js';
import { replaceFileAtomically } from '../state/replace-file.js';

/** The current certificate; a renewal replaces it atomically. */
export const CURRENT_CERTIFICATE_FILE = 'fdm-cert.pem';
/** Every certificate the FDM held before, oldest first: 001.pem, 002.pem, ... */
export const PREVIOUS_CERTIFICATES_DIR = 'fdm-cert-previous';

const previousName = /^(\d{3,})\.pem$/;

/** The numbers of the archived certificates, ascending. */
async function previousNumbers(dir: string): Promise<number[]> {
  let names: string[];
  try {
    names = await readdir(join(dir, PREVIOUS_CERTIFICATES_DIR));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .map((name) => previousName.exec(name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/**
 * Archives the current certificate as the next `fdm-cert-previous/NNN.pem`, then makes `pem`
 * the current one. The archive is written first: a crash in between leaves the old certificate
 * current and archived twice at worst, never lost.
 */
export async function installRenewedCertificate(dir: string, pem: string): Promise<void> {
  const current = await readFile(join(dir, CURRENT_CERTIFICATE_FILE), 'utf8');
  const archive = join(dir, PREVIOUS_CERTIFICATES_DIR);
  await mkdir(archive, { recursive: true, mode: 0o755 });
  const numbers = await previousNumbers(dir);
  const next = (numbers.at(-1) ?? 0) + 1;
  await replaceFileAtomically(archive, `${String(next).padStart(3, '0')}.pem`, current);
  await syncDirectory(dir);
  await replaceFileAtomically(dir, CURRENT_CERTIFICATE_FILE, pem);
}

/** The FDM's earlier certificates, oldest first (for audits: the same key, other validity). */
export async function previousCertificates(dir: string): Promise<string[]> {
  const numbers = await previousNumbers(dir);
  return Promise.all(
    numbers.map((n) =>
      readFile(join(dir, PREVIOUS_CERTIFICATES_DIR, `${String(n).padStart(3, '0')}.pem`), 'utf8'),
    ),
  );
}
