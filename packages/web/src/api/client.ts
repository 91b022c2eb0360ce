import { err, ok, type Result } from './result.js';

/** A message from the FDM that the POS must show (showPos MANDATORY). */
export interface FdmMessage {
  readonly code: string | null;
  readonly message: string;
}

/** A refusal by the POS server, by code (the server's PosErrorCode), or a network failure. */
export interface ApiError {
  readonly code: string;
  readonly message: string;
  readonly mandatoryMessages: readonly FdmMessage[];
  /** The input field a BAD_INPUT refusal is about, when the server names one. */
  readonly field?: string;
}

export interface Credentials {
  readonly terminalToken: string | null;
  readonly sessionToken: string | null;
}

export const terminalHeader = 'x-terminal-token';
/** The session travels as a bearer token (the POS API's README). */
export const sessionHeader = 'authorization';

interface GraphQlResponse {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

function asMessages(value: unknown): FdmMessage[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((m: unknown) => {
    if (typeof m !== 'object' || m === null) return [];
    const record = m as Record<string, unknown>;
    const text = record['message'] ?? record['text'];
    return typeof text === 'string'
      ? [{ code: typeof record['code'] === 'string' ? record['code'] : null, message: text }]
      : [];
  });
}

/**
 * One GraphQL request to the POS server on the same origin. The server's refusals come back as
 * GraphQL errors with `extensions.code`; they are values here, for the screen to explain.
 */
export async function graphql<T>(
  credentials: Credentials,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Result<T, ApiError>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (credentials.terminalToken) headers[terminalHeader] = credentials.terminalToken;
  if (credentials.sessionToken) headers[sessionHeader] = `Bearer ${credentials.sessionToken}`;
  let response: Response;
  try {
    response = await fetch('graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    return err({ code: 'NETWORK', message: 'the POS server cannot be reached', mandatoryMessages: [] });
  }
  let body: GraphQlResponse;
  try {
    body = (await response.json()) as GraphQlResponse;
  } catch {
    return err({
      code: 'NETWORK',
      message: `the POS server answered ${response.status}`,
      mandatoryMessages: [],
    });
  }
  const first = body.errors?.[0];
  if (first) {
    const extensions = first.extensions ?? {};
    const code = typeof extensions['code'] === 'string' ? extensions['code'] : 'SERVER';
    const field = extensions['field'];
    return err({
      code,
      message: first.message,
      mandatoryMessages: asMessages(extensions['mandatoryMessages']),
      ...(typeof field === 'string' ? { field } : {}),
    });
  }
  if (!body.data) return err({ code: 'SERVER', message: 'empty answer', mandatoryMessages: [] });
  return ok(body.data as T);
}
