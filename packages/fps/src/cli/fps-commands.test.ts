import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pgliteTemplate } from '@gks/db/testing';
import { cpSync } from 'node:fs';
import {
  fpsCommands,
  fpsInitCommand,
  fpsRegisterFdmCommand,
  fpsRegisterOperatorCommand,
  fpsRegisterPosCommand,
} from './fps-commands.js';
import { runCommand as run } from '../testing/run-command.js';

describe('gks fps commands', () => {
  let root = '';
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('each has a usage line in its help', () => {
    for (const command of fpsCommands)
      expect(command.help, command.name).toMatch(new RegExp(`^Usage: gks ${command.name} `));
  });

  it('init, register an operator, a POS and an FDM; refuse bad numbers; the CA key is 0600', async () => {
    root = await mkdtemp(join(tmpdir(), 'gks-fps-cli-'));
    const dir = join(root, 'fps');
    // the database directory from the PGlite template: initdb under WASM takes seconds
    cpSync(await pgliteTemplate(), join(dir, 'db'), { recursive: true });
    const init = await run(fpsInitCommand, { dir });
    expect(init.code).toBe(0);
    expect(init.out).toMatch(/auditor login: auditor \/ \S{20,}/);
    expect((await stat(join(dir, 'ca', 'ca-key.pem'))).mode & 0o777).toBe(0o600);
    expect((await run(fpsInitCommand, { dir })).code).toBe(1);

    expect(
      (
        await run(fpsRegisterOperatorCommand, {
          dir,
          'vat-no': 'BE0000000097',
          name: 'De Test',
          'est-no': '2000000042',
        })
      ).code,
    ).toBe(0);
    const badVat = await run(fpsRegisterOperatorCommand, {
      dir,
      'vat-no': 'BE0000000098',
      name: 'x',
      'est-no': '2000000042',
    });
    expect(badVat.code).toBe(1);
    expect(badVat.err).toMatch(/vatNo/);
    expect(
      (
        await run(fpsRegisterPosCommand, {
          dir,
          'production-no': 'BXXX0010000001',
          producer: 'GKS',
          'delivered-to': 'BE0000000097',
        })
      ).code,
    ).toBe(0);
    expect(
      (
        await run(fpsRegisterPosCommand, {
          dir,
          'production-no': 'BXXX0010000001',
          producer: 'GKS',
          'delivered-to': 'BE0000000196',
        })
      ).err,
    ).toMatch(/not registered|deliveredToVatNo/);
    const fdm = await run(fpsRegisterFdmCommand, {
      dir,
      'fdm-id': 'FPS03000001',
      owner: 'BE0000000097',
      'est-no': '2000000042',
      'pos-id': 'CPOS0031234567',
    });
    expect(fdm.code).toBe(0);
    expect(fdm.out).toMatch(/bridge off\nactivation code: [A-Z0-9]{20} /);
    const biiWithoutReason = await run(fpsRegisterFdmCommand, {
      dir,
      'fdm-id': 'FPS03000001',
      owner: 'BE0000000097',
      'est-no': '2000000042',
      bii: true,
    });
    expect(biiWithoutReason.err).toMatch(/A-5/);
    expect((await run(fpsRegisterFdmCommand, { 'fdm-id': 'FPS03000001' })).code).toBe(2);
  });
});
