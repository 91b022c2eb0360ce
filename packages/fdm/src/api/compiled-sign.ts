import {
  getOperationAST,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLEnumType,
  type GraphQLFieldResolver,
  type GraphQLInputObjectType,
  type GraphQLLeafType,
  type GraphQLList,
  type GraphQLNonNull,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type GraphQLType,
  type SelectionSetNode,
  type TypeNode,
  type ValueNode,
} from 'graphql';
import { signMutations } from '@gks/core';

/**
 * A validated document that calls one sign mutation, prepared once so that repeated requests
 * skip graphql's generic variable coercion and result completion, which cost about as much as
 * the signature itself. Both halves only ever say yes for inputs on which graphql would give the
 * very same value; for anything else they return undefined and graphql's own execution decides
 * (its errors and messages stay the reference).
 */
export interface CompiledSign {
  /** The mutation's resolver, as the schema holds it. */
  readonly resolve: GraphQLFieldResolver<unknown, unknown>;
  /** The resolver's arguments from the request's variables; undefined: let graphql coerce. */
  args(variables: Readonly<Record<string, unknown>> | null | undefined): SignArgs | undefined;
  /** The response body for the resolver's value; undefined: let graphql complete it. */
  answer(value: unknown): string | undefined;
}

export interface SignArgs {
  readonly data: unknown;
  readonly isTraining: boolean;
}

const signFieldNames: ReadonlySet<string> = new Set(signMutations);

/**
 * Compiles `document` (already parsed and validated against `schema`) when it is the common
 * shape: one mutation selecting one sign field with `data` from a variable and `isTraining`
 * from a variable or a literal, no directives, no fragments, no repeated response keys.
 * Undefined for every other document: those run through graphql as before.
 */
export function compileSignDocument(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
): CompiledSign | undefined {
  const operation = getOperationAST(document, operationName);
  const mutationType = schema.getMutationType();
  if (!operation || operation.operation !== 'mutation' || !mutationType) return undefined;
  if (document.definitions.some((d) => d.kind === Kind.FRAGMENT_DEFINITION)) return undefined;
  if (operation.directives?.length) return undefined;
  const [field, ...others] = operation.selectionSet.selections;
  if (!field || others.length > 0 || field.kind !== Kind.FIELD || field.directives?.length) return undefined;
  if (!signFieldNames.has(field.name.value)) return undefined;
  const fieldDef = mutationType.getFields()[field.name.value];
  if (!fieldDef?.resolve || !field.selectionSet) return undefined;

  const variableTypes = new Map<string, string>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue || definition.directives?.length) return undefined;
    variableTypes.set(definition.variable.name.value, typeNodeText(definition.type));
  }
  const argNodes = new Map((field.arguments ?? []).map((a) => [a.name.value, a.value] as const));
  const dataDef = fieldDef.args.find((a) => a.name === 'data');
  if (!dataDef || fieldDef.args.length !== 2 || argNodes.size !== 2) return undefined;
  const data = variableArgument(argNodes.get('data'), String(dataDef.type), variableTypes);
  const training = trainingArgument(argNodes.get('isTraining'), variableTypes);
  if (data === undefined || training === undefined) return undefined;

  const project = compileSelection(fieldDef.type, field.selectionSet, schema);
  if (!project) return undefined;
  const responseKey = field.alias?.value ?? field.name.value;
  const coerceData = compileCoercer(dataDef.type);
  return {
    resolve: fieldDef.resolve,
    args(variables) {
      if (variables === null || variables === undefined) return undefined;
      const isTraining = typeof training === 'boolean' ? training : variables[training.variable];
      if (typeof isTraining !== 'boolean') return undefined;
      const raw = variables[data.variable];
      const coerced = coerceData(raw);
      return coerced === NOT_SURE ? undefined : { data: coerced, isTraining };
    },
    answer(value) {
      const projected = project(value);
      return projected === NOT_SURE ? undefined : JSON.stringify({ data: { [responseKey]: projected } });
    },
  };
}

/** The stand-in for the resolver's info argument: our sign resolvers do not read it. */
export const noResolveInfo = undefined as unknown as GraphQLResolveInfo;

/** Marks "graphql would answer otherwise (an error), let it". */
const NOT_SURE: unique symbol = Symbol('not sure');
type Maybe<T> = T | typeof NOT_SURE;

