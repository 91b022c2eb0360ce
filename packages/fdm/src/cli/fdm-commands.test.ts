import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FdmCommand } from './command-shape.js';
import { fdmDumpCommand } from './fdm-dump.js';
import { fdmInitCommand } from './fdm-init.js';
import { fdmStartCommand } from './fdm-start.js';
import { fdmStatusCommand } from './fdm-status.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gks-fdm-cli-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

async function run(command: FdmCommand, values: Record<string, string | boolean>) {
  const out = sink();
  const err = sink();
  const code = await command.run({ values, positionals: [] }, { stdout: out.stream, stderr: err.stream });
  return { code, out: out.text(), err: err.text() };
}

const initArgs = (dir: string) => ({
  dir,
  'fdm-id': 'FOD01000001',
  'vat-no': 'BE0000000097',
  'est-no': '2000000042',
  'allow-pos': 'CPOS0031234567,CPOS0031234568',
  'capacity-mb': '4',
});

describe('gks fdm commands', () => {
  it('init creates an FDM, status reports it, dump writes the three report files', async () => {
    const dir = join(root, 'fdm');
    const init = await run(fdmInitCommand, initArgs(dir));
    expect(init.code).toBe(0);
    expect(init.out).toContain('FOD01000001');
    const status = await run(fdmStatusCommand, { dir });
    expect(status.code).toBe(0);
    expect(status.out).toMatch(/fdmId\s+FOD01000001/);
    expect(status.out).toContain('CPOS0031234567, CPOS0031234568');
    expect(status.out).toContain('verified');
    const out = join(root, 'card');
    const dump = await run(fdmDumpCommand, { dir, out });
    expect(dump.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['FDMerror.log', 'FDMmem.log', 'FDMserl.txt']);
  });

  it('init refuses a directory that already holds an FDM', async () => {
    const dir = join(root, 'fdm');
    expect((await run(fdmInitCommand, initArgs(dir))).code).toBe(0);
    const again = await run(fdmInitCommand, initArgs(dir));
    expect(again.code).toBe(1);
    expect(again.err).toContain('already');
  });

  it.each([
    [{ 'vat-no': undefined }, 2],
    [{ 'capacity-mb': 'lots' }, 2],
    [{ 'capacity-mb': '0' }, 2],
    [{ 'capacity-mb': '-5' }, 2],
    [{ 'vat-no': 'BE0000000098' }, 1],
    [{ 'fdm-id': 'XYZ' }, 1],
  ])('init with %j exits %i and creates nothing', async (override, expected) => {
    const dir = join(root, 'fdm');
    const args: Record<string, string | boolean> = {};
    for (const [k, v] of Object.entries({ ...initArgs(dir), ...override })) if (v !== undefined) args[k] = v;
    const r = await run(fdmInitCommand, args);
    expect(r.code).toBe(expected);
    expect(r.err.length).toBeGreaterThan(0);
    if (expected === 2) await expect(readdir(dir)).rejects.toThrow();
  });

  it.each([
    [fdmStatusCommand, {}],
    [fdmDumpCommand, { dir: 'x' }],
    [fdmStartCommand, {}],
    [fdmStartCommand, { dir: 'x', port: '99999' }],
    [fdmStartCommand, { dir: 'x', port: 'http' }],
  ])('%s refuses missing or wrong options with exit 2', async (command, values) => {
    const r = await run(command, values);
    expect(r.code).toBe(2);
    expect(r.err).toContain(command.name);
  });

  it('init --fps takes the registration from the service: other registration options, missing ones and an unreadable CA are refused', async () => {
    const dir = join(root, 'fps-fdm');
    const fps = { dir, 'fdm-id': 'FOD01000001', fps: 'https://127.0.0.1:1' };
    const withVat = await run(fdmInitCommand, {
      ...fps,
      'fps-ca': 'x',
      'activation-code': 'c',
      'vat-no': 'BE0000000097',
    });
    expect(withVat.code).toBe(2);
    expect(withVat.err).toContain('--vat-no');
    const missing = await run(fdmInitCommand, fps);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--fps-ca, --activation-code');
    const codeWithoutFps = await run(fdmInitCommand, { ...initArgs(dir), 'activation-code': 'c' });
    expect(codeWithoutFps.code).toBe(2);
    const noCa = await run(fdmInitCommand, {
      ...fps,
      'fps-ca': join(root, 'none.pem'),
      'activation-code': 'c',
    });
    expect(noCa.code).toBe(1);
    expect(noCa.err).toMatch(/cannot read --fps-ca .*ENOENT/);
    expect(await readdir(root)).toEqual([]);
  });

  it('status and dump of a directory without an FDM exit 1 with the reason', async () => {
    expect((await run(fdmStatusCommand, { dir: join(root, 'none') })).code).toBe(1);
    expect((await run(fdmDumpCommand, { dir: join(root, 'none'), out: join(root, 'o') })).code).toBe(1);
    expect((await run(fdmStartCommand, { dir: join(root, 'none'), port: '0' })).code).toBe(1);
  });

  it('every command has full help with usage, options and exit codes', () => {
    for (const c of [fdmInitCommand, fdmStartCommand, fdmStatusCommand, fdmDumpCommand]) {
      expect(c.help).toMatch(new RegExp(`^Usage: gks ${c.name} `));
      expect(c.help).toContain('Options:');
      expect(c.help).toContain('Exit codes');
      for (const option of Object.keys(c.options)) expect(c.help).toContain(`--${option}`);
    }
  });
});
