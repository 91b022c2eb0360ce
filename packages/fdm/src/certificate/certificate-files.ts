import { mkdir, open, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDirectory } from '../memory/group-commit-file.js';

/** The current certificate; a renewal replaces it atomically. */
export const CURRENT_CERTIFICATE_FILE = 'fdm-cert.pem';
/** Every certificate the FDM held before, oldest first: 001.pem, 002.pem, ... */
export const PREVIOUS_CERTIFICATES_DIR = 'fdm-cert-previous';

const previousName = /^(\d{3,})\.pem$/;

/** Writes `path` so that a crash leaves the old file or the new one, never a mix: temp, fsync, rename, fsync dir. */
async function replaceAtomically(dir: string, name: string, text: string): Promise<void> {
  const path = join(dir, name);
  const temp = `${path}.tmp`;
  const handle = await open(temp, 'w', 0o644);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
  await syncDirectory(dir);
}

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
  await replaceAtomically(archive, `${String(next).padStart(3, '0')}.pem`, current);
  await syncDirectory(dir);
  await replaceAtomically(dir, CURRENT_CERTIFICATE_FILE, pem);
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
