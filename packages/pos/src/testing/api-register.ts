/**
 * Test support (not part of the public API): one register for a describe block (or a file),
 * behind its GraphQL API for the API suites.
 */
import { afterAll, beforeAll } from 'vitest';
import { createPosYoga, type PosYoga } from '../api/pos-yoga.js';
import type { PosDatabaseLocation } from '../db/open-database.js';
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

export interface TestRegister {
  readonly fdm: TestFdm;
  readonly location: PosDatabaseLocation;
  readonly runtime: RegisterRuntime;
}

export interface ApiRegister extends TestRegister {
  readonly yoga: PosYoga;
}

/**
 * A real software FDM, a fresh database of `backend` with the test register and the runtime (its
 * pending events recovered): opened before the block's own beforeAll hooks, closed after its
 * afterAll hooks.
 */
export function testRegister(backend: TestBackend): TestRegister {
  return hooked(backend, (register) => register);
}

/** `testRegister` and its GraphQL API. */
export function apiRegister(backend: TestBackend): ApiRegister {
  return hooked(backend, (register) => ({ ...register, yoga: createPosYoga(register.runtime) }));
}

function hooked<R extends TestRegister>(backend: TestBackend, complete: (register: TestRegister) => R): R {
  let opened: R | undefined;
  let fdm: TestFdm | undefined;
  let runtime: RegisterRuntime | undefined;
  beforeAll(async () => {
    fdm = await startTestFdm();
    const location = await backend.fresh();
    await initTestRegister(location, fdm.fdm.url);
    runtime = await openTestRuntime(location);
    const recovered = await runtime.deps.pipeline.recover();
    if (!recovered.ok) throw new Error(recovered.error.message);
    opened = complete({ fdm, location, runtime });
  });
  afterAll(async () => {
    await runtime?.close();
    await fdm?.stop();
    if (fdm) await removeDir(fdm.dir);
  });
  // Read through on each use: the hooks have not run when the block's body takes the register.
  return new Proxy({} as R, {
    get: (_target, key) => {
      if (!opened) throw new Error('the test register is used before its beforeAll ran');
      return opened[key as keyof R];
    },
  });
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
