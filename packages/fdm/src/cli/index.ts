export { fdmInitCommand } from './fdm-init.js';
export { fdmStartCommand, defaultFdmPort } from './fdm-start.js';
export { fdmStatusCommand } from './fdm-status.js';
export { fdmDumpCommand } from './fdm-dump.js';
export type { FdmCommand, CommandArgs, CommandIo } from './command-shape.js';
export { stringArg, portArg, untilSignal } from './command-shape.js';
export { startServiceAdmin, runInService, SERVICE_ADMIN_FILE } from './service-admin.js';
export type { ServiceAdmin, AdminRunner, AdminValues } from './service-admin.js';
