/**
 * The shape of a `gks` command and its small helpers: the software FDM's, shared by every server
 * package (@gks/cli depends on us, so we cannot import its Command type).
 */
export type { FdmCommand as BiiCommand, CommandArgs, CommandIo } from '@gks/fdm';
export { stringArg, portArg, untilSignal } from '@gks/fdm';
