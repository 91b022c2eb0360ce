import { getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import { compileSignDocument, noResolveInfo, type CompiledSign } from './compiled-sign.js';
import type { FdmExchange, FdmServerContext, FdmYoga, PresolvedSign } from './fdm-yoga.js';

export type FastAnswer = { readonly status: number; readonly body: string };

/** Documents remembered after parsing and validation (POS software sends a handful, always the same). */
const documentsKept = 64;
/** Longer queries are not worth keeping: no POS sends them, and they would pin memory. */
const longestKeptQuery = 16 * 1024;

/** What a (query, operationName) was found to be the first time. */
type KnownDocument =
  | { readonly kind: 'compiled'; readonly sign: CompiledSign; readonly document: DocumentNode }
  | { readonly kind: 'valid'; readonly document: DocumentNode }
  | { readonly kind: 'declined' };

/**
 * The common case without the fetch-API machinery: a POST of one JSON object whose query parses
 * and validates. It runs yoga's own enveloped parse, validate and execute (same schema, plugins,
 * limits and error masking), skipping only the Request/Response objects, which cost more than
 * signing itself (measured, see the README). A document that is one sign mutation is compiled
 * once (compiled-sign.ts): its requests skip graphql's generic variable coercion and result
 * completion, and fall back to graphql's execution for anything it is not sure of, refusals
 * included. Anything else (GET, other content types, malformed JSON, batches, invalid
 * documents, no operation to run) returns undefined and goes to yoga, which owns every error
 * answer of GraphQL over HTTP.
 */
export function createFastPath(yoga: FdmYoga) {
  const known = new Map<string, KnownDocument>();

  /** Parses and validates through yoga's plugins (token and depth limits) the first time only. */
  function lookUp(
    query: string,
    operationName: string | undefined,
    initial: FdmServerContext,
  ): KnownDocument {
    const cacheKey = `${operationName ?? ''}\n${query}`;
    const seen = known.get(cacheKey);
    if (seen) return seen;
    const found = study(query, operationName, initial);
    // Only outcomes that depend on the text alone are kept; a schema never changes at run time.
    if (query.length <= longestKeptQuery) {
      if (known.size >= documentsKept) known.delete(known.keys().next().value as string);
      known.set(cacheKey, found);
    }
    return found;
  }

  function study(query: string, operationName: string | undefined, initial: FdmServerContext): KnownDocument {
    const { parse, validate, schema } = yoga.getEnveloped(initial as YogaInitialContext);
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch {
      return { kind: 'declined' };
    }
    if (validate(schema, document).length > 0) return { kind: 'declined' };
    const operation = getOperationAST(document, operationName);
    if (!operation || operation.operation === 'subscription') return { kind: 'declined' };
    const sign = compileSignDocument(schema, document, operationName);
    return sign ? { kind: 'compiled', sign, document } : { kind: 'valid', document };
  }

  /**
   * yoga's enveloped execute: its plugins (error masking, extra errors) and context. A request
   * error (variables that do not coerce: no `data` at all) goes back to yoga, which gives it
   * its HTTP status and strips the internal `http` extension; nothing ran, so nothing repeats.
   */
  async function execute(
    document: DocumentNode,
    variables: Record<string, unknown> | null | undefined,
    operationName: string | undefined,
    initial: FdmServerContext,
  ): Promise<FastAnswer | undefined> {
    const enveloped = yoga.getEnveloped(initial as YogaInitialContext);
    const result = (await enveloped.execute({
      schema: enveloped.schema,
      document,
      variableValues: variables ?? undefined,
      operationName,
      contextValue: await enveloped.contextFactory(),
    })) as ExecutionResult;
    if (!('data' in result) && !initial.presolved) return undefined;
    return { status: 200, body: JSON.stringify(result) };
  }

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
    const vars = variables as Record<string, unknown> | null | undefined;
    const opName = operationName ?? undefined;

    // yoga's initial context normally carries the fetch Request; our resolvers only need these.
    const initial: FdmServerContext = { exchange, acceptLanguage };
    const doc = lookUp(query, opName, initial);
    if (doc.kind === 'declined') return undefined;
    if (doc.kind === 'valid') return execute(doc.document, vars, opName, initial);

    const args = doc.sign.args(vars);
    if (!args) return execute(doc.document, vars, opName, initial);
    let presolved: PresolvedSign;
    try {
      presolved = { ok: true, value: await doc.sign.resolve(undefined, args, initial, noResolveInfo) };
    } catch (error) {
      presolved = { ok: false, error };
    }
    const fast = presolved.ok ? doc.sign.answer(presolved.value) : undefined;
    if (fast !== undefined) return { status: 200, body: fast };
    // A refusal, or a value the compiled completion is unsure of: graphql shapes the answer from
    // the outcome already obtained (the resolver hands it back instead of signing again).
    return execute(doc.document, vars, opName, { ...initial, presolved });
  };
}

type YogaInitialContext = Parameters<FdmYoga['getEnveloped']>[0];

export type FastPath = ReturnType<typeof createFastPath>;
