import { describe, expect, it } from 'vitest';
import { exportLine } from './export.js';
import type { JournalEntry } from './journal.js';

const entry: JournalEntry = {
  seq: 7,
  recordedAt: new Date('2026-03-01T12:00:00.000Z'),
  kind: 'fiscal_event',
  terminalId: 'T1',
  userId: 'u-1',
  data: '{"eventLabel":"N","posFiscalTicketNo":3}',
  fdmMessage: new TextEncoder().encode('{"query":"mutation { signSale }","note":"line\nbreak é"}'),
  prevHash: new Uint8Array(32).fill(0xab),
  entryHash: new Uint8Array(32).fill(0xcd),
};

describe('exportLine', () => {
  it('writes a UTF-8 FDM message as text, escaped so the entry stays on one line', () => {
    const line = exportLine(entry);
    expect(line).not.toContain('\n');
    expect(line).toBe(
      '{"seq":7,"recordedAt":"2026-03-01T12:00:00.000Z","kind":"fiscal_event","terminalId":"T1","userId":"u-1",' +
        '"data":{"eventLabel":"N","posFiscalTicketNo":3},' +
        '"fdmMessage":"{\\"query\\":\\"mutation { signSale }\\",\\"note\\":\\"line\\nbreak é\\"}",' +
        `"prevHash":"${'ab'.repeat(32)}","entryHash":"${'cd'.repeat(32)}"}`,
    );
    const parsed = JSON.parse(line) as { fdmMessage: string };
    expect(Buffer.from(parsed.fdmMessage, 'utf8')).toEqual(Buffer.from(entry.fdmMessage ?? []));
  });

  it('writes bytes that are not UTF-8 as base64, so they survive the round trip exactly', () => {
    const bytes = Uint8Array.from([0x7b, 0xc3, 0x28, 0xff]);
    const parsed = JSON.parse(exportLine({ ...entry, fdmMessage: bytes })) as Record<string, unknown>;
    expect(parsed['fdmMessage']).toBeUndefined();
    expect(Buffer.from(String(parsed['fdmMessageBase64']), 'base64')).toEqual(Buffer.from(bytes));
  });

  it('omits the message field for a non-event and keeps null identifiers', () => {
    const parsed = JSON.parse(
      exportLine({ ...entry, kind: 'fdm_incident_start', terminalId: null, userId: null, fdmMessage: null }),
    ) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([
      'seq',
      'recordedAt',
      'kind',
      'terminalId',
      'userId',
      'data',
      'prevHash',
      'entryHash',
    ]);
    expect(parsed['terminalId']).toBeNull();
  });
});
