import { readFile } from 'node:fs/promises';
import { startFdmServer } from '../server/fdm-server.js';
import { portArg, stringArg, untilSignal, type FdmCommand } from './command-shape.js';

export const defaultFdmPort = 8301;

export const fdmStartCommand: FdmCommand = {
  name: 'fdm start',
  summary: 'serve a software FDM (FDM 2.0 GraphQL) until stopped',
  help: `Usage: gks fdm start --dir DIR [--port ${defaultFdmPort}] [--host 127.0.0.1] [--tls]
                     [--admin-port 0] [--admin-token TOKEN] [--no-admin]
                     [--bridge tls://HOST:PORT [--bridge-ca FILE] [--bridge-server-name NAME]]

Serves the FDM of DIR (made by 'gks fdm init') at http://HOST:PORT/graphql, or https with the
certificate in DIR/tls when --tls is given. Verifies the whole event memory first: a torn last
record that was never acknowledged is discarded; any other damage makes the FDM answer every
sign request with FDM_NOT_OPERATIONAL naming the record. Prints the fdmId and the address,
then runs until SIGINT (Ctrl-C) or SIGTERM.

Fault injection for POS tests (off until switched on) listens on 127.0.0.1 only, at the
printed admin address, with the printed bearer token. See the package README.

Options:
  --dir DIR            state directory (required)
  --port PORT          port (default ${defaultFdmPort}; 0 picks a free one)
  --host HOST          address to listen on (default 127.0.0.1)
  --tls                serve https with DIR/tls/server-cert.pem
  --admin-port PORT    port of the fault admin endpoint (default 0: a free one)
  --admin-token TOKEN  bearer token of the admin endpoint (default: random, printed)
  --no-admin           no fault admin endpoint at all
  --bridge URL         also keep an uplink to a bridge (BII) at tls://HOST:PORT, authenticated
                       with DIR/fdm-cert.pem, so a cloud POS can reach this FDM (A-8)
  --bridge-ca FILE     PEM of the CA that issued the bridge's certificate (default: system roots)
  --bridge-server-name NAME  name on the bridge's certificate, when not the URL's host

Example:
  gks fdm start --dir .gks/fdm --port 8301

Exit codes: 0 stopped by a signal, 1 could not start.
`,
  options: {
    dir: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    tls: { type: 'boolean' },
    'admin-port': { type: 'string' },
    'admin-token': { type: 'string' },
    'no-admin': { type: 'boolean' },
    bridge: { type: 'string' },
    'bridge-ca': { type: 'string' },
    'bridge-server-name': { type: 'string' },
  },
  async run(args, io) {
    const dir = stringArg(args, 'dir');
    if (dir === undefined) {
      io.stderr.write("gks fdm start: missing --dir. Run 'gks fdm start --help'.\n");
      return 2;
    }
    const port = portArg(args, 'port', defaultFdmPort);
    const adminPort = portArg(args, 'admin-port', 0);
    if (typeof port === 'string' || typeof adminPort === 'string') {
      io.stderr.write(`gks fdm start: ${typeof port === 'string' ? port : adminPort}\n`);
      return 2;
    }
    const adminToken = stringArg(args, 'admin-token');
    const bridgeUrl = stringArg(args, 'bridge');
    const bridgeCa = stringArg(args, 'bridge-ca');
    const bridgeServerName = stringArg(args, 'bridge-server-name');
    let bridgeCaPem: string | undefined;
    if (bridgeCa !== undefined) {
      try {
        bridgeCaPem = await readFile(bridgeCa, 'utf8');
      } catch (error) {
        io.stderr.write(`gks fdm start: cannot read --bridge-ca: ${(error as Error).message}\n`);
        return 2;
      }
    }
    const started = await startFdmServer({
      dir,
      host: stringArg(args, 'host') ?? '127.0.0.1',
      port,
      tls: args.values['tls'] === true,
      admin:
        args.values['no-admin'] === true
          ? false
          : { port: adminPort, ...(adminToken ? { token: adminToken } : {}) },
      ...(bridgeUrl
        ? {
            bridge: {
              bridgeUrl,
              ...(bridgeCaPem !== undefined ? { caPem: bridgeCaPem } : {}),
              ...(bridgeServerName ? { serverName: bridgeServerName } : {}),
              onEvent: (event) => io.stdout.write(`bridge ${JSON.stringify(event)}\n`),
            },
          }
        : {}),
    });
    if (!started.ok) {
      io.stderr.write(`gks fdm start: ${started.error.reason}\n`);
      return 1;
    }
    const fdm = started.value;
    const report = fdm.memoryReport;
    io.stdout.write(`fdmId ${fdm.fdmId}\n`);
    io.stdout.write(`graphql ${fdm.url}\n`);
    if (fdm.adminUrl)
      io.stdout.write(`faults ${fdm.adminUrl} (Authorization: Bearer ${fdm.adminToken ?? ''})\n`);
    io.stdout.write(
      `memory ${report.records} events` +
        (report.discardedTornBytes > 0
          ? `, discarded a torn last write of ${report.discardedTornBytes} bytes`
          : '') +
        (report.damage
          ? `, DAMAGED at record ${report.damage.recordIndex} (${report.damage.reason}): signing refused`
          : ', chain verified') +
        '\n',
    );
    if (bridgeUrl) io.stdout.write(`bridge uplink ${bridgeUrl}\n`);
    const signal = await untilSignal();
    io.stdout.write(`gks fdm start: ${signal}, stopping\n`);
    await fdm.stop();
    return 0;
  },
};
