import type { Command } from '../command.js';
import { upCommand } from './up.js';
import { fdmInitCommand, fdmStartCommand, fdmStatusCommand, fdmDumpCommand } from '@gks/fdm';
import { pluHashCommand } from './plu-hash.js';
import { checkIdCommand } from './check-id.js';
import { verifyCommand } from './verify.js';
import { exportEventsCommand, exportInvoicesCommand } from './export.js';
import {
  fpsInitCommand,
  fpsStartCommand,
  fpsRegisterOperatorCommand,
  fpsRegisterPosCommand,
  fpsRegisterFdmCommand,
  fpsRevokeFdmCommand,
  fpsSetVatRatesCommand,
} from '@gks/fps';
import { posInitCommand } from './pos-init.js';
import { posStartCommand } from './pos-start.js';
import { posJournalExportCommand } from './pos-journal-export.js';
import { posVirtualPrinterCommand } from '@gks/pos';
import { biiStartCommand, biiEnableCommand, biiDisableCommand, biiStatusCommand } from '@gks/bii';

/** Every `gks` subcommand. Packages contribute theirs here. */
export const commands: readonly Command[] = [
  upCommand,
  fdmInitCommand,
  fdmStartCommand,
  fdmStatusCommand,
  fdmDumpCommand,
  pluHashCommand,
  checkIdCommand,
  verifyCommand,
  exportEventsCommand,
  exportInvoicesCommand,
  posInitCommand,
  posStartCommand,
  posJournalExportCommand,
  posVirtualPrinterCommand,
  biiStartCommand,
  biiEnableCommand,
  biiDisableCommand,
  biiStatusCommand,
  fpsInitCommand,
  fpsStartCommand,
  fpsRegisterOperatorCommand,
  fpsRegisterPosCommand,
  fpsRegisterFdmCommand,
  fpsRevokeFdmCommand,
  fpsSetVatRatesCommand,
];
