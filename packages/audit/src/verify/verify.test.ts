import { createPublicKey } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalTestCa } from '@gks/fdm';
import { buildFixture, FIXTURE_START, recordRanges, writeJournal } from '../testing/fixture.js';
import type { Fixture, FixtureOptions, JournalLine } from '../testing/fixture.js';
import { verifyAudit } from './verify.js';
import type { VerifyOptions, VerifyReport } from './verify.js';

const dirs: string[] = [];
async function fixture(options: FixtureOptions = {}): Promise<Fixture> {
  const dir = await mkdtemp(join(tmpdir(), 'gks-audit-'));
  dirs.push(dir);
  return buildFixture(dir, options);
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

function run(f: Fixture, extra: Partial<VerifyOptions> = {}): Promise<VerifyReport> {
  return verifyAudit({
    fdm: { memoryFile: f.memoryFile },
    fdmCertificatePem: f.certificatePem,
    caCertificatePem: f.caCertificatePem,
    journalFile: f.journalFile,
    workers: 0,
    ...extra,
  });
}
const codes = (r: VerifyReport) => [...new Set(r.findings.map((f) => f.code))].sort();

describe('verifyAudit on a clean FDM memory and journal', () => {
  let clean: Fixture;
  beforeAll(async () => {
    clean = await fixture();
  });

  it('finds nothing and counts every event', async () => {
    const report = await run(clean);
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.events).toBe(clean.events.length);
    expect(report.journalEvents).toBe(clean.events.length);
    expect(report.fdmId).toBe('FOD01000001');
  });

  it('finds nothing without the journal either', async () => {
    const report = await run(clean, { journalFile: undefined });
    expect(report.findings).toEqual([]);
  });

  it('finds nothing with worker threads (from the build, when present)', async () => {
    const report = await run(clean, { workers: 2 });
    expect(report.findings).toEqual([]);
  });

  it('reports a CA that did not issue the FDM certificate', async () => {
    const other = await fixture();
    const report = await run(clean, { caCertificatePem: other.caCertificatePem });
    expect(codes(report)).toEqual(['CERTIFICATE_NOT_FROM_CA']);
  });

  it.each(['native', 'node'] as const)(
    "reports every signature when the certificate is another FDM's (%s signature check)",
    async (signatureEngine) => {
      const other = await fixture();
      const report = await run(clean, {
        fdmCertificatePem: other.certificatePem,
        journalFile: undefined,
        signatureEngine,
      });
      expect(report.byCode.SIGNATURE_INVALID).toBe(clean.events.length);
    },
  );

  it('checks signatures with the native verifier by default, in worker threads too', async () => {
    expect((await run(clean)).signatureEngine).toBe('native');
    const threaded = await run(clean, { workers: 2 });
    expect(threaded.signatureEngine).toBe('native');
    expect(threaded.findings).toEqual([]);
  });

  it('reports an unreadable memory file without throwing', async () => {
    const report = await run(clean, {
      fdm: { memoryFile: join(clean.dir, 'nope.fdm') },
      journalFile: undefined,
    });
    expect(codes(report)).toEqual(['INPUT_UNREADABLE']);
    expect(report.ok).toBe(false);
  });
});

