import type { Receipt } from '../model.js';
import { encodeCp1252 } from './cp1252.js';
import { layoutReceipt, type PrintLine, type ReceiptWidth } from './layout.js';

export interface EscPosRenderOptions {
  readonly width: ReceiptWidth;
  /** QR module size in dots, 1..16; 5 suits 58 and 80 mm printers. */
  readonly qrModuleSize?: number;
}

const ESC = 0x1b;
const GS = 0x1d;
const LF = 0x0a;

const init = [ESC, 0x40]; // ESC @
const codePage1252 = [ESC, 0x74, 16]; // ESC t 16: WPC1252, which has the euro sign
const boldOn = [ESC, 0x45, 1];
const boldOff = [ESC, 0x45, 0];
// ESC ! with emphasized (0x08), double height (0x10) and double width (0x20): C-27's >= 1.5x, bold.
const bannerOn = [ESC, 0x21, 0x38];
const bannerOff = [ESC, 0x21, 0x00];
const alignCenter = [ESC, 0x61, 1];
const alignLeft = [ESC, 0x61, 0];
const feedAndCut = [ESC, 0x64, 4, GS, 0x56, 0x42, 0x00]; // ESC d 4, GS V 66 0: feed, partial cut

/** GS ( k: the printer's own QR encoder (model 2, error correction M). */
function qrCommands(data: string, moduleSize: number): number[] {
  const bytes = [...new TextEncoder().encode(data)];
  const length = bytes.length + 3;
  if (length > 0xffff) throw new RangeError(`QR data too long for one GS ( k command: ${bytes.length} bytes`);
  return [
    ...[GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0], // model 2
    ...[GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, moduleSize],
    ...[GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31], // error correction M
    ...[GS, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, 0x50, 0x30, ...bytes], // store
    ...[GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30], // print
  ];
}

/**
 * The receipt as bytes for an ESC/POS thermal printer: initialise, select code page 1252, the
 * lines of `layoutReceipt` (banners double size and bold), the QR by the printer's own encoder,
 * feed and cut.
 */
export function renderEscPos(receipt: Receipt, options: EscPosRenderOptions): Uint8Array {
  const moduleSize = options.qrModuleSize ?? 5;
  if (!Number.isInteger(moduleSize) || moduleSize < 1 || moduleSize > 16) {
    throw new RangeError(`qrModuleSize must be an integer 1..16, got ${moduleSize}`);
  }
  const bytes: number[] = [...init, ...codePage1252];
  for (const line of layoutReceipt(receipt, options.width)) bytes.push(...lineBytes(line, moduleSize));
  bytes.push(...feedAndCut);
  return Uint8Array.from(bytes);
}

function lineBytes(line: PrintLine, moduleSize: number): number[] {
  switch (line.kind) {
    case 'text': {
      const text = encodeCp1252(line.text.trimEnd());
      return line.bold ? [...boldOn, ...text, ...boldOff, LF] : [...text, LF];
    }
    case 'banner':
      return [...bannerOn, ...encodeCp1252(line.text.trimEnd()), ...bannerOff, LF];
    case 'qr':
      return [...alignCenter, ...qrCommands(line.data, moduleSize), LF, ...alignLeft];
  }
}
