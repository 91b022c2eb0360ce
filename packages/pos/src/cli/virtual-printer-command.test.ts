import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { posVirtualPrinterCommand } from './virtual-printer-command.js';

async function run(values: Record<string, string>): Promise<{ code: number; err: string }> {
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await posVirtualPrinterCommand.run(
    { values, positionals: [] },
    { stdout: new PassThrough(), stderr },
  );
  return { code, err };
}

describe('gks pos virtual-printer', () => {
  it('refuses bad usage with exit code 2 before listening', async () => {
    expect(await run({})).toMatchObject({ code: 2, err: expect.stringContaining('--out is required') });
    for (const port of ['-1', '65536', 'abc', '9100x'])
      expect(await run({ out: '/tmp/never-written', port })).toMatchObject({
        code: 2,
        err: expect.stringContaining('--port'),
      });
    expect(posVirtualPrinterCommand.help).toContain('Usage: gks pos virtual-printer --out DIR');
  });
});