describe('verifyAudit finds each tampering', () => {
  let base: Fixture;
  beforeAll(async () => {
    base = await fixture();
  });

  async function tamperedMemory(
    change: (bytes: Buffer, ranges: [number, number][]) => Buffer,
  ): Promise<string> {
    const { bytes, ranges } = await recordRanges(base.memoryFile);
    const file = join(base.dir, `tampered-${Math.random().toString(36).slice(2)}.fdm`);
    await writeFile(file, change(Buffer.from(bytes), ranges));
    return file;
  }

  it('a flipped byte: RECORD_CHECKSUM_MISMATCH at that record', async () => {
    const file = await tamperedMemory((b, r) => {
      const [from, to] = r[4] as [number, number];
      const at = Math.floor((from + 44 + to) / 2);
      b[at] = (b[at] as number) ^ 0x01;
      return b;
    });
    const report = await run(base, { fdm: { memoryFile: file }, journalFile: undefined });
    const hit = report.findings.find((f) => f.code === 'RECORD_CHECKSUM_MISMATCH');
    expect(hit?.record.index).toBe(4);
    expect(report.ok).toBe(false);
  });

  it('a flipped byte in a length field: RECORD_LENGTH_CORRUPT, and reading goes on', async () => {
    const file = await tamperedMemory((b, r) => {
      const [from] = r[3] as [number, number];
      b[from + 2] = (b[from + 2] as number) ^ 0x10;
      return b;
    });
    const report = await run(base, { fdm: { memoryFile: file }, journalFile: undefined });
    expect(report.byCode.RECORD_LENGTH_CORRUPT).toBe(1);
    // Resynchronised: the records after the damaged one are still read and checked.
    expect(report.events).toBe(base.events.length - 1);
    expect(report.byCode.TOTAL_COUNTER_GAP).toBe(1);
  });

  it('a deleted record: CHAIN_BROKEN and TOTAL_COUNTER_GAP', async () => {
    const file = await tamperedMemory((b, r) => {
      const [from, to] = r[4] as [number, number];
      return Buffer.concat([b.subarray(0, from), b.subarray(to)]);
    });
    const report = await run(base, { fdm: { memoryFile: file }, journalFile: undefined });
    expect(codes(report)).toEqual(
      expect.arrayContaining(['CHAIN_BROKEN', 'TOTAL_COUNTER_GAP', 'EVENT_COUNTER_GAP']),
    );
    expect(report.findings.find((f) => f.code === 'TOTAL_COUNTER_GAP')?.explanation).toContain(
      'totalCounter 5 is missing',
    );
  });

  it('two records swapped: CHAIN_BROKEN and TOTAL_COUNTER_NOT_INCREASING, no false gap', async () => {
    const file = await tamperedMemory((b, r) => {
      const [a0, a1] = r[2] as [number, number];
      const [, b1] = r[3] as [number, number];
      return Buffer.concat([b.subarray(0, a0), b.subarray(a1, b1), b.subarray(a0, a1), b.subarray(b1)]);
    });
    const report = await run(base, { fdm: { memoryFile: file }, journalFile: undefined });
    expect(codes(report)).toEqual(
      expect.arrayContaining(['CHAIN_BROKEN', 'TOTAL_COUNTER_NOT_INCREASING', 'FDM_TIME_DECREASING']),
    );
    expect(report.byCode.TOTAL_COUNTER_GAP).toBeUndefined();
  });

  it.each(['native', 'node'] as const)(
    'a forged record signed with another key: SIGNATURE_INVALID on that event only (%s signature check)',
    async (signatureEngine) => {
      const forged = await fixture({ forgeEvent: 5 });
      const report = await run(forged, { signatureEngine });
      expect(report.signatureEngine).toBe(signatureEngine);
      expect(codes(report)).toEqual(['SIGNATURE_INVALID']);
      expect(report.findings[0]?.record.totalCounter).toBe(5);
    },
  );

  it('a truncated copy: TRUNCATED_TAIL', async () => {
    const file = await tamperedMemory((b) => b.subarray(0, b.length - 10));
    const report = await run(base, { fdm: { memoryFile: file }, journalFile: undefined });
    expect(codes(report)).toEqual(['TRUNCATED_TAIL']);
  });

  it('a garbage file: FILE_HEADER_BAD', async () => {
    const file = join(base.dir, 'garbage.fdm');
    await writeFile(file, 'this is not a memory');
    const report = await run(base, { fdm: { memoryFile: file }, journalFile: undefined });
    expect(codes(report)).toEqual(['FILE_HEADER_BAD']);
  });
});

