import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FdmConfig, FdmState } from '../state/fdm-state.js';
import { replaceFileAtomically } from '../state/replace-file.js';
import { fpsRequest, liveIdentity } from '../upload/fps-transport.js';
import {
  ParameterRefresher,
  type ParameterRefresherOptions,
  type RefreshedParameters,
} from './parameter-refresher.js';

/** Writes fdm.json so that a crash leaves either the old or the new file. */
export async function writeConfigAtomically(dir: string, config: FdmConfig): Promise<void> {
  await replaceFileAtomically(dir, 'fdm.json', `${JSON.stringify(config, null, 2)}\n`);
}

/**
 * The parameter refresher of an FDM initialised against the tax administration's service
 * (`fpsUrl` in fdm.json), over mutual TLS with the FDM's certificate; undefined otherwise.
 * `apply` reaches the engine, which may be made after the refresher.
 */
export async function parameterRefresherForState(
  state: FdmState,
  apply: (parameters: RefreshedParameters) => void,
  tuning: Pick<ParameterRefresherOptions, 'timer' | 'failuresBeforeWarning' | 'warn'> = {},
): Promise<ParameterRefresher | undefined> {
  const fpsUrl = state.config.fpsUrl;
  if (fpsUrl === undefined) return undefined;
  const identity = liveIdentity(state, await readFile(join(state.dir, 'fdm-key.pem'), 'utf8'));
  return new ParameterRefresher({
    ...tuning,
    fetch: () => fpsRequest(fpsUrl, identity, 'GET', 'fdm/parameters'),
    current: () => state.config,
    apply,
    async persist(parameters) {
      const next: FdmConfig = {
        ...state.config,
        ...(parameters.allowedPosIds ? { allowedPosIds: [...parameters.allowedPosIds] } : {}),
        ...(parameters.vatRates ? { vatRates: parameters.vatRates.map((r) => ({ ...r })) } : {}),
        ...(parameters.vatRateChanges
          ? {
              vatRateChanges: parameters.vatRateChanges.map((t) => ({
                from: t.from,
                rates: t.rates.map((r) => ({ ...r })),
              })),
            }
          : {}),
      };
      await writeConfigAtomically(state.dir, next);
      state.config = next;
    },
  });
}
