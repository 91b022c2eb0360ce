import { ok, type Result } from '@gks/core';
import { setTerminalTraining } from '../master-data/terminals.js';
import { setUserTraining } from '../master-data/users.js';
import { posError, type PosError } from './pos-error.js';
import type { Actor, RegisterDeps } from './register.js';
import { openRegistrationSummaries } from './registration-store.js';

/**
 * Switches training mode for the terminal or for the user (C-8). Refused while a registration
 * of that terminal or user is open: the event type cannot change once a registration started (C-31).
 */
export async function changeTrainingMode(
  deps: RegisterDeps,
  actor: Actor,
  request: { scope: 'TERMINAL' | 'USER'; training: boolean },
): Promise<Result<{ terminal: boolean; user: boolean }, PosError>> {
  if (request.scope !== 'TERMINAL' && request.scope !== 'USER')
    return posError('BAD_INPUT', 'scope is TERMINAL or USER');
  if (typeof request.training !== 'boolean') return posError('BAD_INPUT', 'training is true or false');
  if (request.scope === 'TERMINAL' && actor.user.role === 'waiter')
    return posError('FORBIDDEN_FOR_ROLE', 'a manager switches a terminal to training mode');
  const open = await openRegistrationSummaries(
    deps.db,
    request.scope === 'TERMINAL' ? { terminalId: actor.terminal.terminalId } : { userId: actor.user.userId },
  );
  if (open.length > 0)
    return posError(
      'MODE_CHANGE_DURING_REGISTRATION',
      `${open.length} registration(s) are open: finish them before changing mode (C-31)`,
    );
  const by = { userId: actor.user.userId, terminalId: actor.terminal.terminalId };
  if (request.scope === 'TERMINAL')
    await setTerminalTraining(deps.db, actor.terminal.terminalId, request.training, by, deps.clock);
  else await setUserTraining(deps.db, actor.user.userId, request.training, by, deps.clock);
  return ok({
    terminal: request.scope === 'TERMINAL' ? request.training : actor.terminal.training,
    user: request.scope === 'USER' ? request.training : actor.user.training,
  });
}
