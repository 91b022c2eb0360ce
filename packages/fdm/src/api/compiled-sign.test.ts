import { signMutations, type SignMutation } from '@gks/core';
import fc from 'fast-check';
import {
  buildSchema,
  execute,
  getOperationAST,
  getVariableValues,
  parse,
  validate,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { fodBase, m110Sale, m121Order, reportOf, signDocument } from '../e2e/fod-requests.js';
import { typicalSaleEvent } from '../memory/typical-sale.js';
import { compileSignDocument } from './compiled-sign.js';
import { fdmSchemaSdl } from './schema.js';

/** The FDM schema in this module's graphql, with a resolver handing back what the test says. */
function schemaReturning(value: () => unknown): GraphQLSchema {
  const schema = buildSchema(fdmSchemaSdl);
  const mutation = schema.getMutationType();
  if (!mutation) throw new Error('no Mutation type');
  for (const field of Object.values(mutation.getFields())) field.resolve = () => value();
  return schema;
}

function compile(schema: GraphQLSchema, query: string, operationName?: string) {
  const document = parse(query);
  expect(validate(schema, document)).toEqual([]);
  return { document, compiled: compileSignDocument(schema, document, operationName) };
}

const clientStyle = (mutation: SignMutation, input: string) =>
  `mutation Sign($data: ${input}!, $isTraining: Boolean!) { ${mutation}(data: $data, isTraining: $isTraining) ` +
  '{ posId fdmRef { fdmId eventCounter } warnings { message locations { line column } ' +
  'extensions { category code data { name value } showPos } } footer } }';

describe('compileSignDocument', () => {
  const schema = schemaReturning(() => null);

  it.each(signMutations)('compiles the document that selects every SignResult field for %s', (mutation) => {
    expect(compile(schema, signDocument(mutation)).compiled).toBeDefined();
  });

  it('compiles a literal isTraining, aliases, __typename and a named operation among others', () => {
    const literal = 'mutation { signSale(data: $d, isTraining: true) { posId } }'.replace(
      'mutation {',
      'mutation M($d: SaleInput!) {',
    );
    expect(compile(schema, literal).compiled).toBeDefined();
    const aliased =
      'mutation M($d: SaleInput!) { s: signSale(data: $d, isTraining: false) { id: posId __typename } }';
    expect(compile(schema, aliased).compiled).toBeDefined();
    const two = `${clientStyle('signSale', 'SaleInput')} query Q { device { id } }`;
    expect(compile(schema, two, 'Sign').compiled).toBeDefined();
    expect(compile(schema, two, 'Q').compiled).toBeUndefined();
  });

  it.each([
    [
      'a fragment spread',
      'mutation M($d: SaleInput!) { signSale(data: $d, isTraining: false) { ...F } } fragment F on SignResult { posId }',
    ],
    [
      'an inline fragment',
      'mutation M($d: SaleInput!) { signSale(data: $d, isTraining: false) { ... on SignResult { posId } } }',
    ],
    [
      'a directive on a result field',
      'mutation M($d: SaleInput!) { signSale(data: $d, isTraining: false) { posId @include(if: true) } }',
    ],
    [
      'a directive on the sign field',
      'mutation M($d: SaleInput!) { signSale(data: $d, isTraining: false) @skip(if: false) { posId } }',
    ],
    [
      'two sign fields',
      'mutation M($d: SaleInput!) { a: signSale(data: $d, isTraining: false) { posId } b: signSale(data: $d, isTraining: true) { posId } }',
    ],
    [
      'a repeated response key',
      'mutation M($d: SaleInput!) { signSale(data: $d, isTraining: false) { posId posId } }',
    ],
    [
      'a nullable isTraining variable with a default',
      'mutation M($d: SaleInput!, $t: Boolean = false) { signSale(data: $d, isTraining: $t) { posId } }',
    ],
    [
      'a variable with a default',
      'mutation M($d: SaleInput! = {}, $t: Boolean!) { signSale(data: $d, isTraining: $t) { posId } }',
    ],
    [
      'data written inline',
      'mutation M($t: Boolean!) { signSale(data: { language: EN }, isTraining: $t) { posId } }',
    ],
    ['a query', 'query { device { id } }'],
  ])('leaves %s to graphql', (_, query) => {
    const document = parse(query);
    // Some of these are invalid documents anyway; compiling must refuse them whatever validation says.
    expect(compileSignDocument(schema, document, undefined)).toBeUndefined();
  });
});

/** One change to a valid input somewhere: the kinds of mistake a POS makes, and worse. */
const perturbations: ((v: unknown) => unknown)[] = [
  () => undefined, // member left out
  () => null,
  () => 'text',
  () => '',
  () => 7,
  () => 1.5,
  () => 2 ** 40,
  () => -0,
  () => true,
  () => [],
  () => ({}),
  () => 'NOT_AN_ENUM_VALUE',
  (v) => [v],
  (v) => ({ value: v }),
  (v) => (typeof v === 'string' ? Number(v.length) : String(v)),
  (v) => (typeof v === 'object' && v !== null ? { ...v, unknownField: 1 } : v),
  (v) => (typeof v === 'object' && v !== null ? { ...v, ['__proto__']: 1 } : v),
];

function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => pathsOf((value as Record<string, unknown>)[k], [...prefix, k]))];
}

