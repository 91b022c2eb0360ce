import { open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';

/** What the uploader keeps in the state directory between runs. */
export interface UploadProgress {
  /** Events 1..acknowledgedThrough are stored by the tax administration's service. */
  readonly acknowledgedThrough: number;
  /** The last time the service answered an upload (ISO); the 10-day lock counts from here. */
  readonly lastSuccessAt: string;
}

export const UPLOAD_STATE_FILE = 'upload.json';

export interface UploadProgressStore {
  load(): Promise<UploadProgress | null>;
  save(progress: UploadProgress): Promise<void>;
}

/** upload.json in the FDM's state directory, replaced atomically (write, fsync, rename). */
export function fileProgressStore(dir: string): UploadProgressStore {
  const file = join(dir, UPLOAD_STATE_FILE);
  return {
    async load() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      const parsed = JSON.parse(text) as Partial<UploadProgress>;
      if (!Number.isSafeInteger(parsed.acknowledgedThrough) || typeof parsed.lastSuccessAt !== 'string')
        throw new Error(`${file} is not an upload state`);
      return {
        acknowledgedThrough: parsed.acknowledgedThrough as number,
        lastSuccessAt: parsed.lastSuccessAt,
      };
    },
    async save(progress) {
      const temp = `${file}.tmp`;
      const handle = await open(temp, 'w', 0o600);
      try {
        await handle.writeFile(JSON.stringify(progress) + '\n');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    },
  };
}
