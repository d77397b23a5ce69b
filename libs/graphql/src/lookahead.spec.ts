import { describe, expect, it } from '@jest/globals';
import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { selectedFields } from './lookahead.js';

const schema = buildSchema(`
  type Owner { id: ID! }
  type Customer { id: ID! name: String owner: Owner contacts: [String!]! }
  type Edge { cursor: String! node: Customer! }
  type Page { edges: [Edge!]! total: Int }
  type Query { customers: Page! }
`);

/** Runs `query` and returns what selectedFields saw under edges.node of the customers field. */
async function under(query: string, variableValues?: Record<string, unknown>): Promise<string[]> {
  let names: string[] = [];
  await execute({
    schema,
    document: parse(query),
    variableValues,
    rootValue: {
      customers: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
        names = [...selectedFields(info, ['edges', 'node'])].sort();
        return { edges: [] };
      },
    },
  });
  return names;
}

describe('selectedFields', () => {
  it('lists the fields selected at a path, by field name whatever the alias', async () => {
    expect(await under('{ customers { edges { cursor node { id boss: owner { id } contacts } } } }')).toEqual([
      'contacts',
      'id',
      'owner',
    ]);
  });

  it('follows named and inline fragments at every level', async () => {
    const q = `
      { customers { ...P } }
      fragment P on Page { edges { node { ... on Customer { name } ...C } } }
      fragment C on Customer { owner { id } }`;
    expect(await under(q)).toEqual(['name', 'owner']);
  });

  it('merges repeated selections of the same path', async () => {
    expect(await under('{ customers { edges { node { id } } e: edges { node { contacts } } } }')).toEqual([
      'contacts',
      'id',
    ]);
  });

  it('leaves out what sits under @skip/@include, whatever the condition', async () => {
    const q = `query($on: Boolean!) {
      customers { edges { node { id owner @include(if: $on) { id } ... @skip(if: $on) { contacts } } } }
    }`;
    expect(await under(q, { on: true })).toEqual(['id']);
    expect(await under('{ customers { edges @include(if: true) { node { owner { id } } } } }')).toEqual([]);
  });

  it('is empty when the path is not selected', async () => {
    expect(await under('{ customers { total } }')).toEqual([]);
  });
});