function variableArgument(
  node: ValueNode | undefined,
  argType: string,
  variableTypes: ReadonlyMap<string, string>,
): { variable: string } | undefined {
  if (node?.kind !== Kind.VARIABLE) return undefined;
  const variable = node.name.value;
  // Exactly the argument's type: no nullable variable, no default to apply.
  return variableTypes.get(variable) === argType ? { variable } : undefined;
}

function trainingArgument(
  node: ValueNode | undefined,
  variableTypes: ReadonlyMap<string, string>,
): { variable: string } | boolean | undefined {
  if (node?.kind === Kind.BOOLEAN) return node.value;
  return variableArgument(node, 'Boolean!', variableTypes);
}

/**
 * graphql-js's coerceInputValue (v16), compiled per type, for values that coerce without error,
 * giving the same value: input objects rebuilt in field order with defaults filled in, lists
 * item by item (a single value as a list of one), leaves through the type's own parseValue. Any
 * value graphql would reject gives NOT_SURE instead of an error.
 */
type Coercer = (value: unknown) => Maybe<unknown>;

function compileCoercer(type: GraphQLType, known = new Map<GraphQLType, Coercer>()): Coercer {
  const seen = known.get(type);
  if (seen) return seen;
  // Input objects may refer to themselves: the table entry is in place before the fields compile.
  let compiled: Coercer = () => NOT_SURE;
  const coercer: Coercer = (value) => compiled(value);
  known.set(type, coercer);
  compiled = coercerOf(type, known);
  return coercer;
}

function coercerOf(type: GraphQLType, known: Map<GraphQLType, Coercer>): Coercer {
  if (isNonNullType(type)) {
    const inner = compileCoercer(type.ofType, known);
    return (value) => (value === null || value === undefined ? NOT_SURE : inner(value));
  }
  const coerce = nullableCoercerOf(type, known);
  // JSON has no undefined: only a list item could be, and graphql would make it null; leave it to graphql.
  return (value) => (value === null ? null : value === undefined ? NOT_SURE : coerce(value));
}

function nullableCoercerOf(type: GraphQLType, known: Map<GraphQLType, Coercer>): Coercer {
  if (isListType(type)) {
    const item = compileCoercer(type.ofType, known);
    return (value) => {
      if (!Array.isArray(value)) {
        // graphql coerces any other iterable item by item; from JSON only strings are, and a
        // string is a single value. An object is a single value too, but leave that to graphql.
        if (typeof value === 'object') return NOT_SURE;
        const single = item(value);
        return single === NOT_SURE ? NOT_SURE : [single];
      }
      const items = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) {
        const coerced = item(value[i] as unknown);
        if (coerced === NOT_SURE) return NOT_SURE;
        items[i] = coerced;
      }
      return items;
    };
  }
  if (isInputObjectType(type)) {
    if (type.isOneOf) return () => NOT_SURE;
    const fieldMap = type.getFields();
    const fields = Object.values(fieldMap).map((field) => ({
      name: field.name,
      coerce: compileCoercer(field.type, known),
      defaultValue: field.defaultValue as unknown,
      required: isNonNullType(field.type),
    }));
    return (value) => {
      if (typeof value !== 'object' || Array.isArray(value)) return NOT_SURE;
      const input = value as Record<string, unknown>;
      for (const key in input) if (!Object.hasOwn(fieldMap, key)) return NOT_SURE;
      const coerced: Record<string, unknown> = {};
      for (const field of fields) {
        const fieldValue = input[field.name];
        if (fieldValue === undefined) {
          if (field.defaultValue !== undefined) coerced[field.name] = field.defaultValue;
          else if (field.required) return NOT_SURE;
          continue;
        }
        const inner = field.coerce(fieldValue);
        if (inner === NOT_SURE) return NOT_SURE;
        coerced[field.name] = inner;
      }
      return coerced;
    };
  }
  if (isLeafType(type)) {
    const leaf = type;
    return (value) => parseLeaf(leaf, value);
  }
  return () => NOT_SURE;
}

function parseLeaf(type: GraphQLLeafType, value: unknown): Maybe<unknown> {
  try {
    const parsed: unknown = type.parseValue(value);
    return parsed === undefined ? NOT_SURE : parsed;
  } catch {
    return NOT_SURE;
  }
}

type Projector = (value: unknown) => Maybe<unknown>;

/**
 * graphql-js's completeValue for our result types, built once per document: fields read as
 * the default resolver reads them, leaves through the type's serialize, lists item by item.
 * A null where the schema says non-null, a function, a serialize error or any type with its
 * own resolver is NOT_SURE (compiling refuses the last upfront).
 */
