import type { CommandArgs, CommandIo, FdmCommand } from '@gks/fdm';
import { DataDirInUseError } from '@gks/db';
import { createFpsApp } from '../http/fps-app.js';
import { startFpsServer } from '../http/fps-server.js';
import {
  issueActivationCode,
  registerFdm,
  registerOperator,
  registerPos,
} from '../registry/registrations.js';
import { initFps, openFps, type OpenedFps } from '../service/fps-service.js';

/** The shape of a `gks` command, shared with the other server packages (see @gks/fdm). */
export type FpsCommand = FdmCommand;
type Args = CommandArgs;
type Io = CommandIo;

const string = (args: Args, name: string): string | undefined => {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
};
const list = (args: Args, name: string): string[] =>
  (string(args, name) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

const defaultFpsPort = 8443;
const by = (): string => `cli:${process.env['USER'] ?? 'unknown'}`;

async function withFps(
  command: string,
  args: Args,
  io: Io,
  work: (fps: OpenedFps) => Promise<number>,
): Promise<number> {
  const dir = string(args, 'dir');
  if (!dir) {
    io.stderr.write(`gks ${command}: missing --dir. Run 'gks ${command} --help'.\n`);
    return 2;
  }
  let opened;
  try {
    opened = await openFps(dir);
  } catch (error) {
    if (error instanceof DataDirInUseError) {
      io.stderr.write(`gks ${command}: ${error.message}; stop 'gks fps start' first, or use DATABASE_URL\n`);
      return 1;
    }
    throw error;
  }
  if (!opened.ok) {
    io.stderr.write(`gks ${command}: ${opened.error.reason}\n`);
    return 1;
  }
  try {
    return await work(opened.value);
  } finally {
    await opened.value.close();
  }
}

const problemText = (p: { field?: string; reason: string }): string =>
  p.field ? `${p.field}: ${p.reason}` : p.reason;

export const fpsInitCommand: FpsCommand = {
  name: 'fps init',
  summary: "create the tax administration's service data directory (CA, TLS, auditor login, database)",
  help: `Usage: gks fps init --dir DIR [--public-url URL] [--hostname NAME,...]

Creates DIR: the certificate authority (key mode 0600 in DIR/ca, never in the repository), the
service's TLS certificate for localhost, 127.0.0.1 and the given names, the auditor's login
(the password is printed once; only its hash is kept) and the database (embedded PGlite in
DIR/db, or the PostgreSQL server of DATABASE_URL). Refuses a directory that already holds one.

Options:
  --dir DIR          data directory (required)
  --public-url URL   where FDMs and ticket QR codes reach the service (default https://localhost:${defaultFpsPort})
  --hostname NAMES   extra DNS names on the TLS certificate, comma-separated

Exit codes: 0 created, 1 refused, 2 usage.
`,
  options: { dir: { type: 'string' }, 'public-url': { type: 'string' }, hostname: { type: 'string' } },
  async run(args, io) {
    const dir = string(args, 'dir');
    if (!dir) {
      io.stderr.write("gks fps init: missing --dir. Run 'gks fps init --help'.\n");
      return 2;
    }
    const publicBaseUrl = string(args, 'public-url');
    const created = await initFps(dir, {
      ...(publicBaseUrl ? { publicBaseUrl } : {}),
      hostnames: list(args, 'hostname'),
    });
    if (!created.ok) {
      io.stderr.write(`gks fps init: ${created.error.reason}\n`);
      return 1;
    }
    io.stdout.write(
      `FPS created in ${dir}\nCA certificate: ${created.value.caCertificatePath}\n` +
        `auditor login: ${created.value.auditorUser} / ${created.value.auditorPassword}  (shown once)\n`,
    );
    return 0;
  },
};

export const fpsStartCommand: FpsCommand = {
  name: 'fps start',
  summary: "serve the tax administration's service over HTTPS until stopped",
  help: `Usage: gks fps start --dir DIR [--port ${defaultFpsPort}] [--host 127.0.0.1]

Serves, over HTTPS with DIR's certificate:
  /verify/<fdmId>/<totalCounter>/<shortSignature>   ticket verification (HTML; JSON with Accept: application/json), public, rate-limited per IP
  /fdm/activation/parameters, /fdm/activate, /fdm/server-certificate   FDM initialisation with a one-time code
  /fdm/parameters, /fdm/events                      for FDMs, mutual TLS with the FDM certificate
  /audit/events, /audit/bridge                      auditor login (HTTP Basic), read-only
Prints its address and the CA certificate path, then runs until SIGINT or SIGTERM.

Options:
  --dir DIR     data directory made by 'gks fps init' (required)
  --port PORT   port (default ${defaultFpsPort}; 0 picks a free one)
  --host HOST   address to listen on (default 127.0.0.1)

Exit codes: 0 stopped by a signal, 1 could not start, 2 usage.
`,
  options: { dir: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } },
  async run(args, io) {
    const portText = string(args, 'port') ?? String(defaultFpsPort);
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
      io.stderr.write(`gks fps start: --port must be 0..65535, got '${portText}'\n`);
      return 2;
    }
    return withFps('fps start', args, io, async (fps) => {
      const clock = { now: () => new Date() };
      const app = createFpsApp({
        db: fps.database.db,
        ca: fps.ca,
        clock,
        auditor: fps.auditor,
        publicBaseUrl: fps.config.publicBaseUrl,
      });
      const server = await startFpsServer({
        app,
        host: string(args, 'host') ?? '127.0.0.1',
        port: Number(portText),
        tls: fps.tls,
      });
      io.stdout.write(
        `FPS listening on ${server.url}\nverification: ${fps.config.publicBaseUrl.replace(/\/+$/, '')}/verify/<fdmId>/<totalCounter>/<shortSignature>\n` +
          `CA certificate: ${fps.ca.certificatePath}\n`,
      );
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await server.close();
      return 0;
    });
  },
};

