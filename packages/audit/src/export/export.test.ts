import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture } from '../testing/fixture.js';
import type { Fixture } from '../testing/fixture.js';
import { csvField, eventCsvColumns, exportEvents } from './export-events.js';
import { invoiceLedger, writeInvoiceLedger } from './invoice-ledger.js';

let f: Fixture;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gks-audit-export-'));
  f = await buildFixture(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function collect(run: (out: PassThrough) => Promise<unknown>): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await run(out);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

describe('exportEvents', () => {
  it('writes every event of the day as CSV, with a header and amounts in euro', async () => {
    const text = await collect((out) =>
      exportEvents(
        { memoryFile: f.memoryFile },
        { from: '2025-03-14', to: '2025-03-14' },
        'csv',
        out,
        () => {},
      ),
    );
    const rows = text.trimEnd().split('\r\n');
    expect(rows[0]).toBe(eventCsvColumns.join(','));
    expect(rows).toHaveLength(f.events.length + 1);
    const header = (rows[0] as string).split(',');
    const sale = (rows[4] as string).split(',');
    expect(sale[header.indexOf('eventOperation')]).toBe('SALE');
    expect(sale[header.indexOf('total')]).toBe('14.50');
    expect(sale[header.indexOf('totalB')]).toBe('4.50');
  });

  it('selects by the Belgian day, like FDM.DER: another day gives no events', async () => {
    const text = await collect((out) =>
      exportEvents({ memoryFile: f.memoryFile }, { from: '2025-03-15' }, 'json', out, () => {}),
    );
    expect(JSON.parse(text)).toEqual([]);
  });

  it('writes a JSON array whose items carry the signed fields and the data', async () => {
    const text = await collect((out) =>
      exportEvents({ memoryFile: f.memoryFile }, {}, 'json', out, () => {}),
    );
    const items = JSON.parse(text) as { fields: { totalCounter: number }; data: { posId: string } }[];
    expect(items.map((i) => i.fields.totalCounter)).toEqual(f.events.map((e) => e.fields.totalCounter));
    expect(items[0]?.data.posId).toBe('CPOS0031234567');
  });
});

describe('invoiceLedger (C-45ter)', () => {
  it('lists the invoice with its customer, referenced sale and amounts', async () => {
    const entries = await invoiceLedger({ memoryFile: f.memoryFile }, {}, () => {});
    expect(entries).toHaveLength(1);
    const e = entries[0];
    expect(e?.invoiceNo).toBe('INV-2025-0001');
    expect(e?.customerVatNo).toBe('BE0308357159');
    expect(e?.referencedEvents).toEqual(['N 1/4']);
    expect(e?.totalCents).toBe(1450);
    expect(e?.vat['A']?.totalCents).toBe(1000);
    expect(e?.missing).toEqual([]);
    const csv = await collect(async (out) => writeInvoiceLedger(entries, 'csv', out));
    expect(csv.split('\r\n')[1]).toContain('INV-2025-0001,');
  });

  it('is empty for a period without invoices', async () => {
    expect(await invoiceLedger({ memoryFile: f.memoryFile }, { to: '2025-03-13' }, () => {})).toEqual([]);
  });
});

describe('csvField', () => {
  it.each([
    ['plain', 'abc', 'abc'],
    ['comma', 'a,b', '"a,b"'],
    ['quote', 'say "hi"', '"say ""hi"""'],
    ['newline', 'a\nb', '"a\nb"'],
    ['formula', '=SUM(A1)', "'=SUM(A1)"],
    ['number', 12, '12'],
    ['null', null, ''],
  ])('%s', (_name, value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});
