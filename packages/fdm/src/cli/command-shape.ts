import type { ParseArgsConfig } from 'node:util';

/**
 * The shape of a `gks` command (packages/cli's Command), restated here because @gks/cli depends
 * on this package and not the other way round. TypeScript checks the match where cli registers them.
 * The other server packages (bii, fps) reuse this shape and these helpers instead of restating them.
 */
export interface FdmCommand {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  readonly allowPositionals?: boolean;
  run(
    args: {
      readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>;
      readonly positionals: string[];
    },
    io: { readonly stdout: NodeJS.WritableStream; readonly stderr: NodeJS.WritableStream },
  ): Promise<number>;
}

export type CommandArgs = Parameters<FdmCommand['run']>[0];
export type CommandIo = Parameters<FdmCommand['run']>[1];

export function stringArg(args: CommandArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A port number 0..65535 from an option, or an error text. */
export function portArg(args: CommandArgs, name: string, fallback: number): number | string {
  const text = stringArg(args, name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d{1,5}$/.test(text) || n > 65535) return `--${name} must be a port number 0..65535, got '${text}'`;
  return n;
}

/** Resolves on the first SIGINT or SIGTERM. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const done = (signal: NodeJS.Signals) => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve(signal);
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}
