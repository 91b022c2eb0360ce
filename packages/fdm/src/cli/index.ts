export { fdmInitCommand } from './fdm-init.js';
export { fdmStartCommand, defaultFdmPort } from './fdm-start.js';
export { fdmStatusCommand } from './fdm-status.js';
export { fdmDumpCommand } from './fdm-dump.js';
export type { FdmCommand } from './command-shape.js';