export const fpsRegisterOperatorCommand: FpsCommand = {
  name: 'fps register-operator',
  summary: 'register an operator (VAT number, name, establishment numbers) or a change of it',
  help: `Usage: gks fps register-operator --dir DIR --vat-no BE0123456789 --name NAME --est-no 2000000042[,...]

Appends a registration; an earlier one stays in the history. Numbers are checked (check digits).
`,
  options: {
    dir: { type: 'string' },
    'vat-no': { type: 'string' },
    name: { type: 'string' },
    'est-no': { type: 'string' },
  },
  run: (args, io) =>
    withFps('fps register-operator', args, io, async (fps) => {
      const r = await registerOperator(
        fps.database.db,
        { vatNo: string(args, 'vat-no'), name: string(args, 'name'), estNos: list(args, 'est-no'), by: by() },
        { now: () => new Date() },
      );
      if (!r.ok) {
        io.stderr.write(`gks fps register-operator: ${problemText(r.error)}\n`);
        return 1;
      }
      io.stdout.write(`operator ${r.value.vatNo} registered with ${r.value.estNos.join(', ')}\n`);
      return 0;
    }),
};

export const fpsRegisterPosCommand: FpsCommand = {
  name: 'fps register-pos',
  summary: 'register a POS production number, its producer and to whom it was delivered (C-13/14)',
  help: `Usage: gks fps register-pos --dir DIR --production-no BXXXCCCPPPPPPP --producer NAME
                        [--pos-id CXXX...] [--delivered-to BE0123456789]

Appends a registration (a later delivery is a new row). --delivered-to must be a registered operator.
`,
  options: {
    dir: { type: 'string' },
    'production-no': { type: 'string' },
    producer: { type: 'string' },
    'pos-id': { type: 'string' },
    'delivered-to': { type: 'string' },
  },
  run: (args, io) =>
    withFps('fps register-pos', args, io, async (fps) => {
      const r = await registerPos(
        fps.database.db,
        {
          productionNo: string(args, 'production-no'),
          producer: string(args, 'producer'),
          posId: string(args, 'pos-id'),
          deliveredToVatNo: string(args, 'delivered-to'),
          by: by(),
        },
        { now: () => new Date() },
      );
      if (!r.ok) {
        io.stderr.write(`gks fps register-pos: ${problemText(r.error)}\n`);
        return 1;
      }
      io.stdout.write(
        `POS ${r.value.productionNo} registered${r.value.deliveredToVatNo ? `, delivered to ${r.value.deliveredToVatNo}` : ''}\n`,
      );
      return 0;
    }),
};

export const fpsRegisterFdmCommand: FpsCommand = {
  name: 'fps register-fdm',
  summary:
    'register an FDM, its owner, allowed POS and bridge use (C-58, A-5); prints a one-time activation code',
  help: `Usage: gks fps register-fdm --dir DIR --fdm-id ABC01000001 --owner BE0123456789 --est-no 2000000042
                        [--pos-id CPOS0031234567,...] [--bii --bii-reason TEXT]

Appends a registration and prints a one-time activation code (valid 72 hours) for initialising
the FDM against this service. The bridge (BII) stays off unless --bii is given with the
operator's reason (A-5: only at the operator's request, for a fully cloud-based POS).
`,
  options: {
    dir: { type: 'string' },
    'fdm-id': { type: 'string' },
    owner: { type: 'string' },
    'est-no': { type: 'string' },
    'pos-id': { type: 'string' },
    bii: { type: 'boolean' },
    'bii-reason': { type: 'string' },
  },
  run: (args, io) =>
    withFps('fps register-fdm', args, io, async (fps) => {
      const clock = { now: () => new Date() };
      const r = await registerFdm(
        fps.database.db,
        {
          fdmId: string(args, 'fdm-id'),
          ownerVatNo: string(args, 'owner'),
          estNo: string(args, 'est-no'),
          allowedPosIds: list(args, 'pos-id'),
          biiEnabled: args.values['bii'] === true,
          biiReason: string(args, 'bii-reason'),
          by: by(),
        },
        clock,
      );
      if (!r.ok) {
        io.stderr.write(`gks fps register-fdm: ${problemText(r.error)}\n`);
        return 1;
      }
      const code = await issueActivationCode(fps.database.db, r.value.fdmId, clock);
      if (!code.ok) {
        io.stderr.write(`gks fps register-fdm: ${problemText(code.error)}\n`);
        return 1;
      }
      io.stdout.write(
        `FDM ${r.value.fdmId} registered to ${r.value.ownerVatNo} / ${r.value.estNo}, bridge ${r.value.biiEnabled ? 'on' : 'off'}\n` +
          `activation code: ${code.value.code} (once, until ${code.value.expiresAt.toISOString()})\n`,
      );
      return 0;
    }),
};

export const fpsCommands: readonly FpsCommand[] = [
  fpsInitCommand,
  fpsStartCommand,
  fpsRegisterOperatorCommand,
  fpsRegisterPosCommand,
  fpsRegisterFdmCommand,
];
