import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CommandIo } from '../command.js';
import { main } from '../main.js';

function captureIo(): CommandIo & { out(): string; err(): string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { stdin: new PassThrough(), stdout, stderr, out: () => out, err: () => err };
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('gks pos', () => {
  it('each command has --help', async () => {
    for (const command of [
      ['pos', 'init'],
      ['pos', 'start'],
      ['pos', 'journal', 'export'],
    ]) {
      const help = await run(...command, '--help');
      expect(help.code).toBe(0);
      expect(help.out).toContain(`Usage: gks ${command.join(' ')}`);
    }
  });

  it('refuses bad usage with exit code 2 and touches nothing', async () => {
    expect((await run('pos', 'init', '--fdm-url', 'http://127.0.0.1:8301')).code).toBe(2);
    expect((await run('pos', 'init', '--dir', '/nonexistent/x')).code).toBe(2);
    const dir = await mkdtemp(join(tmpdir(), 'gks-pos-cli-'));
    try {
      const partial = await run(
        'pos',
        'init',
        '--dir',
        dir,
        '--fdm-url',
        'http://127.0.0.1:8301',
        '--name',
        'X',
      );
      expect(partial.code).toBe(2);
      expect(partial.err).toContain('--address');
      expect((await run('pos', 'start')).code).toBe(2);
      expect((await run('pos', 'journal', 'export', '--dir', dir)).code).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it(
    'init --demo prints terminal tokens and PINs once, refuses a second init, and the journal exports as JSON lines',
    { timeout: 120_000 },
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'gks-pos-cli-'));
      try {
        const init = await run('pos', 'init', '--dir', dir, '--fdm-url', 'http://127.0.0.1:8301', '--demo');
        expect(init.code).toBe(0);
        expect(init.out).toMatch(/^terminal T1 token \S{16,}$/m);
        expect(init.out).toContain('user Ann (waiter) PIN 1234');
        const again = await run('pos', 'init', '--dir', dir, '--fdm-url', 'http://127.0.0.1:8301', '--demo');
        expect(again.code).toBe(1);
        expect(again.err).toContain('initialised already');

        const out = join(dir, 'journal.jsonl');
        const exported = await run('pos', 'journal', 'export', '--dir', dir, '--out', out);
        expect(exported.code).toBe(0);
        const lines = (await readFile(out, 'utf8'))
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as { seq: number; kind: string });
        expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i + 1));
        expect(lines.map((l) => l.kind)).toContain('master_data_change');
        expect(lines.map((l) => l.kind)).toContain('configuration_change');
        // the users' INSZ numbers stay in the users table (C-29)
        expect(await readFile(out, 'utf8')).not.toContain('85010112387');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