function changedAt(value: unknown, path: (string | number)[], change: (v: unknown) => unknown): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as unknown;
  if (path.length === 0) return change(copy);
  let parent = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  const next = change(parent[last]);
  if (next === undefined && !Array.isArray(parent)) Reflect.deleteProperty(parent, last);
  else parent[last] = next;
  return copy;
}

describe('compiled variable coercion agrees with graphql', () => {
  const schema = schemaReturning(() => null);
  const inputs: [SignMutation, string, unknown][] = [
    ['signSale', 'SaleInput', m110Sale(1)],
    ['signOrder', 'OrderInput', m121Order(2)],
    ['signWorkIn', 'WorkInOutInput', fodBase(3)],
    ['signReportTurnoverZ', 'ReportTurnoverZInput', reportOf(4, 'TZ').data],
  ];

  it.each(inputs)('takes the valid %s input as graphql coerces it', (mutation, input, data) => {
    const { document, compiled } = compile(schema, clientStyle(mutation, input));
    const operation = getOperationAST(document);
    const reference = getVariableValues(schema, operation?.variableDefinitions ?? [], {
      data,
      isTraining: false,
    });
    expect(reference.errors).toBeUndefined();
    expect(compiled?.args({ data, isTraining: false })).toEqual({
      data: reference.coerced?.['data'],
      isTraining: false,
    });
  });

  it('fills in input defaults as graphql does (drawersOpenCount)', () => {
    const { document, compiled } = compile(
      schema,
      clientStyle('signReportTurnoverZ', 'ReportTurnoverZInput'),
    );
    const data = reportOf(4, 'TZ').data;
    const operation = getOperationAST(document);
    const reference = getVariableValues(schema, operation?.variableDefinitions ?? [], {
      data,
      isTraining: true,
    });
    expect(JSON.stringify(reference.coerced)).toContain('drawersOpenCount');
    expect(compiled?.args({ data, isTraining: true })?.data).toEqual(reference.coerced?.['data']);
  });

  it("never accepts what graphql refuses, and gives graphql's value for whatever it accepts", () => {
    for (const [mutation, input, data] of inputs) {
      const { document, compiled } = compile(schema, clientStyle(mutation, input));
      const definitions = getOperationAST(document)?.variableDefinitions ?? [];
      const paths = pathsOf(data);
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: paths.length - 1 }),
          fc.integer({ min: 0, max: perturbations.length - 1 }),
          fc.constantFrom<unknown>(false, true, null, 'false', 0),
          (at, kind, isTraining) => {
            const changed = changedAt(data, paths[at] ?? [], perturbations[kind] as (v: unknown) => unknown);
            const variables = { data: changed, isTraining };
            const reference = getVariableValues(schema, definitions, variables);
            const fast = compiled?.args(variables);
            if (reference.errors) expect(fast).toBeUndefined();
            else if (fast) expect(fast).toEqual(reference.coerced);
          },
        ),
        { numRuns: 250 },
      );
    }
  });

  it('leaves missing or malformed variables to graphql', () => {
    const { compiled } = compile(schema, clientStyle('signSale', 'SaleInput'));
    expect(compiled?.args(undefined)).toBeUndefined();
    expect(compiled?.args(null)).toBeUndefined();
    expect(compiled?.args({ isTraining: false })).toBeUndefined();
    expect(compiled?.args({ data: m110Sale(1) })).toBeUndefined();
    expect(compiled?.args({ data: m110Sale(1), isTraining: 'no' })).toBeUndefined();
  });
});

