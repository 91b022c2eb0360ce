import { describe, expect, it } from 'vitest';
import {
  isPrinterHost,
  parseFloor,
  parseNewTerminal,
  parsePlace,
  parsePrinter,
  parseTicketFooter,
} from './master-data-input.js';

const printer = {
  printerId: 'bar',
  name: 'Bar printer',
  kind: 'RECEIPT' as const,
  host: '192.168.1.50',
  port: '9100',
  columns: '42',
};

describe('parsePrinter', () => {
  it('takes a network printer, defaults port 9100 and 42 columns', () => {
    expect(parsePrinter(printer)).toEqual({
      ok: true,
      value: {
        printerId: 'bar',
        name: 'Bar printer',
        kind: 'RECEIPT',
        host: '192.168.1.50',
        port: 9100,
        columns: 42,
      },
    });
    const defaults = parsePrinter({ ...printer, port: '', columns: '', host: ' kitchen-1.local ' });
    expect(defaults.ok && defaults.value).toMatchObject({ host: 'kitchen-1.local', port: 9100, columns: 42 });
    expect(parsePrinter({ ...printer, columns: '48' })).toMatchObject({ ok: true, value: { columns: 48 } });
  });

  it.each([
    [{ printerId: '' }, 'printerId', 'REQUIRED'],
    [{ printerId: 'bar printer' }, 'printerId', 'BAD_CODE'],
    [{ printerId: 'x'.repeat(41) }, 'printerId', 'BAD_CODE'],
    [{ name: '   ' }, 'name', 'REQUIRED'],
    [{ name: 'n'.repeat(61) }, 'name', 'TOO_LONG'],
    [{ name: 'Bar\u0007' }, 'name', 'NOT_PRINTABLE'],
    [{ name: 'Bar\u202e' }, 'name', 'NOT_PRINTABLE'],
    [{ host: '' }, 'host', 'REQUIRED'],
    [{ host: '192.168.1.256' }, 'host', 'BAD_HOST'],
    [{ host: '192.168.1' }, 'host', 'BAD_HOST'],
    [{ host: 'http://printer' }, 'host', 'BAD_HOST'],
    [{ host: 'printer:9100' }, 'host', 'BAD_HOST'],
    [{ host: 'bad_host' }, 'host', 'BAD_HOST'],
    [{ host: '-printer' }, 'host', 'BAD_HOST'],
    [{ port: '0' }, 'port', 'BAD_PORT'],
    [{ port: '65536' }, 'port', 'BAD_PORT'],
    [{ port: '91.00' }, 'port', 'BAD_PORT'],
    [{ port: '-1' }, 'port', 'BAD_PORT'],
    [{ port: 'abc' }, 'port', 'BAD_PORT'],
    [{ columns: '32' }, 'columns', 'BAD_COLUMNS'],
    [{ columns: '44' }, 'columns', 'BAD_COLUMNS'],
    [{ columns: '4 2' }, 'columns', 'BAD_COLUMNS'],
  ])('refuses %j at %s (%s)', (change, field, problem) => {
    expect(parsePrinter({ ...printer, ...change })).toEqual({ ok: false, error: { field, problem } });
  });
});

describe('isPrinterHost', () => {
  it.each(['10.0.0.1', '255.255.255.255', 'printer', 'kitchen-1.local', 'EPSON-TM.lan'])('takes %s', (h) =>
    expect(isPrinterHost(h)).toBe(true),
  );
  it.each(['10.0.0', '1.2.3.4.5', '300.1.1.1', 'a..b', 'a b', 'printer-', '', 'ü.local'])('refuses %j', (h) =>
    expect(isPrinterHost(h)).toBe(false),
  );
});

