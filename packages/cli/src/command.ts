import type { ParseArgsConfig } from 'node:util';

/** What a command may touch: its streams. Commands never call process.exit. */
export interface CommandIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  readonly positionals: string[];
}

/** One `gks` subcommand, e.g. `fdm init`. */
export interface Command {
  /** Words after `gks`, space-separated: `plu-hash`, `fdm init`. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Full help shown by `gks <name> --help`: usage line, options, examples. */
  readonly help: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  readonly allowPositionals?: boolean;
  /** Resolves to the process exit code. */
  run(args: ParsedArgs, io: CommandIo): Promise<number>;
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** A string option's value, or undefined when absent. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}
