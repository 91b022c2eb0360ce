/**
 * Test support (not part of the public API): GraphQL calls to the POS API in process
 * (`yoga.fetch`), as a terminal and, when given, a logged-in user.
 */
import type { PosYoga } from '../api/pos-yoga.js';

export interface Answer {
  data?: Record<string, any> | null; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary GraphQL shapes
  errors?: {
    message: string;
    extensions?: { code?: string; field?: string; details?: Record<string, string> };
  }[];
}

export interface Caller {
  readonly terminal?: string | null;
  readonly session?: string | null;
}

export function apiClient(yoga: () => PosYoga, defaults: () => Caller) {
  const gql = async (
    query: string,
    variables: Record<string, unknown> = {},
    caller: Caller = {},
  ): Promise<Answer> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const terminal = caller.terminal === undefined ? defaults().terminal : caller.terminal;
    const session = caller.session === undefined ? defaults().session : caller.session;
    if (terminal) headers['x-terminal-token'] = terminal;
    if (session) headers['authorization'] = `Bearer ${session}`;
    const response = await yoga().fetch('http://pos.test/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Answer;
  };
  return {
    gql,
    /** The data of a request that must succeed. */
    async ok(query: string, variables: Record<string, unknown> = {}, caller: Caller = {}) {
      const answer = await gql(query, variables, caller);
      if (answer.errors) throw new Error(`${query}: ${JSON.stringify(answer.errors)}`);
      return answer.data ?? {};
    },
    /** The code and field of a request that must be refused. */
    async refused(query: string, variables: Record<string, unknown> = {}, caller: Caller = {}) {
      const answer = await gql(query, variables, caller);
      const error = answer.errors?.[0];
      if (!error) throw new Error(`expected a refusal of ${query}, got ${JSON.stringify(answer.data)}`);
      return {
        code: error.extensions?.code ?? 'NO_CODE',
        field: error.extensions?.field ?? null,
        message: error.message,
      };
    },
  };
}