describe('verifyAudit cross-checks the POS journal', () => {
  let base: Fixture;
  beforeAll(async () => {
    base = await fixture();
  });

  async function journalWith(change: (lines: JournalLine[]) => JournalLine[]): Promise<string> {
    const file = join(base.dir, `journal-${Math.random().toString(36).slice(2)}.jsonl`);
    await writeJournal(file, change(structuredClone(base.journal)));
    return file;
  }

  it('a journal ticket the FDM never signed: JOURNAL_EVENT_NOT_IN_FDM', async () => {
    const file = await journalWith((lines) => {
      const event = lines.find(
        (l) => l.kind === 'fiscal_event' && l.data['eventOperation'] === 'SALE',
      ) as JournalLine;
      const result = lines[lines.indexOf(event) + 1] as JournalLine;
      // A copy of a sale under the next ticket number, with invented control data.
      const ticket = 1 + lines.filter((l) => l.kind === 'fiscal_event').length;
      const request = JSON.parse(event.fdmMessage as string) as {
        variables: { data: Record<string, unknown> };
      };
      request.variables.data['posFiscalTicketNo'] = ticket;
      const answer = JSON.parse(result.fdmMessage as string) as {
        data: { signSale: { fdmRef: { totalCounter: number } } };
      };
      answer.data.signSale.fdmRef.totalCounter = 7;
      lines.push(
        { ...event, data: { ...event.data, posFiscalTicketNo: ticket }, fdmMessage: JSON.stringify(request) },
        {
          ...result,
          data: { eventSeq: lines.length + 1, outcome: 'signed' },
          fdmMessage: JSON.stringify(answer),
        },
      );
      return lines;
    });
    const report = await run(base, { journalFile: file });
    expect(codes(report)).toEqual(['JOURNAL_EVENT_NOT_IN_FDM']);
    expect(report.findings[0]?.record.ticket?.posFiscalTicketNo).toBe(base.events.length + 1);
  });

  it('an FDM event missing from the journal: FDM_EVENT_NOT_IN_JOURNAL and the ticket gap it leaves', async () => {
    const file = await journalWith((lines) => {
      const i = lines.findIndex((l) => l.kind === 'fiscal_event' && l.data['posFiscalTicketNo'] === 5);
      const kept = lines.filter((_, j) => j !== i && j !== i + 1);
      // Results point at their event by seq: renumber as a careful forger would.
      return kept.map((l) =>
        l.kind === 'fiscal_result' && (l.data['eventSeq'] as number) > i + 1
          ? { ...l, data: { ...l.data, eventSeq: (l.data['eventSeq'] as number) - 2 } }
          : l,
      );
    });
    const report = await run(base, { journalFile: file });
    expect(codes(report)).toEqual(['FDM_EVENT_NOT_IN_JOURNAL', 'TICKET_NO_GAP']);
    expect(report.findings.find((f) => f.code === 'FDM_EVENT_NOT_IN_JOURNAL')?.record.totalCounter).toBe(5);
  });

  it('an edited journal line without re-hashing: JOURNAL_ENTRY_ALTERED and JOURNAL_CHAIN_BROKEN', async () => {
    const text = await readFile(base.journalFile, 'utf8');
    const lines = text.trimEnd().split('\n');
    lines[3] = (lines[3] as string).replace('"userId":"u-1"', '"userId":"u-2"');
    lines.splice(6, 1);
    const file = join(base.dir, 'journal-edited.jsonl');
    await writeFile(file, lines.join('\n') + '\n');
    const report = await run(base, { journalFile: file });
    expect(codes(report)).toEqual(
      expect.arrayContaining(['JOURNAL_ENTRY_ALTERED', 'JOURNAL_CHAIN_BROKEN', 'JOURNAL_SEQ_GAP']),
    );
  });

  it('a journaled request that differs from what the FDM signed: JOURNAL_REQUEST_MISMATCH', async () => {
    const file = await journalWith((lines) => {
      const event = lines.find(
        (l) => l.kind === 'fiscal_event' && l.data['posFiscalTicketNo'] === 5,
      ) as JournalLine;
      event.fdmMessage = (event.fdmMessage as string).replace('"Cola"', '"Cola Zero"');
      return lines;
    });
    const report = await run(base, { journalFile: file });
    expect(codes(report)).toEqual(['JOURNAL_REQUEST_MISMATCH']);
  });

  it('a journal recording a refusal for a signed event: JOURNAL_REFUSED_BUT_SIGNED', async () => {
    const file = await journalWith((lines) => {
      const result = lines.find((l) => l.kind === 'fiscal_result') as JournalLine;
      result.data['outcome'] = 'refused';
      return lines;
    });
    const report = await run(base, { journalFile: file });
    expect(codes(report)).toEqual(['JOURNAL_REFUSED_BUT_SIGNED']);
  });

  it('a journal that lost an answer: JOURNAL_RESULT_MISSING (a warning)', async () => {
    const file = await journalWith((lines) => {
      const i = lines.findIndex((l) => l.kind === 'fiscal_result' && l.data['eventSeq'] === 4);
      lines.splice(i, 1);
      return lines.map((l) =>
        l.kind === 'fiscal_result' && (l.data['eventSeq'] as number) > i
          ? { ...l, data: { ...l.data, eventSeq: (l.data['eventSeq'] as number) - 1 } }
          : l,
      );
    });
    const report = await run(base, { journalFile: file });
    expect(codes(report)).toEqual(['JOURNAL_RESULT_MISSING']);
    expect(report.ok).toBe(true);
    expect(report.warnings).toBe(1);
  });

  it('an unreadable journal line is reported and the rest still checked', async () => {
    const text = await readFile(base.journalFile, 'utf8');
    const file = join(base.dir, 'journal-garbage.jsonl');
    await writeFile(file, 'garbage\n' + text);
    const report = await run(base, { journalFile: file });
    expect(codes(report)).toContain('JOURNAL_UNREADABLE_LINE');
    expect(report.byCode.FDM_EVENT_NOT_IN_JOURNAL).toBeUndefined();
  });
});

