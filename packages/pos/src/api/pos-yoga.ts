import { GraphQLError } from 'graphql';
import { createSchema, createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { RegisterRuntime } from '../server/runtime.js';
import { resolvers, type PosContext } from './resolvers.js';
import { restaurantResolvers } from './restaurant-resolvers.js';
import { posSchemaSdl } from './schema.js';

export type PosYoga = YogaServerInstance<object, PosContext>;

export const terminalTokenHeader = 'x-terminal-token';

/** The POS API as a fetch handler: served by node:http in production, called with `fetch` in tests. */
export function createPosYoga(runtime: RegisterRuntime): PosYoga {
  return createYoga<object, PosContext>({
    schema: createSchema<PosContext>({ typeDefs: posSchemaSdl, resolvers: [resolvers, restaurantResolvers] }),
    graphqlEndpoint: '/graphql',
    maskedErrors: { maskError: maskPosError },
    landingPage: false,
    graphiql: false,
    batching: false,
    // Refusals are answers, not incidents; bugs are masked and counted by the caller's logs.
    logging: false,
    context: ({ request }) => {
      const authorization = request.headers.get('authorization');
      return {
        runtime,
        terminalToken: request.headers.get(terminalTokenHeader),
        sessionToken: authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : null,
      };
    },
  });
}

/**
 * Refusals (GraphQLErrors with a code, possibly wrapped with a path) go out as they are; anything
 * else is a bug and leaves only INTERNAL_ERROR. By name: graphql may be loaded twice (CJS/ESM).
 */
export function maskPosError(error: unknown, text = 'Unexpected error.'): GraphQLError {
  const original = (error as { originalError?: unknown }).originalError;
  if (isGraphQLError(error) && (original === undefined || original === null || isGraphQLError(original)))
    return error;
  if (process.env['GKS_POS_DEBUG']) console.error(error);
  return new GraphQLError(text, { extensions: { code: 'INTERNAL_ERROR' } });
}

function isGraphQLError(value: unknown): value is GraphQLError {
  return value instanceof Error && value.name === 'GraphQLError';
}
