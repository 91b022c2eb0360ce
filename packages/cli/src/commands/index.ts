import type { Command } from '../command.js';
import { upCommand } from './up.js';
import { pluHashCommand } from './plu-hash.js';
import { checkIdCommand } from './check-id.js';

/** Every `gks` subcommand. Packages contribute theirs here. */
export const commands: readonly Command[] = [upCommand, pluHashCommand, checkIdCommand];
