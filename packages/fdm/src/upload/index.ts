export { EventUploader, TEN_DAYS_MS } from './event-uploader.js';
export type { SendBatch, UploadSource, UploaderOptions, UploadStatus } from './event-uploader.js';
export { fileProgressStore, UPLOAD_STATE_FILE } from './upload-state.js';
export type { UploadProgress, UploadProgressStore } from './upload-state.js';
export { fpsRequest } from './fps-transport.js';
export type { FpsAnswer, FpsTlsIdentity } from './fps-transport.js';
export { fpsBatchSender } from './fps-uploader.js';
export { fpsActivationCa, fetchActivationParameters } from './fps-activation.js';
export type { FpsParameters } from './fps-activation.js';
