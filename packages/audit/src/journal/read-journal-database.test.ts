import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findServerBinaries, postgresSource, PostgresTestBackend } from '@gks/db/testing';
import { openPosDatabase } from '@gks/pos';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../formats/canonical-json.js';
import { buildFixture } from '../testing/fixture.js';
import { readJournalDatabase } from './read-journal-database.js';
import { readJournalExport } from './read-journal-export.js';
import type { Fixture } from '../testing/fixture.js';
import { verifyAudit } from '../verify/verify.js';
import type { VerifyOptions } from '../verify/verify.js';

const source = postgresSource(process.env, findServerBinaries());

interface ExportLine {
  seq: number;
  recordedAt: string;
  kind: string;
  terminalId: string | null;
  userId: string | null;
  data: unknown;
  fdmMessage?: string;
  prevHash: string;
  entryHash: string;
}

/** Puts export lines into a real POS database (made by the POS's own migrations) as its rows. */
async function insertRows(url: string, lines: readonly ExportLine[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const l of lines) {
      await client.query(
        `INSERT INTO journal_entry (seq, recorded_at, kind, terminal_id, user_id, data, fdm_message, prev_hash, entry_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          l.seq,
          l.recordedAt,
          l.kind,
          l.terminalId,
          l.userId,
          canonicalJson(l.data),
          l.fdmMessage === undefined ? null : Buffer.from(l.fdmMessage, 'utf8'),
          Buffer.from(l.prevHash, 'hex'),
          Buffer.from(l.entryHash, 'hex'),
        ],
      );
    }
  } finally {
    await client.end();
  }
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const withUser = (url: string, user: string, password: string) => {
  const u = new URL(url);
  u.username = user;
  u.password = password;
  return u.toString();
};

describe('gks verify reads the POS journal from its PostgreSQL database (read-only snapshot)', () => {
  if (source.kind === 'skip') {
    it.skip(`needs a PostgreSQL server: ${source.reason}`, () => undefined);
    return;
  }
  if (source.kind === 'fail') {
    it('needs a PostgreSQL server', () => {
      throw new Error(source.reason);
    });
    return;
  }
  const backend = new PostgresTestBackend(source);
  const roles: string[] = [];
  let dir: string;
  let f: Fixture;
  let lines: ExportLine[];
  let ownerUrl: string;
  let adminUrl: string;

  beforeAll(async () => {
    await backend.start();
    dir = await mkdtemp(join(tmpdir(), 'gks-audit-db-'));
    f = await buildFixture(join(dir, 'fdm'));
    const text = await readFile(f.journalFile, 'utf8');
    lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as ExportLine);
    const location = await backend.fresh();
    if (!('databaseUrl' in location)) throw new Error('expected a PostgreSQL database');
    ownerUrl = location.databaseUrl;
    adminUrl = ownerUrl;
    // The POS's own migrations make the table, its append-only triggers and the auditor role.
    const pos = await openPosDatabase({ databaseUrl: ownerUrl, role: 'owner' });
    await pos.close();
    await insertRows(ownerUrl, lines);
  }, 60_000);

  afterAll(async () => {
    for (const role of roles) await admin(adminUrl, `DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
    await backend.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const run = (extra: Partial<VerifyOptions>) =>
    verifyAudit({
      fdm: { memoryFile: f.memoryFile },
      fdmCertificatePem: f.certificatePem,
      caCertificatePem: f.caCertificatePem,
      workers: 0,
      ...extra,
    });

  async function loginIn(group: string | null): Promise<string> {
    const role = `gks_audit_reader_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    await admin(
      adminUrl,
      `CREATE ROLE ${role} LOGIN PASSWORD '${password}'${group ? ` IN ROLE ${group}` : ''}`,
    );
    roles.push(role);
    return withUser(ownerUrl, role, password);
  }

  it('finds nothing on the clean journal, exactly as from the export file', async () => {
    const fromFile = await run({ journalFile: f.journalFile });
    const fromDb = await run({ journalDatabaseUrl: ownerUrl });
    expect(fromDb.findings).toEqual([]);
    expect(fromDb.journalEvents).toBe(f.events.length);
    expect(fromDb.journalEvents).toBe(fromFile.journalEvents);
  });

  it('pages through the table in keyset batches without losing or repeating an entry', async () => {
    const collect = async (events: AsyncIterable<unknown>) => {
      const out: unknown[] = [];
      for await (const e of events) out.push(e);
      return out;
    };
    const options = { ticketScheme: 'pos' as const, onFinding: (x: unknown) => found.push(x) };
    const found: unknown[] = [];
    const fromFile = await collect(readJournalExport(f.journalFile, options));
    const paged = await collect(readJournalDatabase(ownerUrl, { ...options, batchSize: 3 }));
    expect(found).toEqual([]);
    expect(paged).toEqual(fromFile);
    expect(paged.length).toBeGreaterThan(6);
  });

  it("works with a login that holds only the POS's auditor role, which cannot write", async () => {
    const auditorUrl = await loginIn('gks_auditor');
    const report = await run({ journalDatabaseUrl: auditorUrl });
    expect(report.findings).toEqual([]);
    expect(report.journalEvents).toBe(f.events.length);
    await expect(admin(auditorUrl, `INSERT INTO journal_entry (seq) VALUES (999999)`)).rejects.toThrow(
      /permission denied/,
    );
  });

  it('reports a login without read access as INPUT_UNREADABLE, and still checks the FDM side', async () => {
    const strangerUrl = await loginIn(null);
    const report = await run({ journalDatabaseUrl: strangerUrl });
    expect(report.byCode.INPUT_UNREADABLE).toBe(1);
    expect(report.findings[0]?.explanation).toMatch(/permission denied/);
    expect(report.findings[0]?.explanation).not.toContain(strangerUrl.split('@')[0]?.split(':').pop() ?? '?');
    expect(report.events).toBe(f.events.length);
  });

  it('reports an unreachable server as INPUT_UNREADABLE without the password', async () => {
    const report = await run({ journalDatabaseUrl: 'postgres://auditor:s3cret@127.0.0.1:1/pos' });
    expect(report.byCode.INPUT_UNREADABLE).toBe(1);
    expect(report.findings[0]?.explanation).toContain('cannot open the POS database');
    expect(report.findings[0]?.explanation).not.toContain('s3cret');
  });

  it('finds a row whose data was changed after hashing: JOURNAL_ENTRY_ALTERED at that seq', async () => {
    const location = await backend.fresh();
    if (!('databaseUrl' in location)) throw new Error('expected a PostgreSQL database');
    const pos = await openPosDatabase({ databaseUrl: location.databaseUrl, role: 'owner' });
    await pos.close();
    const target = lines.find((l) => l.kind === 'fiscal_event');
    if (!target) throw new Error('fixture without fiscal events');
    const edited = lines.map((l) =>
      l === target ? { ...l, data: { ...(l.data as Record<string, unknown>), terminalId: 'T-EDITED' } } : l,
    );
    await insertRows(location.databaseUrl, edited);
    const report = await run({ journalDatabaseUrl: location.databaseUrl });
    const altered = report.findings.filter((x) => x.code === 'JOURNAL_ENTRY_ALTERED');
    expect(altered).toHaveLength(1);
    expect(altered[0]?.record.journalSeq).toBe(target.seq);
  });
});
