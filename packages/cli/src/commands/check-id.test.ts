import { PassThrough } from 'node:stream';
import { idCheckers, type IdKind } from '@gks/core';
import { describe, expect, it } from 'vitest';
import type { CommandIo } from '../command.js';
import { main } from '../main.js';
import { checkIdCommand, idExamples } from './check-id.js';

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
  const code = await main(['check-id', ...argv], io);
  return { code, out: io.out(), err: io.err() };
}

describe('gks check-id', () => {
  it('is registered', () => {
    expect(checkIdCommand.name).toBe('check-id');
  });

  it.each(Object.entries(idExamples))(
    'prints valid and exits 0 for the %s example %s',
    async (kind, value) => {
      expect(await run(kind, value)).toEqual({ code: 0, out: 'valid\n', err: '' });
    },
  );

  it.each<[string, string, RegExp]>([
    ['vat-no', 'BE0308357158', /^invalid: check digits 58 are wrong: 97 - \(03083571 mod 97\) = 59\n$/],
    ['vat-no', ' BE0308357159', /^invalid: has leading or trailing whitespace/],
    ['vat-no', '', /^invalid: is empty\n$/],
    ['est-no', '1000000042', /^invalid: the first digit must be 2\.\.8/],
    ['pos-id', 'cPOS0031234567', /^invalid: character 1 .*case/],
    ['employee-id', '80.11.30-789.68', /^invalid: character 3 is a separator/],
    ['pos-date-time', '2026-07-29T13:00:00Z', /^invalid: 'Z' \(UTC\) is refused/],
    ['pos-date-time', '2026-03-29T02:30:00+01:00', /^invalid: local time 2026-03-29 02:30 does not exist/],
    ['fdm-date-time', '2026-07-29T13:00:00+02:00', /^invalid: the zone '\+02:00' is refused/],
    ['booking-date', '2025-02-29', /^invalid: day 29 does not exist in February 2025/],
  ])('prints the reason and exits 1 for %s %j', async (kind, value, reason) => {
    const r = await run(kind, value);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(reason);
    expect(r.err).toBe('');
  });

  it('takes a value that starts with - after --', async () => {
    const r = await run('booking-date', '--', '-2026-07-29');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^invalid: /);
  });

  it.each([['vat'], ['VAT-NO'], ['toString'], ['__proto__']])(
    'exits 2 for the unknown kind %s and lists the kinds',
    async (kind) => {
      const r = await run(kind, 'BE0308357159');
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain(`unknown kind '${kind}'`);
      for (const k of Object.keys(idCheckers)) expect(r.err).toContain(k);
    },
  );

  it.each([[[]], [['vat-no']], [['vat-no', 'BE0308357159', 'extra']]])(
    'exits 2 on wrong argument count %j',
    async (argv) => {
      const r = await run(...argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/expected <kind> <value>/);
    },
  );

  it('--help lists every kind with an example that passes its own check', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: gks check-id <kind> <value>/);
    for (const [kind, check] of Object.entries(idCheckers)) {
      const example = idExamples[kind as IdKind];
      expect(r.out).toMatch(new RegExp(`\\n  ${kind} +${example.replace(/[.+]/g, '\\$&')}\\n`));
      expect(check(example).ok).toBe(true);
    }
  });
});
