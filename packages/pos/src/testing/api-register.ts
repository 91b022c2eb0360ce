/**
 * Test support (not part of the public API): one register behind its GraphQL API for a describe
 * block, as the API suites share it.
 */
import { afterAll, beforeAll } from 'vitest';
import { createPosYoga, type PosYoga } from '../api/pos-yoga.js';
import type { TestBackend } from '../db/test-backends.js';
import type { RegisterRuntime } from '../server/runtime.js';
import type { apiClient } from './api-client.js';
import {
  initTestRegister,
  openTestRuntime,
  removeDir,
  startTestFdm,
  terminalTokens,
  type TestFdm,
} from './register-fixture.js';

export interface ApiRegister {
  readonly fdm: TestFdm;
  readonly runtime: RegisterRuntime;
  readonly yoga: PosYoga;
}

/**
 * A real software FDM, a fresh database of `backend` with the test register, the runtime (its
 * pending events recovered) and its yoga: opened before the block's own beforeAll hooks, closed
 * after its afterAll hooks.
 */
export function apiRegister(backend: TestBackend): ApiRegister {
  let opened: ApiRegister | undefined;
  let fdm: TestFdm | undefined;
  let runtime: RegisterRuntime | undefined;
  beforeAll(async () => {
    fdm = await startTestFdm();
    const location = await backend.fresh();
    await initTestRegister(location, fdm.fdm.url);
    runtime = await openTestRuntime(location);
    const recovered = await runtime.deps.pipeline.recover();
    if (!recovered.ok) throw new Error(recovered.error.message);
    opened = { fdm, runtime, yoga: createPosYoga(runtime) };
  });
  afterAll(async () => {
    await runtime?.close();
    await fdm?.stop();
    if (fdm) await removeDir(fdm.dir);
  });
  const current = (): ApiRegister => {
    if (!opened) throw new Error('the API register is used before its beforeAll ran');
    return opened;
  };
  return {
    get fdm() {
      return current().fdm;
    },
    get runtime() {
      return current().runtime;
    },
    get yoga() {
      return current().yoga;
    },
  };
}

/** Logs a user in through the API on a terminal; answers the session token. */
export async function loginToken(
  api: ReturnType<typeof apiClient>,
  alias: string,
  pin: string,
  terminal: string = terminalTokens.T1,
): Promise<string> {
  const answer = await api.ok(
    'mutation($a: String!, $p: String!) { login(alias: $a, pin: $p) { sessionToken } }',
    { a: alias, p: pin },
    { terminal, session: null },
  );
  return answer['login'].sessionToken as string;
}
