/** Who calls the API and what a refusal looks like: shared by every resolver module. */
import { eurosToCents, type Result } from '@gks/core';
import { GraphQLError } from 'graphql';
import type { Terminal } from '../master-data/terminals.js';
import type { PosError } from '../register/pos-error.js';
import type { Actor } from '../register/register.js';
import type { RegisterRuntime } from '../server/runtime.js';

export interface PosContext {
  readonly runtime: RegisterRuntime;
  readonly terminalToken: string | null;
  readonly sessionToken: string | null;
}

/** A refusal as the API answers it: a GraphQL error with the register's code. */
export function refusal(error: PosError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: {
      code: error.code,
      ...(error.field ? { field: error.field } : {}),
      ...(error.details ? { details: error.details } : {}),
      ...(error.mandatoryMessages
        ? { mandatoryMessages: error.mandatoryMessages.map((m) => m.message) }
        : {}),
    },
  });
}

export function unwrap<T>(result: Result<T, PosError>): T {
  if (!result.ok) throw refusal(result.error);
  return result.value;
}

export const bad = (message: string, field?: string): GraphQLError =>
  refusal({ code: 'BAD_INPUT', message, ...(field ? { field } : {}) });

export function cents(euros: number, field: string): number {
  const converted = eurosToCents(euros);
  if (!converted.ok) throw bad(`${field}: ${converted.error.message}`);
  return converted.value;
}

export async function terminalOf(context: PosContext): Promise<Terminal> {
  return unwrap(await context.runtime.sessions.terminal(context.terminalToken));
}

export async function actorOf(context: PosContext): Promise<Actor> {
  const terminal = await terminalOf(context);
  const user = unwrap(await context.runtime.sessions.user(terminal, context.sessionToken));
  return { terminal, user };
}

export async function managerOf(context: PosContext): Promise<Actor> {
  const actor = await actorOf(context);
  if (actor.user.role === 'waiter')
    throw refusal({ code: 'FORBIDDEN_FOR_ROLE', message: 'this needs a manager or the technician' });
  return actor;
}

export const by = (actor: Actor) => ({ userId: actor.user.userId, terminalId: actor.terminal.terminalId });

export type Args = Record<string, unknown>;
// GraphQL has checked the argument types against the schema before a resolver runs.
export const arg = <T>(args: Args, name: string): T => args[name] as T;
