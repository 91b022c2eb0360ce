import { signMutations, type Language, type SignMutation } from '@gks/core';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { languageOf, messageItem, type FdmEngine } from '../engine/fdm-engine.js';
import { message } from '../engine/messages.js';
import { defaultLimits, depthLimitRule, type RequestLimits } from './limits.js';
import { languageFromHeader, refusalErrors } from './refusal-error.js';
import { fdmSchemaSdl } from './schema.js';

/**
 * What one HTTP exchange learns from executing its GraphQL request. The transport creates it,
 * resolvers fill it in: a sign whose answer must be lost (fault injection), and the further
 * validation findings that go out as extra errors.
 */
export interface FdmExchange {
  dropConnection: boolean;
  extraErrors: GraphQLError[];
}

export interface FdmServerContext {
  exchange?: FdmExchange;
  /** The Accept-Language header, for transports that call GraphQL without a fetch Request. */
  acceptLanguage?: string | null;
  /**
   * The outcome of a sign the fast path already ran (fast-path.ts): graphql then only shapes the
   * answer, and the resolver hands this back instead of signing a second time.
   */
  presolved?: PresolvedSign;
}

export type PresolvedSign =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

interface FdmContext extends FdmServerContext {
  request?: Request;
}

function acceptLanguageOf(context: FdmContext): Language | undefined {
  return languageFromHeader(context.acceptLanguage ?? context.request?.headers.get('accept-language'));
}

export type FdmYoga = ReturnType<typeof createFdmYoga>;

/** The executable FDM 2.0 schema with the engine behind its resolvers. */
export function createFdmSchema(engine: FdmEngine) {
  const signResolvers = Object.fromEntries(
    signMutations.map((mutation) => [
      mutation,
      (_: unknown, args: { data: unknown; isTraining: boolean }, context: FdmContext) => {
        const presolved = context.presolved;
        if (!presolved) return signThrough(engine, mutation, args, context);
        // A document holds one compiled sign field: its outcome is used once.
        context.presolved = undefined;
        if (presolved.ok) return presolved.value;
        throw presolved.error;
      },
    ]),
  );
  return createSchema<FdmContext>({
    typeDefs: fdmSchemaSdl,
    resolvers: {
      Query: {
        status: (_: unknown, args: { language?: Language | null }, context: FdmContext) => {
          const language = args.language ?? acceptLanguageOf(context) ?? 'EN';
          const problem = engine.operationalProblem();
          return {
            device: engine.device(),
            initialized: true,
            informations: null,
            warnings: engine.standingWarnings(language),
            errors: problem
              ? [
                  messageItem(
                    problem.code,
                    message(problem.messageKey, language, problem.params),
                    'MANDATORY',
                  ),
                ]
              : [],
          };
        },
        device: () => engine.device(),
      },
      Mutation: signResolvers,
    },
  });
}

export type FdmSchema = ReturnType<typeof createFdmSchema>;

/** The FDM's GraphQL endpoint at /graphql, for node:http or in-process `yoga.fetch`. */
export function createFdmYoga(
  engine: FdmEngine,
  limits: RequestLimits = defaultLimits,
  schema: FdmSchema = createFdmSchema(engine),
) {
  return createYoga<FdmServerContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    logging: false,
    batching: false,
    // In-process callers (yoga.fetch in tests) pass no exchange: give every request its own.
    context: ({ exchange }) => (exchange ? {} : { exchange: { dropConnection: false, extraErrors: [] } }),
    maskedErrors: {
      // Refusals are GraphQLErrors (possibly wrapped with a path) and go out as they are; anything
      // else is a bug and leaves only INTERNAL_ERROR. By name: graphql may be loaded twice (CJS/ESM).
      maskError: (error, text) => maskFdmError(error, text),
    },
    plugins: [limitsPlugin(limits), extraErrorsPlugin()],
  });
}

/**
 * Refusals are GraphQLErrors (possibly wrapped with a path) and go out as they are; anything
 * else is a bug and leaves only INTERNAL_ERROR. By name: graphql may be loaded twice (CJS/ESM).
 */
export function maskFdmError(error: unknown, text = 'Unexpected error.'): GraphQLError {
  const original = (error as { originalError?: unknown }).originalError;
  if (isGraphQLError(error) && (original === undefined || original === null || isGraphQLError(original))) {
    return error;
  }
  return new GraphQLError(text, {
    extensions: { code: 'INTERNAL_ERROR', category: 'FDM', data: [], showPos: 'MANDATORY' },
  });
}

function isGraphQLError(value: unknown): value is GraphQLError {
  return value instanceof Error && value.name === 'GraphQLError';
}

async function signThrough(
  engine: FdmEngine,
  mutation: SignMutation,
  args: { data: unknown; isTraining: boolean },
  context: FdmContext,
) {
  const result = await engine.sign(mutation, args.data, args.isTraining);
  if (result.ok) {
    if (engine.faults.takeDrop() && context.exchange) context.exchange.dropConnection = true;
    return result.value;
  }
  const language = languageFromData(args.data) ?? acceptLanguageOf(context);
  const [first, ...more] = refusalErrors(result.error, language ?? 'EN');
  context.exchange?.extraErrors.push(...more);
  throw first;
}

function languageFromData(data: unknown): Language | undefined {
  const language = languageOf(data);
  // languageOf falls back to EN; only trust it when the request really said so.
  return typeof data === 'object' && data !== null && (data as { language?: unknown }).language === language
    ? language
    : undefined;
}

function limitsPlugin(limits: RequestLimits): Plugin {
  return {
    onParse({ parseFn, setParseFn }) {
      // Wraps yoga's own parse: a second graphql instance would make its errors unrecognisable.
      setParseFn((source, options) => parseFn(source, { ...options, maxTokens: limits.maxTokens }));
    },
    onValidate({ addValidationRule }) {
      addValidationRule(depthLimitRule(limits.maxDepth));
    },
  };
}

function extraErrorsPlugin(): Plugin<FdmServerContext> {
  return {
    onExecute() {
      return {
        onExecuteDone({ args, result, setResult }) {
          const extra = (args.contextValue as FdmServerContext).exchange?.extraErrors ?? [];
          if (extra.length === 0 || Symbol.asyncIterator in result) return;
          const single = result as ExecutionResult;
          setResult({ ...single, errors: [...(single.errors ?? []), ...extra] });
        },
      };
    },
  };
}