describe('parseNewTerminal', () => {
  it('takes codes and a name, trimmed', () => {
    expect(parseNewTerminal({ terminalId: ' T3 ', name: ' Kitchen pass ', deviceId: 'tab-3' })).toEqual({
      ok: true,
      value: { terminalId: 'T3', name: 'Kitchen pass', deviceId: 'tab-3' },
    });
  });
  it.each([
    [{ terminalId: '' }, 'terminalId', 'REQUIRED'],
    [{ terminalId: 'T 3' }, 'terminalId', 'BAD_CODE'],
    [{ name: '' }, 'name', 'REQUIRED'],
    [{ deviceId: '' }, 'deviceId', 'REQUIRED'],
    [{ deviceId: 'tab/3' }, 'deviceId', 'BAD_CODE'],
  ])('refuses %j at %s (%s)', (change, field, problem) => {
    expect(parseNewTerminal({ terminalId: 'T3', name: 'Pass', deviceId: 'tab-3', ...change })).toEqual({
      ok: false,
      error: { field, problem },
    });
  });
});

describe('parseFloor and parsePlace', () => {
  it('takes a floor with a position (0 when left empty)', () => {
    expect(parseFloor({ floorId: 'terrace', name: 'Terras', position: '2' })).toEqual({
      ok: true,
      value: { floorId: 'terrace', name: 'Terras', position: 2 },
    });
    expect(parseFloor({ floorId: 'terrace', name: 'Terras', position: '' })).toMatchObject({
      ok: true,
      value: { position: 0 },
    });
  });
  it('takes positions up to 9999', () => {
    expect(parseFloor({ floorId: 'f', name: 'F', position: '9999' })).toMatchObject({ ok: true });
  });
  it.each(['-1', '10000', '1.5', 'one'])('refuses the position %j', (position) => {
    expect(parseFloor({ floorId: 'f', name: 'F', position })).toEqual({
      ok: false,
      error: { field: 'position', problem: 'BAD_POSITION' },
    });
  });
  it('takes a place on a floor or on none', () => {
    expect(parsePlace({ costCenterId: 'T20', name: 'Table 20', type: 'TABLE', floorId: 'terrace' })).toEqual({
      ok: true,
      value: { costCenterId: 'T20', name: 'Table 20', type: 'TABLE', floorId: 'terrace' },
    });
    expect(parsePlace({ costCenterId: 'HOLD', name: 'On hold', type: 'ON_HOLD', floorId: '' })).toMatchObject(
      {
        ok: true,
        value: { floorId: null },
      },
    );
  });
  it.each([
    [{ costCenterId: '' }, 'costCenterId', 'REQUIRED'],
    [{ costCenterId: 'T 20' }, 'costCenterId', 'BAD_CODE'],
    [{ name: ' ' }, 'name', 'REQUIRED'],
    [{ type: '' }, 'type', 'REQUIRED'],
  ])('refuses the place %j at %s (%s)', (change, field, problem) => {
    expect(
      parsePlace({ costCenterId: 'T20', name: 'Table 20', type: 'TABLE', floorId: '', ...change }),
    ).toEqual({
      ok: false,
      error: { field, problem },
    });
  });
});

describe('parseTicketFooter', () => {
  it('trims lines, drops blank ends, and is null when empty', () => {
    expect(parseTicketFooter('  Bedankt!  \n\n Tot ziens \n\n')).toEqual({
      ok: true,
      value: 'Bedankt!\n\nTot ziens',
    });
    expect(parseTicketFooter('\r\nMerci\r\n')).toEqual({ ok: true, value: 'Merci' });
    expect(parseTicketFooter(' \n \n')).toEqual({ ok: true, value: null });
    expect(parseTicketFooter('')).toEqual({ ok: true, value: null });
  });
  it('takes 4 lines of 48 characters', () => {
    const line = 'x'.repeat(48);
    expect(parseTicketFooter([line, line, line, line].join('\n')).ok).toBe(true);
  });
  it.each([
    ['x'.repeat(49), 'FOOTER_SIZE'],
    ['a\nb\nc\nd\ne', 'FOOTER_SIZE'],
    ['tab\there', 'NOT_PRINTABLE'],
    ['esc\u001b@', 'NOT_PRINTABLE'],
    ['bidi\u202e', 'NOT_PRINTABLE'],
  ])('refuses %j (%s)', (text, problem) => {
    expect(parseTicketFooter(text)).toEqual({ ok: false, error: { field: 'ticketFooter', problem } });
  });
});
