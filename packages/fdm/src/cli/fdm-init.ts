import { readFile } from 'node:fs/promises';
import { DEFAULT_CAPACITY_BYTES, DEFAULT_VERIFICATION_BASE_URL, initFdmState } from '../state/fdm-state.js';
import { initFdmFromFps } from '../upload/fps-init.js';
import { err } from '@gks/core';
import { stringArg, type CommandArgs, type FdmCommand } from './command-shape.js';

export const fdmInitCommand: FdmCommand = {
  name: 'fdm init',
  summary: 'create a software FDM: key, certificate (local test CA), registration, POS allow-list, memory',
  help: `Usage: gks fdm init --dir DIR --fdm-id ID --vat-no BE.. --est-no N --allow-pos POS[,POS...]
                    [--capacity-mb MB] [--verification-url URL]
       gks fdm init --dir DIR --fdm-id ID --fps URL --fps-ca FILE --activation-code CODE
                    [--capacity-mb MB]

Creates the state directory of a software FDM: an ECDSA P-256 signing key with a certificate
from a local test CA (created in DIR/ca), a TLS certificate for 127.0.0.1 and localhost, the
registration (VAT and establishment number), the VAT rates, the POS allow-list, an empty event
memory and empty error and dump logs. Refuses a directory that already holds an FDM: a memory
is never overwritten.

With --fps the FDM is initialised against the tax administration's service instead: the
registration, allow-list and verification base URL (the service's /verify) come from the
service, the certificates from the service's CA (the activation code is used up), and the
server then uploads every signed event to the service.

Options:
  --dir DIR                 state directory to create (required)
  --fdm-id ID               FDM id, 3 letters + 8 digits, e.g. FOD01000001 (required)
  --vat-no BE..             VAT number the FDM is registered to, e.g. BE0000000097 (required)
  --est-no N                establishment unit number, e.g. 2000000042 (required)
  --allow-pos LIST          comma-separated posIds allowed to sign, e.g. CPOS0031234567 (required)
  --capacity-mb MB          memory capacity behind bufferCapacityUsed (default ${DEFAULT_CAPACITY_BYTES / 1024 ** 2})
  --verification-url URL    base of the verificationUrl printed as QR code
                            (default ${DEFAULT_VERIFICATION_BASE_URL})
  --fps URL                 the tax administration's service, e.g. https://127.0.0.1:8443
  --fps-ca FILE             the service's CA certificate (gks fps init prints its path)
  --activation-code CODE    the one-time code gks fps register-fdm printed

Example:
  gks fdm init --dir .gks/fdm --fdm-id FOD01000001 --vat-no BE0000000097 \\
               --est-no 2000000042 --allow-pos CPOS0031234567

  gks fdm init --dir .gks/fdm --fdm-id FOD01000001 --fps https://127.0.0.1:8443 \\
               --fps-ca .gks/fps/ca/ca-cert.pem --activation-code CODE

Exit codes: 0 created, 1 refused (reason on stderr), 2 wrong arguments.
`,
  options: {
    dir: { type: 'string' },
    'fdm-id': { type: 'string' },
    'vat-no': { type: 'string' },
    'est-no': { type: 'string' },
    'allow-pos': { type: 'string' },
    'capacity-mb': { type: 'string' },
    'verification-url': { type: 'string' },
    fps: { type: 'string' },
    'fps-ca': { type: 'string' },
    'activation-code': { type: 'string' },
  },
  async run(args, io) {
    const fps = stringArg(args, 'fps') !== undefined;
    const required = fps
      ? ['dir', 'fdm-id', 'fps', 'fps-ca', 'activation-code']
      : ['dir', 'fdm-id', 'vat-no', 'est-no', 'allow-pos'];
    const conflicting = fps
      ? ['vat-no', 'est-no', 'allow-pos', 'verification-url'].filter((n) => stringArg(args, n) !== undefined)
      : ['fps-ca', 'activation-code'].filter((n) => stringArg(args, n) !== undefined);
    if (conflicting.length > 0) {
      io.stderr.write(
        `gks fdm init: ${conflicting.map((m) => `--${m}`).join(', ')} ${fps ? 'come from the service with --fps' : 'only go with --fps'}. Run 'gks fdm init --help'.\n`,
      );
      return 2;
    }
    const missing = required.filter((n) => stringArg(args, n) === undefined);
    if (missing.length > 0) {
      io.stderr.write(
        `gks fdm init: missing ${missing.map((m) => `--${m}`).join(', ')}. Run 'gks fdm init --help'.\n`,
      );
      return 2;
    }
    let capacityBytes: number | undefined;
    const capacityText = stringArg(args, 'capacity-mb');
    if (capacityText !== undefined) {
      const mb = Number(capacityText);
      if (!/^\d+(\.\d+)?$/.test(capacityText) || !(mb > 0) || mb > 1024 * 1024) {
        io.stderr.write(
          `gks fdm init: --capacity-mb must be a positive number of MiB, got '${capacityText}'.\n`,
        );
        return 2;
      }
      capacityBytes = Math.round(mb * 1024 * 1024);
    }
    const dir = stringArg(args, 'dir') as string;
    const result = fps
      ? await initFromFps(dir, args, capacityBytes)
      : await initLocal(dir, args, capacityBytes);
    if (!result.ok) {
      io.stderr.write(`gks fdm init: ${result.error.reason}\n`);
      return 1;
    }
    const c = result.value.config;
    io.stdout.write(
      `created FDM ${c.fdmId} (production number ${c.productionNo}) in ${dir}\n` +
        `registered to ${c.vatNo} / ${c.estNo}; allowed POS: ${c.allowedPosIds.join(', ')}\n` +
        (c.fpsUrl ? `uploads to ${c.fpsUrl}; tickets verified at ${c.verificationBaseUrl}\n` : '') +
        `capacity ${(c.capacityBytes / 1024 ** 2).toFixed(0)} MiB; start it with: gks fdm start --dir ${dir}\n`,
    );
    return 0;
  },
};

async function initFromFps(dir: string, args: CommandArgs, capacityBytes: number | undefined) {
  const caFile = stringArg(args, 'fps-ca') as string;
  let fpsCaPem: string;
  try {
    fpsCaPem = await readFile(caFile, 'utf8');
  } catch (error) {
    return err({
      reason: `cannot read --fps-ca ${caFile}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    });
  }
  return initFdmFromFps(dir, {
    fpsUrl: stringArg(args, 'fps') as string,
    fpsCaPem,
    fdmId: stringArg(args, 'fdm-id') as string,
    activationCode: stringArg(args, 'activation-code') as string,
    ...(capacityBytes === undefined ? {} : { capacityBytes }),
    now: new Date(),
  });
}

async function initLocal(dir: string, args: CommandArgs, capacityBytes: number | undefined) {
  const verificationBaseUrl = stringArg(args, 'verification-url');
  const allowed = (stringArg(args, 'allow-pos') as string)
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return initFdmState(dir, {
    fdmId: stringArg(args, 'fdm-id') as string,
    vatNo: stringArg(args, 'vat-no') as string,
    estNo: stringArg(args, 'est-no') as string,
    allowedPosIds: allowed,
    ...(capacityBytes === undefined ? {} : { capacityBytes }),
    ...(verificationBaseUrl === undefined ? {} : { verificationBaseUrl }),
    now: new Date(),
  });
}
