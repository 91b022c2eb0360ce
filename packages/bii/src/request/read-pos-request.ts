import { checkFdmId, err, ok, type Result } from '@gks/core';
import { Kind, parse, type DocumentNode, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { refusal, type BiiRefusal } from '../errors/bii-errors.js';
import type { EndUser } from '../policy/bridge-policy.js';

/** What the bridge needs of a POS request to route and check it; the body itself goes on as bytes. */
export interface PosRequest {
  readonly fdmId: string;
  readonly endUser: EndUser;
  readonly operation: 'mutation' | 'query';
}

export type HeaderValue = string | readonly string[] | undefined;

/** Queries a POS may send through the bridge: they read, and name no end user in their variables. */
const readOnlyFields: ReadonlySet<string> = new Set(['status', 'device', '__typename']);
const endUserHeaders = { vatNo: 'vatno', estNo: 'estno', posId: 'posid' } as const;
/** The FDM's own bound on a document; a bigger one would be refused there anyway. */
const maxTokens = 10_000;

const unusable = (message: string): BiiRefusal => refusal('INTERNAL_FDM_BII_SERVER_ERROR', message);

/**
 * Reads the routing header and the end user of a POS request. Pure: headers as
 * node:http gives them (names in lower case), the body's bytes. The refusal messages name what is
 * missing or malformed, never a value from the request (A-4: nothing of it may end up in a log).
 *
 * - `fdmId` header: required, one value, a valid fdmId.
 * - body: one JSON object with a `query` holding exactly one operation (no subscription).
 * - a mutation: exactly one root field, whose `data` argument (a variable or a literal object)
 *   holds string `vatNo`, `estNo` and `posId`. One field only, so a second mutation for another
 *   POS cannot ride along on an allowed one.
 * - a query (`status`, `device`): has no `data`, so the end user comes in the headers `vatNo`,
 *   `estNo`, `posId`, checked against the same allow-list.
 */
export function readPosRequest(
  headers: Readonly<Record<string, HeaderValue>>,
  body: Buffer,
): Result<PosRequest, BiiRefusal> {
  const fdmId = single(headers['fdmid']);
  if (fdmId === undefined) return err(unusable('The fdmId header is missing.'));
  if (!checkFdmId(fdmId).ok) return err(unusable('The fdmId header is not a valid fdmId.'));

  let request: unknown;
  try {
    request = JSON.parse(body.toString('utf8'));
  } catch {
    return err(unusable('The body is not JSON.'));
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request))
    return err(unusable('The body is not one GraphQL request (a JSON object).'));
  const { query, variables, operationName } = request as Record<string, unknown>;
  if (typeof query !== 'string') return err(unusable('The body has no query.'));
  if (
    variables !== undefined &&
    variables !== null &&
    (typeof variables !== 'object' || Array.isArray(variables))
  )
    return err(unusable('The variables are not an object.'));
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
    return err(unusable('The operationName is not a string.'));

  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens, noLocation: true });
  } catch {
    return err(unusable('The query is not a valid GraphQL document.'));
  }
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operations.length !== 1 || document.definitions.length !== 1)
    return err(unusable('The document must hold exactly one operation and nothing else.'));
  const operation = operations[0] as OperationDefinitionNode;
  if (typeof operationName === 'string' && operation.name?.value !== operationName)
    return err(unusable('The operationName does not name the operation.'));
  const vars = (variables ?? {}) as Record<string, unknown>;

  if (operation.operation === 'mutation') {
    const fields = operation.selectionSet.selections;
    const field = fields[0];
    if (fields.length !== 1 || field?.kind !== Kind.FIELD)
      return err(unusable('A mutation must call exactly one field.'));
    const data = field.arguments?.find((a) => a.name.value === 'data');
    if (!data) return err(unusable('The mutation has no data argument.'));
    const endUser = endUserOf(data.value, vars);
    if (!endUser) return err(unusable('The data of the mutation lacks vatNo, estNo or posId.'));
    return ok({ fdmId, endUser, operation: 'mutation' });
  }
  if (operation.operation === 'query') {
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD || !readOnlyFields.has(selection.name.value))
        return err(unusable('Only the status and device queries pass the bridge.'));
    }
    const vatNo = single(headers[endUserHeaders.vatNo]);
    const estNo = single(headers[endUserHeaders.estNo]);
    const posId = single(headers[endUserHeaders.posId]);
    if (vatNo === undefined || estNo === undefined || posId === undefined)
      return err(unusable('A query needs the vatNo, estNo and posId headers.'));
    return ok({ fdmId, endUser: { vatNo, estNo, posId }, operation: 'query' });
  }
  return err(unusable('Subscriptions do not pass the bridge.'));
}

function single(value: HeaderValue): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function endUserOf(value: ValueNode, variables: Record<string, unknown>): EndUser | undefined {
  if (value.kind === Kind.VARIABLE) {
    const data = variables[value.name.value];
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
    const { vatNo, estNo, posId } = data as Record<string, unknown>;
    return typeof vatNo === 'string' && typeof estNo === 'string' && typeof posId === 'string'
      ? { vatNo, estNo, posId }
      : undefined;
  }
  if (value.kind !== Kind.OBJECT) return undefined;
  const text = (name: string): string | undefined => {
    const field = value.fields.find((f) => f.name.value === name);
    if (!field) return undefined;
    if (field.value.kind === Kind.STRING) return field.value.value;
    if (field.value.kind === Kind.VARIABLE) {
      const v = variables[field.value.name.value];
      return typeof v === 'string' ? v : undefined;
    }
    return undefined;
  };
  const vatNo = text('vatNo');
  const estNo = text('estNo');
  const posId = text('posId');
  return vatNo !== undefined && estNo !== undefined && posId !== undefined
    ? { vatNo, estNo, posId }
    : undefined;
}
