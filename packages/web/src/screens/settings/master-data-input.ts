import { err, ok, type Result } from '../../api/result.js';
import type { FloorInput, PlaceInput, PrinterInput, PrinterKind } from '../../api/types.js';

// What the manager types in the settings forms, checked before it goes to the server, so the
// form can point at the field. The server checks again; its BAD_INPUT names the field too.

export type InputProblem =
  | 'REQUIRED'
  | 'BAD_CODE'
  | 'TOO_LONG'
  | 'BAD_HOST'
  | 'BAD_PORT'
  | 'BAD_COLUMNS'
  | 'BAD_POSITION'
  | 'NOT_PRINTABLE'
  | 'FOOTER_SIZE';

export interface FieldProblem {
  readonly field: string;
  readonly problem: InputProblem;
}

type Checked<T> = Result<T, FieldProblem>;

const problem = (field: string, p: InputProblem) => err<FieldProblem>({ field, problem: p });

/** Codes (ids) are short and typeable on any keyboard: letters, digits, `.`, `_`, `-`. */
const codePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

function code(field: string, text: string): Checked<string> {
  const value = text.trim();
  if (value === '') return problem(field, 'REQUIRED');
  return codePattern.test(value) ? ok(value) : problem(field, 'BAD_CODE');
}

/** Names are printed: no control or format characters (the server refuses them too). */
function name(field: string, text: string, max: number): Checked<string> {
  const value = text.trim();
  if (value === '') return problem(field, 'REQUIRED');
  if (/\p{C}/u.test(value)) return problem(field, 'NOT_PRINTABLE');
  return value.length > max ? problem(field, 'TOO_LONG') : ok(value);
}

/** Paper widths the server renders for: 42 (80 mm, font A) or 48 (80 mm, font B) characters. */
export const printerColumns = [42, 48] as const;

function wholeNumber(text: string, min: number, max: number): number | null {
  const value = text.trim();
  if (!/^\d{1,6}$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const hostLabel = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** An IPv4 address or a host name of the local network (a printer has no URL, only host:port). */
export function isPrinterHost(text: string): boolean {
  if (ipv4.test(text)) return true;
  if (/^[\d.]+$/.test(text)) return false; // digits and dots only: a mistyped address
  return text.length <= 253 && text.split('.').every((label) => hostLabel.test(label));
}

export interface PrinterForm {
  readonly printerId: string;
  readonly name: string;
  readonly kind: PrinterKind;
  readonly host: string;
  readonly port: string;
  readonly columns: string;
}

const nameMax = { printer: 60, terminal: 100, floor: 60, place: 100 } as const;

export function parsePrinter(form: PrinterForm): Checked<PrinterInput> {
  const printerId = code('printerId', form.printerId);
  if (!printerId.ok) return printerId;
  const printerName = name('name', form.name, nameMax.printer);
  if (!printerName.ok) return printerName;
  const host = form.host.trim();
  if (host === '') return problem('host', 'REQUIRED');
  if (!isPrinterHost(host)) return problem('host', 'BAD_HOST');
  const port = wholeNumber(form.port === '' ? '9100' : form.port, 1, 65535);
  if (port === null) return problem('port', 'BAD_PORT');
  const columns = wholeNumber(form.columns === '' ? '42' : form.columns, 1, 999);
  if (columns === null || !(printerColumns as readonly number[]).includes(columns))
    return problem('columns', 'BAD_COLUMNS');
  return ok({ printerId: printerId.value, name: printerName.value, kind: form.kind, host, port, columns });
}

export interface NewTerminal {
  readonly terminalId: string;
  readonly name: string;
  readonly deviceId: string;
}

export function parseNewTerminal(form: NewTerminal): Checked<NewTerminal> {
  const terminalId = code('terminalId', form.terminalId);
  if (!terminalId.ok) return terminalId;
  const terminalName = name('name', form.name, nameMax.terminal);
  if (!terminalName.ok) return terminalName;
  const deviceId = code('deviceId', form.deviceId);
  if (!deviceId.ok) return deviceId;
  return ok({ terminalId: terminalId.value, name: terminalName.value, deviceId: deviceId.value });
}

export function parseFloor(form: { floorId: string; name: string; position: string }): Checked<FloorInput> {
  const floorId = code('floorId', form.floorId);
  if (!floorId.ok) return floorId;
  const floorName = name('name', form.name, nameMax.floor);
  if (!floorName.ok) return floorName;
  const position = wholeNumber(form.position === '' ? '0' : form.position, 0, 9999);
  if (position === null) return problem('position', 'BAD_POSITION');
  return ok({ floorId: floorId.value, name: floorName.value, position });
}

export function parsePlace(form: {
  costCenterId: string;
  name: string;
  type: string;
  floorId: string;
}): Checked<PlaceInput> {
  const costCenterId = code('costCenterId', form.costCenterId);
  if (!costCenterId.ok) return costCenterId;
  const placeName = name('name', form.name, nameMax.place);
  if (!placeName.ok) return placeName;
  if (form.type === '') return problem('type', 'REQUIRED');
  return ok({
    costCenterId: costCenterId.value,
    name: placeName.value,
    type: form.type,
    floorId: form.floorId === '' ? null : form.floorId,
  });
}

export const footerLines = 4;
export const footerLineLength = 48;

/**
 * The ticket footer: at most 4 lines of 48 characters (one line of 80 mm paper in font B),
 * lines trimmed, blank lines at the ends dropped; null when nothing is left.
 */
export function parseTicketFooter(text: string): Checked<string | null> {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  if (lines.length === 0) return ok(null);
  if (lines.some((line) => /\p{C}/u.test(line))) return problem('ticketFooter', 'NOT_PRINTABLE');
  if (lines.length > footerLines || lines.some((line) => line.length > footerLineLength))
    return problem('ticketFooter', 'FOOTER_SIZE');
  return ok(lines.join('\n'));
}