describe('verifyAudit checks business consistency', () => {
  it('a gap in ticket numbers: TICKET_NO_GAP from the journal, TICKET_NO_GAP_FDM without it', async () => {
    const f = await fixture({ skipTicketAfter: 6 });
    const withJournal = await run(f);
    expect(codes(withJournal)).toEqual(['TICKET_NO_GAP']);
    expect(withJournal.findings[0]?.record.ticket?.posFiscalTicketNo).toBe(8);
    const fdmOnly = await run(f, { journalFile: undefined });
    expect(codes(fdmOnly)).toEqual(['TICKET_NO_GAP_FDM']);
    expect(fdmOnly.findings[0]?.severity).toBe('warning');
  });

  it('a Z report that does not add up: Z_REPORT_MISMATCH', async () => {
    const f = await fixture({ zExtraCents: 1000 });
    const report = await run(f);
    expect(codes(report)).toEqual(['Z_REPORT_MISMATCH']);
    expect(report.findings[0]?.explanation).toContain('N turnover 28.00, events give 18.00');
  });

  it('a Z report counting training sales: Z_TRAINING_IN_TURNOVER', async () => {
    const f = await fixture({ zCountsTraining: true });
    const report = await run(f);
    expect(codes(report)).toEqual(['Z_TRAINING_IN_TURNOVER']);
  });

  it('a table left unpaid across a Z report: COST_CENTER_OPEN_AT_Z', async () => {
    const f = await fixture({ unpaidTable: true });
    const report = await run(f);
    expect(codes(report)).toEqual(['COST_CENTER_OPEN_AT_Z']);
    expect(report.findings[0]?.explanation).toContain('table-7-session-1');
  });
});

describe('verifyAudit after certificate renewals (same key, fdm-cert-previous)', () => {
  let f: Fixture;
  let renewedPem: string;
  beforeAll(async () => {
    f = await fixture();
    // The CA renews the FDM's certificate ten minutes into the fixture's day: the events before
    // that were signed under the first certificate only.
    const ca = await LocalTestCa.load(join(f.dir, 'ca'), () => new Date(FIXTURE_START + 10 * 60_000));
    const key = createPublicKey(f.certificatePem).export({ type: 'spki', format: 'pem' }).toString();
    renewedPem = await ca.issueFdmCertificate({
      fdmId: 'FOD01000001',
      vatNo: 'BE0000000097',
      publicKeyPem: key,
      validDays: 30,
    });
  });

  it('with only the renewed certificate, events before it are outside its validity (a warning)', async () => {
    const report = await run(f, { fdmCertificatePem: renewedPem });
    expect(codes(report)).toEqual(['CERTIFICATE_NOT_VALID_AT_EVENT']);
    expect(report.ok).toBe(true);
  });

  it('with the previous certificate too, every event lies in a validity period: no finding', async () => {
    const report = await run(f, {
      fdmCertificatePem: renewedPem,
      previousCertificatesPem: [f.certificatePem],
    });
    expect(report.findings).toEqual([]);
  });

  it('a previous certificate with another key or from another CA is reported, not trusted', async () => {
    const other = await fixture();
    const report = await run(f, {
      fdmCertificatePem: renewedPem,
      previousCertificatesPem: [other.certificatePem],
    });
    expect(codes(report)).toEqual([
      'CERTIFICATE_INVALID',
      'CERTIFICATE_NOT_FROM_CA',
      'CERTIFICATE_NOT_VALID_AT_EVENT',
    ]);
    expect(report.findings.find((x) => x.code === 'CERTIFICATE_INVALID')?.explanation).toMatch(
      /previous certificate 1 holds another key/,
    );
  });

  it('an unreadable previous certificate is reported by its number', async () => {
    const report = await run(f, {
      fdmCertificatePem: renewedPem,
      previousCertificatesPem: ['not a certificate'],
    });
    expect(report.findings.find((x) => x.code === 'CERTIFICATE_INVALID')?.explanation).toMatch(
      /^previous certificate 1: /,
    );
  });
});
