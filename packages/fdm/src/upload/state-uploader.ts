import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../engine/clock.js';
import type { FdmState } from '../state/fdm-state.js';
import { EventUploader, type UploadSource, type UploaderOptions } from './event-uploader.js';
import { liveIdentity } from './fps-transport.js';
import { fpsBatchSender } from './fps-uploader.js';
import { fileProgressStore } from './upload-state.js';

/**
 * The uploader of an FDM initialised against the tax administration's service (`fpsUrl` in
 * fdm.json), authenticated with the FDM's own key and the certificate the service's CA issued;
 * undefined for an FDM of the local test CA, which has nowhere to upload to.
 */
export async function uploaderForState(
  state: FdmState,
  source: UploadSource,
  clock: Clock,
  tuning: Pick<UploaderOptions, 'batchSize' | 'backoff' | 'failuresBeforeWarning' | 'lockAfterMs'> = {},
): Promise<EventUploader | undefined> {
  const fpsUrl = state.config.fpsUrl;
  if (fpsUrl === undefined) return undefined;
  const uploader = new EventUploader({
    ...tuning,
    source,
    send: fpsBatchSender(fpsUrl, liveIdentity(state, await readFile(join(state.dir, 'fdm-key.pem'), 'utf8'))),
    store: fileProgressStore(state.dir),
    clock,
  });
  await uploader.init();
  return uploader;
}
