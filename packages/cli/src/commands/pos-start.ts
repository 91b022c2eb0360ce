import { join } from 'node:path';
import { localTlsCertificate, posDatabaseLocation, startPosServer } from '@gks/pos';
import { stringOption, type Command } from '../command.js';

export const defaultPosPort = 8302;

export const posStartCommand: Command = {
  name: 'pos start',
  summary: 'run a POS register: resend unanswered events, then serve its GraphQL API',
  help: `Usage: gks pos start --dir DIR [--port ${defaultPosPort}] [--host 127.0.0.1] [--tls]

Opens the register made by 'gks pos init' (DIR/data, or DATABASE_URL), resends byte for byte
every event journaled before the last stop but never answered by the FDM, then serves the API
on /graphql until SIGINT or SIGTERM.

Options:
  --dir DIR     register directory
  --port P      port (default ${defaultPosPort}; 0 picks a free one)
  --host H      address to listen on (default 127.0.0.1)
  --tls         serve https with a local certificate made in DIR/tls (trust DIR/tls/ca/ca-cert.pem)
`,
  options: {
    dir: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    tls: { type: 'boolean' },
  },
  async run(args, io) {
    const dir = stringOption(args, 'dir');
    if (!dir) {
      io.stderr.write(`gks pos start: --dir is required. Run 'gks pos start --help'.\n`);
      return 2;
    }
    const port = Number(stringOption(args, 'port') ?? defaultPosPort);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      io.stderr.write(`gks pos start: --port must be 0..65535.\n`);
      return 2;
    }
    const tls = args.values['tls'] === true ? await localTlsCertificate(join(dir, 'tls')) : undefined;
    const pos = await startPosServer({
      database: posDatabaseLocation(process.env, join(dir, 'data')),
      host: stringOption(args, 'host') ?? '127.0.0.1',
      port,
      ...(tls ? { tls: { certPem: tls.certPem, keyPem: tls.keyPem } } : {}),
    });
    io.stdout.write(`pos ${pos.runtime.settings.posId}\n`);
    io.stdout.write(`graphql ${pos.url}\n`);
    io.stdout.write(
      `recovered ${pos.recovered.resent} unanswered event(s)${pos.recovered.fdmDown ? '; the FDM is not reachable: sales are refused until it is (C-26)' : ''}\n`,
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await pos.stop();
    return 0;
  },
};
