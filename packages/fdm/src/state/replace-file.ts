import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDirectory } from '../memory/group-commit-file.js';

/**
 * Replaces `dir/name` so that a crash leaves the old file or the new one, never a mix: temp,
 * fsync, rename, fsync of the directory (so the rename itself survives a power cut).
 */
export async function replaceFileAtomically(dir: string, name: string, text: string): Promise<void> {
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
