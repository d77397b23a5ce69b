import { describe, expect, it } from '@jest/globals';
import { buildSchema, execute, parse } from 'graphql';
import { installArgumentlessFieldFastPath } from './execution.js';

const schema = buildSchema(`
  input Range { from: Int!, to: Int = 10 }
  type Item { id: ID!, label(upper: Boolean = false): String! }
  type Query {
    items(first: Int = 20, range: Range, ids: [ID!]): [Item!]!
    plain: String
    required(id: ID!): String
  }
`);

const seen: Record<string, unknown>[] = [];
const rootValue = {
  items: (args: Record<string, unknown>) => {
    seen.push({ ...args });
    return [{ id: '1', label: ({ upper }: { upper: boolean }) => (upper ? 'ONE' : 'one') }];
  },
  plain: (args: Record<string, unknown>) => {
    seen.push(args);
    return 'plain';
  },
  required: ({ id }: { id: string }) => id,
};

async function run(query: string, variableValues?: Record<string, unknown>) {
  seen.length = 0;
  return execute({ schema, document: parse(query), rootValue, variableValues });
}

describe('installArgumentlessFieldFastPath', () => {
  it('is in place, and installing it again is harmless', () => {
    expect(installArgumentlessFieldFastPath()).toBe(true);
    expect(installArgumentlessFieldFastPath()).toBe(true);
  });

  it('still coerces the arguments of fields that declare them: literals, variables, defaults', async () => {
    installArgumentlessFieldFastPath();
    const r = await run(
      `query($to: Int, $ids: [ID!]) {
        a: items(range: { from: 1, to: $to }, ids: $ids) { id label(upper: true) }
        b: items { label }
      }`,
      { to: 5, ids: [7, '8'] },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ a: [{ id: '1', label: 'ONE' }], b: [{ label: 'one' }] });
    expect(seen).toEqual([{ first: 20, range: { from: 1, to: 5 }, ids: ['7', '8'] }, { first: 20 }]);
  });

  it('gives a field without arguments an empty object', async () => {
    installArgumentlessFieldFastPath();
    const r = await run('{ plain }');
    expect(r.data).toEqual({ plain: 'plain' });
    expect(seen).toEqual([{}]);
    expect(Object.keys(seen[0])).toEqual([]);
    // The fast path's own object (graphql-js would give an Object.create(null)): proof that execute() uses it.
    expect(Object.getPrototypeOf(seen[0])).toBe(Object.prototype);
  });

  it('still reports a missing required argument and an argument of the wrong type', async () => {
    installArgumentlessFieldFastPath();
    const missing = await run('query($id: ID!) { required(id: $id) }', {});
    expect(missing.errors?.[0].message).toMatch(/\$id/);
    const r = await run('query($id: ID) { required(id: $id) }', { id: null });
    expect(r.errors?.[0].message).toMatch(/must not be null/);
  });
});
