import { parseArgs } from 'node:util';
import type { Command, CommandIo } from './command.js';
import { commands } from './commands/index.js';

const processIo: CommandIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

export function overview(list: readonly Command[]): string {
  const width = Math.max(...list.map((c) => c.name.length));
  const lines = list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'gks: the open Belgian registered cash system (GKS), one command for every role.',
    '',
    'Usage: gks <command> [options]     gks <command> --help',
    '',
    'Commands:',
    ...lines,
    '',
  ].join('\n');
}

/** The command whose name matches the longest prefix of argv. */
export function findCommand(
  argv: readonly string[],
  list: readonly Command[],
): { command: Command; rest: string[] } | undefined {
  let best: { command: Command; rest: string[] } | undefined;
  for (const command of list) {
    const words = command.name.split(' ');
    if (
      words.every((w, i) => argv[i] === w) &&
      (!best || words.length > best.command.name.split(' ').length)
    ) {
      best = { command, rest: argv.slice(words.length) };
    }
  }
  return best;
}

export async function main(
  argv: readonly string[],
  io: CommandIo = processIo,
  list: readonly Command[] = commands,
): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout.write(overview(list));
    return 0;
  }
  const found = findCommand(argv, list);
  if (!found) {
    // A group name alone (`gks fdm`) lists that group's commands.
    const group = list.filter((c) => c.name.startsWith(`${argv[0]} `));
    if (group.length > 0 && argv.length === 1) {
      io.stdout.write(overview(group));
      return 0;
    }
    io.stderr.write(`gks: unknown command '${argv.join(' ')}'. Run 'gks --help' for the list.\n`);
    return 2;
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: command.options,
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
  } catch (error) {
    io.stderr.write(`gks ${command.name}: ${(error as Error).message}\nRun 'gks ${command.name} --help'.\n`);
    return 2;
  }
  return command.run(parsed, io);
}
