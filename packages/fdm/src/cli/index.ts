export { fdmInitCommand } from './fdm-init.js';
export { fdmStartCommand, defaultFdmPort } from './fdm-start.js';
export { fdmStatusCommand } from './fdm-status.js';
export { fdmDumpCommand } from './fdm-dump.js';
export type { FdmCommand, CommandArgs, CommandIo } from './command-shape.js';
export { stringArg, portArg, untilSignal } from './command-shape.js';
