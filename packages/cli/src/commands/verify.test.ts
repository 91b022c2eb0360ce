import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { initFdmState } from '@gks/fdm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../main.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gks-cli-verify-'));
  const init = await initFdmState(join(dir, 'fdm'), {
    fdmId: 'FOD01000001',
    vatNo: 'BE0000000097',
    estNo: '2000000042',
    allowedPosIds: ['CPOS0031234567'],
    now: new Date(),
  });
  if (!init.ok) throw new Error(init.error.reason);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function gks(...argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await main(argv, { stdin: new PassThrough(), stdout, stderr });
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

describe('gks verify', () => {
  it('exits 0 on a clean (empty) FDM and writes the JSON report', async () => {
    const json = join(dir, 'report.json');
    const r = await gks('verify', '--fdm-dir', join(dir, 'fdm'), '--json', json, '--workers', '0');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OK: no errors in 0 FDM event/);
    const report = JSON.parse(await readFile(json, 'utf8')) as { findings: unknown[]; ok: boolean };
    expect(report).toMatchObject({ ok: true, findings: [], signatureEngine: 'native' });
    expect(r.stdout).toContain('native signature check');
  });

  it('reads the archived certificates of --fdm-dir, and exits 2 for an unreadable --previous-cert', async () => {
    const fdmDir = join(dir, 'fdm');
    await mkdir(join(fdmDir, 'fdm-cert-previous'), { recursive: true });
    await writeFile(join(fdmDir, 'fdm-cert-previous', '001.pem'), 'not a certificate');
    const archived = await gks('verify', '--fdm-dir', fdmDir, '--workers', '0');
    await rm(join(fdmDir, 'fdm-cert-previous'), { recursive: true });
    expect(archived.code).toBe(1);
    expect(archived.stdout).toContain('previous certificate 1');
    const r = await gks('verify', '--fdm-dir', fdmDir, '--previous-cert', '/nonexistent/old.pem');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read a previous certificate');
  });

  it('checks signatures with node:crypto when asked', async () => {
    const json = join(dir, 'report-node.json');
    const r = await gks('verify', '--fdm-dir', join(dir, 'fdm'), '--json', json, '--signature-check', 'node');
    expect(r.code).toBe(0);
    expect(JSON.parse(await readFile(json, 'utf8'))).toMatchObject({ signatureEngine: 'node' });
  });

  it('exits 1 with the finding on a damaged memory', async () => {
    const bad = join(dir, 'bad.fdm');
    await writeFile(bad, 'GKSFDMEM but not really');
    const r = await gks(
      'verify',
      '--memory',
      bad,
      '--cert',
      join(dir, 'fdm', 'fdm-cert.pem'),
      '--ca',
      join(dir, 'fdm', 'ca-cert.pem'),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FILE_HEADER_BAD');
  });

  it.each([
    ['no input', []],
    ['two inputs', ['--memory', 'a', '--dump', 'b']],
    ['no certificate', ['--memory', 'a']],
    ['a bad ticket scheme', ['--fdm-dir', 'x', '--ticket-scheme', 'daily']],
    ['bad workers', ['--fdm-dir', 'x', '--workers', '-1']],
    ['two journals', ['--fdm-dir', 'x', '--journal', 'j.jsonl', '--journal-db', 'postgres://h/db']],
    ['a journal database that is not PostgreSQL', ['--fdm-dir', 'x', '--journal-db', 'mysql://h/db']],
    ['an unknown signature check', ['--fdm-dir', 'x', '--signature-check', 'fast']],
    ['an unreadable certificate', ['--memory', 'a', '--cert', '/nonexistent/cert.pem']],
  ])('exits 2 for %s', async (_name, args) => {
    const r = await gks('verify', ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('gks verify:');
  });
});

describe('gks export', () => {
  it('writes an empty CSV (header only) for an empty FDM', async () => {
    const r = await gks('export', 'events', '--fdm-dir', join(dir, 'fdm'));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n')[0]).toMatch(/^record,fdmId,fdmDateTime,/);
  });

  it('reads the period from an FDM.DER file and refuses a bad one', async () => {
    const der = join(dir, 'FDM.DER');
    await writeFile(der, 'FROM=2025-01-01\nTO=2025-01-31\n');
    expect(
      (await gks('export', 'invoices', '--fdm-dir', join(dir, 'fdm'), '--period', der, '--format', 'json'))
        .code,
    ).toBe(0);
    await writeFile(der, 'SINCE=2025-01-01\n');
    const r = await gks('export', 'invoices', '--fdm-dir', join(dir, 'fdm'), '--period', der);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('FDM.DER line 1');
  });

  it('refuses a bad format and a bad date', async () => {
    expect((await gks('export', 'events', '--fdm-dir', 'x', '--format', 'xml')).code).toBe(2);
    expect((await gks('export', 'events', '--fdm-dir', 'x', '--from', '2025-02-30')).code).toBe(2);
  });
});
