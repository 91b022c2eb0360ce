import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Command, CommandIo } from './command.js';
import { commands } from './commands/index.js';
import { findCommand, main } from './main.js';

function captureIo(): CommandIo & { out(): string; err(): string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { stdin: new PassThrough(), stdout, stderr, out: () => out, err: () => err };
}

const fake = (name: string): Command => ({
  name,
  summary: `summary of ${name}`,
  help: `help of ${name}`,
  options: { flag: { type: 'string' } },
  run: async (args, io) => {
    io.stdout.write(`ran ${name} flag=${String(args.values.flag)}`);
    return 0;
  },
});

describe('gks command routing', () => {
  const list = [fake('fdm'), fake('fdm init'), fake('plu-hash')];

  it('picks the longest matching command name', () => {
    expect(findCommand(['fdm', 'init', '--flag', 'x'], list)?.command.name).toBe('fdm init');
    expect(findCommand(['fdm', '--flag', 'x'], list)?.command.name).toBe('fdm');
    expect(findCommand(['nope'], list)).toBeUndefined();
  });

  it('runs a command with its parsed options', async () => {
    const io = captureIo();
    expect(await main(['fdm', 'init', '--flag', 'v'], io, list)).toBe(0);
    expect(io.out()).toBe('ran fdm init flag=v');
  });

  it('refuses unknown commands and unknown options with exit code 2', async () => {
    const io = captureIo();
    expect(await main(['bogus'], io, list)).toBe(2);
    expect(io.err()).toContain("unknown command 'bogus'");
    const io2 = captureIo();
    expect(await main(['plu-hash', '--nope'], io2, list)).toBe(2);
    expect(io2.err()).toContain('--nope');
  });

  it('every real command answers --help with a usage line', async () => {
    for (const command of commands) {
      const io = captureIo();
      expect(await main([...command.name.split(' '), '--help'], io)).toBe(0);
      expect(io.out()).toMatch(/Usage: gks /);
    }
  });
});
