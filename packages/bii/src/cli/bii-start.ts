import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { ensureInspector, defaultInspectorName } from '../console/inspector-credential.js';
import { startBridgeNode, type BridgeNode } from '../server/bridge-node.js';
import { streamLog, teeLog } from '../server/bridge-log.js';
import type { Sql } from '../store/sql.js';
import { startServiceAdmin } from '@gks/fdm';
import { biiAdminCommands, runBiiAdminCommand } from './bii-policy.js';
import {
  portArg,
  stringArg,
  untilSignal,
  type BiiCommand,
  type CommandArgs,
  type CommandIo,
} from './command-shape.js';
import { databaseUrlOf, generatedServerTls, layout, openBridgeDatabase } from './data-dir.js';

export const defaultBiiPort = 8443;
export const defaultUplinkPort = 8444;
export const defaultPeerPort = 8445;

export const biiStartCommand: BiiCommand = {
  name: 'bii start',
  summary: 'run a node of the FDM bridge internet interface (BII, addendum 1)',
  help: `Usage: gks bii start --fdm-ca FILE [--dir .gks/bii] [--host 127.0.0.1] [--port ${defaultBiiPort}]
                     [--uplink-host HOST] [--uplink-port ${defaultUplinkPort}]
                     [--tls-cert FILE --tls-key FILE] [--database-url URL] [--node-id ID]
                     [--node-cert FILE --node-key FILE --node-ca FILE [--peer-port ${defaultPeerPort}]
                      [--advertise-url https://HOST:PORT]] [--inspector-password-file FILE]
                     [--fps-crl-url https://FPS/crl [--fps-ca FILE] [--crl-interval SECONDS]]

Serves POS requests (GraphQL, TLS only) at https://HOST:PORT/graphql, routed on the fdmId header
to the FDM's uplink; FDMs attach at tls://UPLINK-HOST:UPLINK-PORT with their certificate. The
tax administration's read-only console is at https://HOST:PORT/console (and /console.json).
Nothing that passes through is stored or logged (A-4). The bridge is off for every FDM until
'gks bii enable' switches it on (A-5).

Options:
  --fdm-ca FILE        PEM of the CA(s) that issue FDM certificates (required)
  --dir DIR            data directory: db/ (PGlite), logs/bii.log, tls/ (default .gks/bii)
  --host HOST          address for POS requests and the console (default 127.0.0.1)
  --port PORT          its port (default ${defaultBiiPort})
  --uplink-host HOST   address FDMs attach to (default: --host)
  --uplink-port PORT   its port (default ${defaultUplinkPort})
  --tls-cert, --tls-key  the bridge's certificate and key (default: generated in DIR/tls,
                       trust DIR/tls/ca-cert.pem)
  --database-url URL   PostgreSQL shared by all nodes (default: $DATABASE_URL, else PGlite in DIR/db)
  --node-id ID         this node's name (default: the host name)
  --node-cert, --node-key, --node-ca  this node's certificate for the node-to-node hop, and
                       the CA of all nodes: needed when several nodes share one database
  --peer-port PORT     port of the node-to-node hop (default ${defaultPeerPort})
  --advertise-url URL  how other nodes reach this one (default https://HOST:PEER-PORT)
  --inspector-password-file FILE  sets the tax administration's console password (login
                       '${defaultInspectorName}'); without it a password is generated once and printed
  --fps-crl-url URL    the tax administration's CRL of FDM certificates (gks fps: https://FPS/crl),
                       fetched on start and every --crl-interval seconds (default 300): a revoked
                       FDM may not attach, and an attached one is cut at the next fetch
  --fps-ca FILE        CA for the CRL URL's TLS (default: --fdm-ca, which issues the FPS's certificate)

Example:
  gks bii start --fdm-ca .gks/fdm/ca-cert.pem --port 8443 --uplink-port 8444
  gks fdm start --dir .gks/fdm --bridge tls://127.0.0.1:8444 --bridge-ca .gks/bii/tls/ca-cert.pem

Exit codes: 0 stopped by a signal, 1 could not start, 2 bad options.
`,
  options: {
    dir: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    'uplink-host': { type: 'string' },
    'uplink-port': { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'fdm-ca': { type: 'string' },
    'database-url': { type: 'string' },
    'node-id': { type: 'string' },
    'node-cert': { type: 'string' },
    'node-key': { type: 'string' },
    'node-ca': { type: 'string' },
    'peer-port': { type: 'string' },
    'advertise-url': { type: 'string' },
    'inspector-password-file': { type: 'string' },
    'fps-crl-url': { type: 'string' },
    'fps-ca': { type: 'string' },
    'crl-interval': { type: 'string' },
  },
  async run(args, io) {
    const started = await startBridgeFromArgs(args, io, process.env);
    if (typeof started === 'number') return started;
    const signal = await untilSignal();
    io.stdout.write(`gks bii start: ${signal}, stopping\n`);
    await started.stop();
    return 0;
  },
};

export interface StartedBridge {
  readonly node: BridgeNode;
  readonly sql: Sql;
  /** PEM clients trust for the bridge's certificate, when it was generated. */
  readonly generatedCaPem?: string;
  stop(): Promise<void>;
}

/** What `gks bii start` does before it waits for a signal; a number is the exit code of a failure. */
export async function startBridgeFromArgs(
  args: CommandArgs,
  io: CommandIo,
  env: NodeJS.ProcessEnv,
): Promise<StartedBridge | number> {
  const fail = (code: number, message: string) => {
    io.stderr.write(`gks bii start: ${message}\n`);
    return code;
  };
  const dir = stringArg(args, 'dir') ?? '.gks/bii';
  const host = stringArg(args, 'host') ?? '127.0.0.1';
  const port = portArg(args, 'port', defaultBiiPort);
  const uplinkPort = portArg(args, 'uplink-port', defaultUplinkPort);
  const peerPort = portArg(args, 'peer-port', defaultPeerPort);
  for (const value of [port, uplinkPort, peerPort]) if (typeof value === 'string') return fail(2, value);
  const fdmCaFile = stringArg(args, 'fdm-ca');
  if (!fdmCaFile)
    return fail(2, "missing --fdm-ca (the CA that issues FDM certificates). Run 'gks bii start --help'.");
  const tlsCert = stringArg(args, 'tls-cert');
  const tlsKey = stringArg(args, 'tls-key');
  if ((tlsCert === undefined) !== (tlsKey === undefined))
    return fail(2, '--tls-cert and --tls-key go together');
  const nodeFiles = ['node-cert', 'node-key', 'node-ca'].map((name) => stringArg(args, name));
  const clusterWanted = nodeFiles.some((f) => f !== undefined);
  if (clusterWanted && nodeFiles.some((f) => f === undefined))
    return fail(2, '--node-cert, --node-key and --node-ca go together');

  const read = async (file: string, what: string): Promise<string | number> => {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      return fail(2, `cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  };
  const fdmCaPem = await read(fdmCaFile, '--fdm-ca');
  if (typeof fdmCaPem === 'number') return fdmCaPem;
  const crlUrl = stringArg(args, 'fps-crl-url');
  let revocation: { crlUrl: string; caPem: string; intervalMs: number } | undefined;
  if (crlUrl !== undefined) {
    if (!/^https:\/\/./.test(crlUrl)) return fail(2, `--fps-crl-url must be an https URL, got '${crlUrl}'`);
    const intervalText = stringArg(args, 'crl-interval') ?? '300';
    if (!/^[1-9][0-9]{0,5}$/.test(intervalText))
      return fail(2, `--crl-interval must be 1..999999 seconds, got '${intervalText}'`);
    const fpsCaFile = stringArg(args, 'fps-ca');
    const caPem = fpsCaFile === undefined ? fdmCaPem : await read(fpsCaFile, '--fps-ca');
    if (typeof caPem === 'number') return caPem;
    revocation = { crlUrl, caPem, intervalMs: Number(intervalText) * 1000 };
  } else if (stringArg(args, 'fps-ca') !== undefined || stringArg(args, 'crl-interval') !== undefined)
    return fail(2, '--fps-ca and --crl-interval go with --fps-crl-url');

  let tls: { certPem: string; keyPem: string };
  let generatedCaPem: string | undefined;
  if (tlsCert && tlsKey) {
    const certPem = await read(tlsCert, '--tls-cert');
    const keyPem = await read(tlsKey, '--tls-key');
    if (typeof certPem === 'number') return certPem;
    if (typeof keyPem === 'number') return keyPem;
    tls = { certPem, keyPem };
  } else {
    const generated = await generatedServerTls(dir, [...new Set([host, 'localhost', '127.0.0.1'])]);
    tls = generated;
    generatedCaPem = generated.caPem;
  }
  let cluster: { certPem: string; keyPem: string; caPem: string } | undefined;
  if (clusterWanted) {
    const [certPem, keyPem, caPem] = await Promise.all(
      nodeFiles.map((file, i) =>
        read(file as string, ['--node-cert', '--node-key', '--node-ca'][i] as string),
      ),
    );
    if (typeof certPem !== 'string' || typeof keyPem !== 'string' || typeof caPem !== 'string') return 2;
    cluster = { certPem, keyPem, caPem };
  }
  let inspectorPassword: string | undefined;
  const passwordFile = stringArg(args, 'inspector-password-file');
  if (passwordFile) {
    const text = await read(passwordFile, '--inspector-password-file');
    if (typeof text === 'number') return text;
    inspectorPassword = text.trim();
    if (inspectorPassword.length < 12)
      return fail(2, 'the inspector password must have at least 12 characters');
  }

  await mkdir(layout(dir).logs, { recursive: true });
  let sql: Sql;
  try {
    sql = await openBridgeDatabase(dir, databaseUrlOf(stringArg(args, 'database-url'), env));
  } catch (error) {
    return fail(1, `cannot open the database: ${(error as Error).message}`);
  }
  const logFile = createWriteStream(layout(dir).log, { flags: 'a' });
  const log = teeLog(streamLog(io.stdout), streamLog(logFile));
  const closeLog = () => new Promise<void>((resolve) => logFile.end(() => resolve()));
  try {
    const fresh = await ensureInspector(sql, new Date(), inspectorPassword);
    const nodeId = stringArg(args, 'node-id') ?? hostname();
    const advertiseUrl = stringArg(args, 'advertise-url');
    const node = await startBridgeNode({
      nodeId,
      sql,
      host,
      port: port as number,
      uplinkHost: stringArg(args, 'uplink-host') ?? host,
      uplinkPort: uplinkPort as number,
      tls,
      fdmCaPem,
      log,
      ...(revocation ? { revocation } : {}),
      ...(cluster
        ? {
            cluster: {
              tls: cluster,
              peerPort: peerPort as number,
              ...(advertiseUrl ? { advertiseUrl } : {}),
            },
          }
        : {}),
    });
    // gks bii enable/disable/status run here while this node holds the database (PGlite: one process).
    const admin = await startServiceAdmin({
      dir,
      commands: biiAdminCommands.map((c) => c.name),
      run: (name, commandArgs, commandIo) => runBiiAdminCommand(sql, name, commandArgs, commandIo),
    });
    io.stdout.write(
      `node ${nodeId}\ngraphql ${node.url}\nuplink ${node.uplinkUrl}\nconsole ${node.consoleUrl}\nadmin ${admin.url} (token in ${dir}/admin.json)\n`,
    );
    if (node.peerUrl) io.stdout.write(`peer ${node.peerUrl}\n`);
    if (generatedCaPem) io.stdout.write(`tls generated: clients trust ${layout(dir).tls}/ca-cert.pem\n`);
    if (fresh) io.stdout.write(`inspector login '${defaultInspectorName}', password ${fresh} (shown once)\n`);
    return {
      node,
      sql,
      ...(generatedCaPem ? { generatedCaPem } : {}),
      async stop() {
        await admin.stop();
        await node.stop();
        await sql.close();
        await closeLog();
      },
    };
  } catch (error) {
    await sql.close();
    await closeLog();
    const code = (error as NodeJS.ErrnoException).code;
    return fail(1, code ? `cannot listen: ${code}` : (error as Error).message);
  }
}
