import { stringOption, type Command } from '../command.js';
import { startSystem } from '../system/up.js';

export const upCommand: Command = {
  name: 'up',
  summary: 'start the whole system on embedded defaults (demo restaurant) and print the addresses',
  help: `Usage: gks up [--dir DIR] [--host 127.0.0.1]

Starts every component of the system with demo settings and embedded storage, prints where
each one listens, and runs until interrupted (Ctrl-C).

Options:
  --dir DIR     state directory (default: .gks/demo in the current directory)
  --host HOST   address to listen on (default: 127.0.0.1)
`,
  options: { dir: { type: 'string' }, host: { type: 'string' } },
  async run(args, io) {
    const dir = stringOption(args, 'dir') ?? '.gks/demo';
    const host = stringOption(args, 'host') ?? '127.0.0.1';
    const system = await startSystem({ dir, host });
    for (const c of system.components) {
      io.stdout.write(`${c.name.padEnd(12)} ${c.url}\n`);
      for (const line of c.details ?? []) io.stdout.write(`${''.padEnd(12)} ${line}\n`);
    }
    io.stdout.write('gks up: running; press Ctrl-C to stop.\n');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await system.stop();
    return 0;
  },
};
