import { describe, expect, it } from '@jest/globals';
import { definedTables } from '@app/core';
import { entities } from '../src/entities.js';

describe('one definition per table', () => {
  const defined = new Map(definedTables().map((t) => [t.entity as unknown, t]));

  it('every entity in src/entities.ts has its table definition (defineTable), naming the module that owns it', () => {
    // Every module is ported (issue 10): no entity is left without its definition.
    const missing = (entities as unknown[]).filter((e) => !defined.has(e));
    expect(missing.map((e) => (e as { name: string }).name)).toEqual([]);
    for (const t of defined.values()) expect(t.module).toMatch(/^[a-z-]+$/);
  });

  it('every defined table is an entity the drift test compares with the migrated schema', () => {
    expect([...defined.keys()].filter((e) => !(entities as unknown[]).includes(e))).toEqual([]);
  });
});
