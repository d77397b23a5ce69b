import { describe, expect, it } from '@jest/globals';
import {
  Kind,
  buildSchema,
  getIntrospectionQuery,
  parse,
  specifiedRules,
  validate,
  type OperationDefinitionNode,
} from 'graphql';
import { depthLimit, estimateComplexity } from './limits.js';

const schema = buildSchema(`
  interface Node { id: ID! }
  type User implements Node { id: ID! name: String manager: User reports(first: Int): [User!]! }
  type Contact { name: String phone: String }
  type Customer implements Node {
    id: ID!
    name: String!
    owner: User!
    contacts(first: Int): [Contact!]!
  }
  type CustomerEdge { cursor: String! node: Customer! }
  type CustomerConnection { edges: [CustomerEdge!]! totalCount: Int! }
  type Query {
    me: User
    node(id: ID!): Node
    customers(first: Int, after: String): CustomerConnection!
    users(limit: Int): [User!]!
    search(last: Int): [Customer!]!
  }
`);

/** Validates with graphql's own rules plus depthLimit(max); returns [message, code] of every error. */
function check(query: string, max: number) {
  return validate(schema, parse(query), [...specifiedRules, depthLimit(max)]).map((e) => [
    e.message,
    e.extensions.code,
  ]);
}

const tooDeep = (depth: number, max: number) => [
  `Query depth ${depth} exceeds the limit of ${max}; split it into smaller queries`,
  'QUERY_TOO_DEEP',
];

describe('depthLimit', () => {
  it.each([
    // [query, its depth]
    ['{ me { id } }', 2],
    ['{ me { manager { id } } }', 3],
    ['{ me { manager { manager { id } } } }', 4],
    ['{ me { id manager { name } } customers { totalCount } }', 3],
    ['{ customers(first: 5) { edges { node { owner { manager { id } } } } } }', 6],
    // a fragment spread counts its fields where it is spread
    ['{ me { ...M } } fragment M on User { manager { manager { id } } }', 4],
    ['{ me { ...A } } fragment A on User { manager { ...B } } fragment B on User { manager { id } }', 4],
    // an inline fragment adds no level of its own, its fields do
    ['{ node(id: "1") { ... on Customer { owner { manager { id } } } } }', 4],
    ['{ node(id: "1") { ... on User { ... on User { manager { id } } } } }', 3],
    // introspection fields count like any other field (__typename is a leaf: it adds no level)
    ['{ __typename me { __typename id } }', 2],
  ])('%s has depth %i: passes at that limit, fails one below', (query, depth) => {
    expect(check(query, depth)).toEqual([]);
    if (depth > 0) expect(check(query, depth - 1)).toEqual([tooDeep(depth, depth - 1)]);
  });

  it('holds introspection to the depth of the standard introspection query, whatever the data limit', () => {
    // GraphiQL and code generators send graphql-js's introspection query: 15 deep, it must pass under the default 8.
    expect(check(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }), 8)).toEqual([]);
    const nested = (levels: number) =>
      `{ __schema { types { ${'ofType { '.repeat(levels)}name${' }'.repeat(levels)} } } }`;
    expect(check(nested(12), 8)).toEqual([]); // depth 15
    expect(check(nested(13), 8)).toEqual([tooDeep(16, 15)]);
    expect(check(nested(13), 20)).toEqual([]); // an operator's higher limit applies to introspection too
    // Counted where they stand: a data field beside introspection still meets the data limit.
    expect(check('{ __type(name: "User") { name } me { manager { manager { id } } } }', 3)).toEqual([tooDeep(4, 3)]);
    expect(check('{ me { id } __type(name: "User") { fields { type { ofType { name } } } } }', 2)).toEqual([]);
  });

  it('reports the deepest of several operations separately', () => {
    const query = `
      query Shallow { me { id } }
      query Deep { me { manager { manager { manager { id } } } } }
    `;
    expect(check(query, 3)).toEqual([tooDeep(5, 3)]);
  });

  it('carries the operation as the error node', () => {
    const [error] = validate(schema, parse('query Deep { me { manager { id } } }'), [depthLimit(2)]);
    expect(error.extensions).toEqual({ code: 'QUERY_TOO_DEEP' });
    expect(error.locations).toEqual([{ line: 1, column: 1 }]);
  });

  it('terminates on fragment cycles (which graphql itself reports)', () => {
    const errors = check('{ me { ...A } } fragment A on User { manager { ...A } }', 10);
    expect(errors).toHaveLength(1);
    expect(errors[0][0]).toMatch(/Cannot spread fragment "A" within itself/);
  });
});

function operationOf(query: string) {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!op) throw new Error('no operation');
  return { doc, op };
}

function cost(query: string, variables: Record<string, unknown> = {}, defaultList?: number) {
  const { doc, op } = operationOf(query);
  return estimateComplexity(doc, op, variables, defaultList);
}

describe('estimateComplexity', () => {
  it.each<[string, string, Record<string, unknown>, number]>([
    ['one field per field', '{ me { id name } }', {}, 3],
    ['nested objects add', '{ me { manager { id } } }', {}, 3],
    // customers: 1 + 10 × (edges: 1 + (node: 1 + id + name)) = 1 + 10 × 4
    ['a list multiplies by first', '{ customers(first: 10) { edges { node { id name } } } }', {}, 41],
    ['first from a variable', 'query($n: Int) { customers(first: $n) { edges { node { id name } } } }', { n: 5 }, 21],
    ['an unset variable counts as 20', 'query($n: Int) { customers(first: $n) { edges { node { id } } } }', {}, 61],
    ['a non-number variable counts as 20', 'query($n: Int) { users(limit: $n) { id } }', { n: '3' }, 21],
    ['no first argument: not multiplied', '{ customers { totalCount } }', {}, 2],
    ['first: 0 still costs one page', '{ users(limit: 0) { id name } }', {}, 3],
    ['limit multiplies', '{ users(limit: 4) { id } }', {}, 5],
    ['last multiplies', '{ search(last: 3) { id name } }', {}, 7],
    // customers: 1 + 10 × (edges 1 + node (1 + contacts (1 + 5 × 1)))
    ['nested lists multiply', '{ customers(first: 10) { edges { node { contacts(first: 5) { name } } } } }', {}, 81],
    ['aliases add up', '{ a: users(limit: 2) { id } b: users(limit: 3) { id } c: me { id } }', {}, 3 + 4 + 2],
    ['fragments count where spread', '{ a: me { ...U } b: me { ...U } } fragment U on User { id name }', {}, 6],
    ['inline fragments count their fields', '{ node(id: "1") { ... on Customer { id name } } }', {}, 3],
    // __typename costs nothing (no resolver); __schema and what it selects count like other fields
    [
      '__typename is free, introspection is not',
      '{ __typename me { __typename id } __schema { types { name } } }',
      {},
      5,
    ],
  ])('%s: %s = %i', (_case, query, variables, expected) => {
    expect(cost(query, variables)).toBe(expected);
  });

  it('uses the default list size it is given', () => {
    expect(cost('query($n: Int) { users(limit: $n) { id } }', {}, 50)).toBe(51);
  });

  it('scores the operation it is given, not the whole document', () => {
    const doc = parse('query A { me { id } } query B { users(limit: 10) { id name } }');
    const [a, b] = doc.definitions as OperationDefinitionNode[];
    expect([estimateComplexity(doc, a, {}), estimateComplexity(doc, b, {})]).toEqual([2, 21]);
  });

  it('terminates on fragment cycles', () => {
    expect(cost('{ me { ...A } } fragment A on User { id manager { ...A } }')).toBe(3);
  });
});
