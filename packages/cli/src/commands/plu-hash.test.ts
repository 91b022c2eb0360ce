import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CommandIo } from '../command.js';
import { main } from '../main.js';
import { pluHashCommand } from './plu-hash.js';

async function run(
  stdinText: string,
  argv: string[] = ['plu-hash'],
): Promise<{ code: number; out: string; err: string }> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  stdin.end(stdinText);
  const io: CommandIo = { stdin, stdout, stderr };
  const code = await main(argv, io, [pluHashCommand]);
  return { code, out, err };
}

const example1 = JSON.stringify([
  { quantity: 3, description: 'Soda LIGHT 33 CL.', priceCents: 660, vat: 'A' },
  { quantity: 2, description: 'Spaghetti Bolognaise (KLEIN)', priceCents: 1000, vat: 'B' },
  { quantity: 0.527, unit: 'kg', description: 'Salad Bar (kg)', priceCents: 853, vat: 'B' },
  { quantity: 1, description: 'Steak Haché', priceCents: 1450, vat: 'B' },
  { quantity: 2, description: 'Koffie verkeerd medium', priceCents: 600, vat: 'A' },
  { quantity: 1, description: 'Dame Blanche', priceCents: 700, vat: 'B' },
  { quantity: -1, description: 'Soda LIGHT 33 CL.', priceCents: -220, vat: 'A' },
  { quantity: 1.25, unit: 'l', description: 'Huiswijn (liter)', priceCents: 1250, vat: 'A' },
]);

describe('gks plu-hash', () => {
  it('C-37: prints the records, the hash and the printed part of example 1', async () => {
    const { code, out, err } = await run(example1);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toBe(
      [
        '0003SODALIGHT33CL       00000660A',
        '0002SPAGHETTIBOLOGNAISEK00001000B',
        '0527SALADBARKG          00000853B',
        '0001STEAKHACHE          00001450B',
        '0002KOFFIEVERKEERDMEDIUM00000600A',
        '0001DAMEBLANCHE         00000700B',
        '0001SODALIGHT33CL       00000220A',
        '1250HUISWIJNLITER       00001250A',
        'sha1 bd532992502a62c40a741ec76423198d88d5a4f3',
        'printed 88d5a4f3',
        '',
      ].join('\n'),
    );
  });

  it('C-37: an empty ticket hashes the empty string', async () => {
    const { code, out } = await run(' [ ]\n');
    expect(code).toBe(0);
    expect(out).toBe('sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709\nprinted afd80709\n');
  });

  it.each(['', 'not json', '[{"quantity": 1,}]', '[1, 2'])(
    'refuses invalid JSON %j with exit 1',
    async (text) => {
      const { code, out, err } = await run(text);
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err).toMatch(/^gks plu-hash: stdin is not valid JSON/);
    },
  );

  it.each([
    ['{"quantity": 1}', /expected a JSON array/],
    [
      '[{"quantity": 1, "unit": "g", "description": "x", "priceCents": 1, "vat": "A"}]',
      /line 0, field "unit"/,
    ],
    ['[{"quantity": 1, "description": "x", "priceCents": 1, "vat": "X"}]', /line 0, field "vat".*A, B, C, D/],
    ['[{"quantity": 1, "description": "x", "priceCents": 1.5, "vat": "A"}]', /line 0, field "priceCents"/],
    [
      '[{"quantity": 1e999, "description": "x", "priceCents": 1, "vat": "A"}]',
      /line 0, field "quantity".*Infinity/,
    ],
    [
      '[{"quantity": 0.5, "description": "x", "priceCents": 1, "vat": "A"}]',
      /line 0, field "quantity".*whole/,
    ],
    ['[{"quantity": 1, "description": "x", "priceCents": 1, "vat": "A"}, 7]', /line 1: expected an object/],
  ])('refuses %s with exit 1 naming the place', async (text, message) => {
    const { code, out, err } = await run(text);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(message);
  });

  it('--help shows usage and an example that really works', async () => {
    const help = await run('', ['plu-hash', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: gks plu-hash/);
    const json = /echo '(.*)' \| gks plu-hash/.exec(help.out)?.[1];
    if (json === undefined) throw new Error('help has no example command');
    const shown = help.out
      .slice(help.out.indexOf('| gks plu-hash\n') + '| gks plu-hash\n'.length)
      .split('\n\n')[0];
    const real = await run(json);
    expect(real.code).toBe(0);
    expect(shown?.split('\n').map((l) => l.trim())).toEqual(real.out.trimEnd().split('\n'));
  });
});
