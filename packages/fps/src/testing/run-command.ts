/** Test support: runs a `gks fps` command as the CLI would and collects what it writes. */
import { PassThrough } from 'node:stream';
import type { FpsCommand } from '../cli/fps-commands.js';

export async function runCommand(
  command: FpsCommand,
  values: Record<string, string | boolean>,
  positionals: string[] = [],
): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let errText = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (errText += c.toString()));
  const code = await command.run({ values, positionals }, { stdout, stderr });
  return { code, out, err: errText };
}