function compileSelection(
  type: GraphQLType,
  selectionSet: SelectionSetNode | undefined,
  schema: GraphQLSchema,
): Projector | undefined {
  if (isNonNullType(type)) {
    const inner = compileSelection(type.ofType, selectionSet, schema);
    if (!inner) return undefined;
    return (value) => (value === null || value === undefined ? NOT_SURE : inner(value));
  }
  if (isListType(type)) {
    const item = compileSelection(type.ofType, selectionSet, schema);
    if (!item) return undefined;
    return (value) => {
      if (value === null || value === undefined) return null;
      if (!Array.isArray(value)) return NOT_SURE;
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) {
        const v = item(value[i] as unknown);
        if (v === NOT_SURE) return NOT_SURE;
        out[i] = v;
      }
      return out;
    };
  }
  if (isLeafType(type)) {
    if (selectionSet) return undefined;
    // An enum serializes through its value map; scalars through their serialize.
    const leaf = type;
    return (value) => {
      if (value === null || value === undefined) return null;
      if (value instanceof Error || (isEnumType(leaf) && typeof value !== 'string')) return NOT_SURE;
      try {
        const out: unknown = leaf.serialize(value);
        return out === null || out === undefined ? NOT_SURE : out;
      } catch {
        return NOT_SURE;
      }
    };
  }
  if (!isObjectType(type) || type.isTypeOf || !selectionSet) return undefined;
  const fieldDefs = type.getFields();
  const members: { key: string; name: string; project: Projector | 'typename' }[] = [];
  const keys = new Set<string>();
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || !plainField(selection)) return undefined;
    const key = selection.alias?.value ?? selection.name.value;
    if (keys.has(key)) return undefined;
    keys.add(key);
    if (selection.name.value === '__typename') {
      members.push({ key, name: '__typename', project: 'typename' });
      continue;
    }
    const def = fieldDefs[selection.name.value];
    if (!def || def.resolve) return undefined;
    const project = compileSelection(def.type, selection.selectionSet, schema);
    if (!project) return undefined;
    members.push({ key, name: def.name, project });
  }
  const typeName = type.name;
  return (value) => {
    if (value === null || value === undefined) return null;
    if (typeof value !== 'object' || value instanceof Error) return NOT_SURE;
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const m of members) {
      if (m.project === 'typename') {
        out[m.key] = typeName;
        continue;
      }
      const raw = source[m.name];
      if (typeof raw === 'function') return NOT_SURE;
      const v = m.project(raw);
      if (v === NOT_SURE) return NOT_SURE;
      out[m.key] = v;
    }
    return out;
  };
}

/** `[SaleInput!]!` from its AST, as String(type) prints a schema type. */
function typeNodeText(node: TypeNode): string {
  switch (node.kind) {
    case Kind.NON_NULL_TYPE:
      return `${typeNodeText(node.type)}!`;
    case Kind.LIST_TYPE:
      return `[${typeNodeText(node.type)}]`;
    default:
      return node.name.value;
  }
}

/*
 * graphql's isNonNullType & co. test `instanceof`, which fails when graphql is loaded twice (its
 * CJS and ESM builds, as under the test runner): the schema comes from yoga's copy. The type
 * classes name themselves through Symbol.toStringTag in both copies.
 */
const tagOf = (type: GraphQLType): unknown =>
  (type as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag];
const isNonNullType = (t: GraphQLType): t is GraphQLNonNull<GraphQLType> => tagOf(t) === 'GraphQLNonNull';
const isListType = (t: GraphQLType): t is GraphQLList<GraphQLType> => tagOf(t) === 'GraphQLList';
const isInputObjectType = (t: GraphQLType): t is GraphQLInputObjectType =>
  tagOf(t) === 'GraphQLInputObjectType';
const isObjectType = (t: GraphQLType): t is GraphQLObjectType => tagOf(t) === 'GraphQLObjectType';
const isEnumType = (t: GraphQLType): t is GraphQLEnumType => tagOf(t) === 'GraphQLEnumType';
const isLeafType = (t: GraphQLType): t is GraphQLLeafType =>
  tagOf(t) === 'GraphQLScalarType' || tagOf(t) === 'GraphQLEnumType';

function plainField(node: FieldNode): boolean {
  return !node.directives?.length && !node.arguments?.length;
}
