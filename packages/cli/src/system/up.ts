/** A running component of the system, as `gks up` reports it. */
export interface RunningComponent {
  readonly name: string;
  readonly url: string;
  stop(): Promise<void>;
}

export interface SystemOptions {
  readonly dir: string;
  readonly host: string;
}

/**
 * Starts every component that exists so far, each on its embedded defaults.
 * Components are started in data-flow order (fdm before the POS that signs through it).
 */
export async function startSystem(_options: SystemOptions): Promise<{
  components: RunningComponent[];
  stop(): Promise<void>;
}> {
  const components: RunningComponent[] = [];
  return {
    components,
    async stop() {
      for (const c of [...components].reverse()) await c.stop();
    },
  };
}
