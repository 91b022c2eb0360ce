import { join } from 'node:path';
import { defaultFdmPort, startDemoFdm } from '@gks/fdm';

/** A running component of the system, as `gks up` reports it. */
export interface RunningComponent {
  readonly name: string;
  readonly url: string;
  stop(): Promise<void>;
}

export interface SystemOptions {
  readonly dir: string;
  readonly host: string;
  /** Port of the demo FDM; default 8301, 0 picks a free one (tests). */
  readonly fdmPort?: number;
}

/**
 * Starts every component that exists so far, each on its embedded defaults.
 * Components are started in data-flow order (fdm before the POS that signs through it).
 */
export async function startSystem(options: SystemOptions): Promise<{
  components: RunningComponent[];
  stop(): Promise<void>;
}> {
  const components: RunningComponent[] = [];
  const stop = async () => {
    for (const c of [...components].reverse()) await c.stop();
  };

  const fdm = await startDemoFdm({
    dir: join(options.dir, 'fdm'),
    host: options.host,
    port: options.fdmPort ?? defaultFdmPort,
  });
  if (!fdm.ok) {
    await stop();
    throw new Error(`gks up: the demo FDM did not start: ${fdm.error.reason}`);
  }
  components.push({ name: 'fdm', url: fdm.value.url, stop: () => fdm.value.stop() });

  return { components, stop };
}
