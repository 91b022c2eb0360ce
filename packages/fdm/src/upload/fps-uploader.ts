import type { StoredEvent } from '../memory/stored-event.js';
import { fpsRequest, type FpsTlsIdentity } from './fps-transport.js';
import type { SendBatch } from './event-uploader.js';

/** SendBatch over mutual TLS to `<fpsUrl>/fdm/events`. */
export function fpsBatchSender(fpsUrl: string, identity: FpsTlsIdentity): SendBatch {
  return async (events: readonly StoredEvent[]) => {
    const answer = await fpsRequest(fpsUrl, identity, 'POST', 'fdm/events', { events });
    const body = answer.body as { acknowledgedThrough?: unknown } | null;
    if (answer.status !== 200 || typeof body?.acknowledgedThrough !== 'number')
      return { failure: `the service answered ${answer.status}` };
    return { acknowledgedThrough: body.acknowledgedThrough };
  };
}