describe('compiled result completion agrees with graphql', () => {
  const sale = typicalSaleEvent().result;
  const warning = {
    message: 'Dubbele aanvraag',
    locations: null,
    extensions: { category: 'FDM', code: 'DUPLICATE_REQUEST', data: null, showPos: 'OPTIONAL' },
  };
  /** The answers the engine gives: these must not fall back to graphql. */
  const usual: [string, unknown][] = [
    ['a typical sale', sale],
    ['a work-in answer without vatCalc', { ...sale, vatCalc: null, shortSignature: '', verificationUrl: '' }],
    [
      'an answer with warnings',
      { ...sale, warnings: [warning, { ...warning, locations: [{ line: 1, column: 2 }] }] },
    ],
    ['extra members the schema does not name', { ...sale, secret: 'x' }],
  ];
  const values: [string, unknown][] = [
    ...usual,
    ['a null where the schema says non-null', { ...sale, posFiscalTicketNo: null }],
    ['a null fdmRef', { ...sale, fdmRef: null }],
    ['a value the enum does not know', { ...sale, eventOperation: 'BOGUS' }],
    ['a string for a Float', { ...sale, bufferCapacityUsed: 'x' }],
    ['an infinite Float', { ...sale, bufferCapacityUsed: Infinity }],
    ['a fraction for an Int', { ...sale, fdmRef: { ...sale.fdmRef, eventCounter: 1.5 } }],
    ['a number for a String', { ...sale, posId: 42 }],
    ['a list item null where non-null', { ...sale, footer: ['a', null] }],
    ['an object for a list', { ...sale, footer: { a: 1 } }],
    ['a method for a field', { ...sale, posId: () => 'x' }],
    ['an Error as the value', new Error('boom')],
  ];
  const queries = [
    signDocument('signSale'),
    clientStyle('signSale', 'SaleInput'),
    'mutation M($d: SaleInput!) { x: signSale(data: $d, isTraining: false) { __typename ref: fdmRef { __typename n: totalCounter } footer } }',
  ];

  it.each(values)("gives graphql's answer, or leaves it to graphql, for %s", async (_, value) => {
    const schema = schemaReturning(() => value);
    for (const query of queries) {
      const { document, compiled } = compile(schema, query);
      const variables = { data: m110Sale(1), isTraining: false, d: m110Sale(1) };
      const reference = await execute({ schema, document, variableValues: variables });
      const fast = compiled?.answer(value);
      if (reference.errors) expect(fast).toBeUndefined();
      else if (fast !== undefined) expect(fast).toBe(JSON.stringify(reference));
    }
  });

  it.each(usual)('answers %s itself', (_, value) => {
    for (const query of queries) {
      const { compiled } = compile(
        schemaReturning(() => value),
        query,
      );
      expect(compiled?.answer(value)).toBeDefined();
    }
  });
});
