import { getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import type { FdmExchange, FdmYoga } from './fdm-yoga.js';

export type FastAnswer = { readonly status: number; readonly body: string };

/**
 * The common case without the fetch-API machinery: a POST of one JSON object whose query parses
 * and validates. It runs yoga's own enveloped parse, validate and execute (same schema, plugins,
 * limits, caches and error masking), skipping only the Request/Response objects, which cost more
 * than signing itself (measured, see the README). Anything else (GET, other content types,
 * malformed JSON, batches, invalid documents, no operation to run) returns undefined and goes to
 * yoga, which owns every error answer of GraphQL over HTTP.
 */
export function createFastPath(yoga: FdmYoga) {
  return async function answer(
    body: string,
    contentType: string | undefined,
    accept: string | undefined,
    acceptLanguage: string | undefined,
    exchange: FdmExchange,
  ): Promise<FastAnswer | undefined> {
    if (!contentType?.startsWith('application/json')) return undefined;
    if (accept !== undefined && !/application\/json|\*\/\*/.test(accept)) return undefined;
    let request: unknown;
    try {
      request = JSON.parse(body);
    } catch {
      return undefined;
    }
    if (typeof request !== 'object' || request === null || Array.isArray(request)) return undefined;
    const { query, variables, operationName, ...rest } = request as Record<string, unknown>;
    if (typeof query !== 'string' || Object.keys(rest).some((k) => k !== 'extensions')) return undefined;
    if (
      variables !== undefined &&
      variables !== null &&
      (typeof variables !== 'object' || Array.isArray(variables))
    ) {
      return undefined;
    }
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
      return undefined;

    // yoga's initial context normally carries the fetch Request; our resolvers only need these two.
    const initial = { exchange, acceptLanguage } as unknown as Parameters<FdmYoga['getEnveloped']>[0];
    const { parse, validate, execute, schema, contextFactory } = yoga.getEnveloped(initial);
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch {
      return undefined;
    }
    if (validate(schema, document).length > 0) return undefined;
    const operation = getOperationAST(document, operationName ?? undefined);
    if (!operation || operation.operation === 'subscription') return undefined;
    const result = (await execute({
      schema,
      document,
      variableValues: variables ?? undefined,
      operationName: operationName ?? undefined,
      contextValue: await contextFactory(),
    })) as ExecutionResult;
    return { status: 200, body: JSON.stringify(result) };
  };
}

export type FastPath = ReturnType<typeof createFastPath>;
