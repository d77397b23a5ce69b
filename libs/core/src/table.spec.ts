import { describe, expect, it } from '@jest/globals';
import { Column, Entity, PrimaryColumn, VirtualColumn } from 'typeorm';
import type { Tx } from './database.js';
import { RequestContext } from './request-context.js';
import { defineTable, definedTables } from './table.js';

@Entity('gadgets')
class Gadget {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('numeric', { name: 'unit_price' }) unitPrice: string;
  @Column('date', { name: 'ships_on', nullable: true }) shipsOn: string | null;
  @Column('jsonb', { transformer: { from: (v: unknown) => v ?? [], to: (v: unknown) => v } }) tags: string[];
  @Column('text', { select: false, name: 'secret' }) secret: string;
  @VirtualColumn('boolean', { query: (t) => `${t}.ships_on IS NOT NULL` }) scheduled: boolean;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

const Gadgets = defineTable(Gadget, { module: 'testing', noun: 'Gadget' });

@Entity('gadget_parts')
class GadgetPart {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'gadget_id' }) gadgetId: string;
  @Column('jsonb', { transformer: { from: (v: unknown) => v ?? [], to: (v: unknown) => v } }) tags: string[];
}

const GadgetParts = defineTable(GadgetPart, { module: 'testing', noun: 'GadgetPart' });

/** A shape two tables share, declared once on an abstract base (as fulfillment's supplier document lines). */
abstract class CountedLine {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid') id: string;
  @Column('numeric', { precision: 18, scale: 3 }) quantity: string;
}

@Entity('widget_lines')
class WidgetLine extends CountedLine {
  @Column('uuid', { name: 'widget_id' }) widgetId: string;
}

const WidgetLines = defineTable(WidgetLine, { module: 'testing', noun: 'WidgetLine' });

/** A Tx that records statements and answers with the given rows. */
function fakeTx(rows: unknown[] = []) {
  const seen: { sql: string; params: unknown[] }[] = [];
  const tx = {
    query: async (sql: string, params: unknown[] = []) => {
      seen.push({ sql: sql.replace(/\s+/g, ' '), params });
      return rows;
    },
  } as unknown as Tx;
  return { tx, seen };
}

const B = '00000000-0000-4000-8000-000000000001';
const I = '00000000-0000-4000-8000-000000000002';

describe('defineTable', () => {
  it('lists the columns aliased to the properties: numeric and date as text, virtual ones computed, secrets left out', () => {
    expect(Gadgets.cols('g')).toBe(
      'g.branch_id AS "branchId", g.id AS "id", g.unit_price::text AS "unitPrice", g.ships_on::text AS "shipsOn", ' +
        'g.tags AS "tags", (g.ships_on IS NOT NULL) AS "scheduled", g.updated_at AS "updatedAt"',
    );
    expect(Gadgets.cols()).toContain('(gadgets.ships_on IS NOT NULL) AS "scheduled"');
    expect(Gadgets.col('unitPrice', 'g')).toBe('g.unit_price');
    expect(() => Gadgets.col('scheduled')).toThrow(/no column/);
    expect(Gadgets.primary.map((c) => c.property)).toEqual(['branchId', 'id']);
    expect(definedTables()).toContain(Gadgets);
  });

  it('reads the columns an entity inherits from an abstract base as its own, keys included', async () => {
    expect(WidgetLines.cols('w')).toBe(
      'w.branch_id AS "branchId", w.id AS "id", w.quantity::text AS "quantity", w.widget_id AS "widgetId"',
    );
    expect(WidgetLines.primary.map((c) => c.property)).toEqual(['branchId', 'id']);
    const { tx, seen } = fakeTx([{ branchId: B, id: I, quantity: '2.000', widgetId: I }]);
    await WidgetLines.update(tx, { branchId: B, id: I }, { quantity: '2' });
    expect(seen[0].sql).toContain('UPDATE widget_lines SET quantity = $1 WHERE branch_id = $2 AND id = $3');
  });

  it('reads a row joined with another table’s under a prefix, and takes it back out', () => {
    expect(Gadgets.colsPrefixed('g', 'g_')).toBe(
      'g.branch_id AS "g_branchId", g.id AS "g_id", g.unit_price::text AS "g_unitPrice", g.ships_on::text AS "g_shipsOn", ' +
        'g.tags AS "g_tags", (g.ships_on IS NOT NULL) AS "g_scheduled", g.updated_at AS "g_updatedAt"',
    );
    const row = { g_branchId: B, g_id: I, g_tags: null, g_scheduled: true, id: 'other' };
    expect(Gadgets.mapPrefixed(row, 'g_')).toMatchObject({ branchId: B, id: I, tags: [], scheduled: true });
  });

  it('maps a row through the columns’ transformers', () => {
    expect(Gadgets.map({ tags: null }).tags).toEqual([]);
    expect(Gadgets.map({ tags: ['a'] }).tags).toEqual(['a']);
  });

  it('updates by key, stamps updated_at, writes JSON as text, and reads the row back in one statement', async () => {
    const { tx, seen } = fakeTx([{ branchId: B, id: I, tags: null }]);
    const after = await Gadgets.update(tx, { branchId: B, id: I }, { unitPrice: '85.50', tags: ['x', 'y'] });
    expect(after.tags).toEqual([]);
    expect(seen).toHaveLength(1);
    expect(seen[0].sql).toMatch(
      /^UPDATE gadgets SET unit_price = \$1, tags = \$2, updated_at = now\(\) WHERE branch_id = \$3 AND id = \$4 RETURNING /,
    );
    expect(seen[0].params).toEqual(['85.50', '["x","y"]', B, I]);
  });

  it('refuses to write a virtual or unknown property, and an update that names nothing', async () => {
    const { tx, seen } = fakeTx();
    await expect(Gadgets.update(tx, { branchId: B, id: I }, { scheduled: true })).rejects.toThrow(/no writable/);
    await expect(Gadgets.update(tx, { branchId: B, id: I }, {})).rejects.toThrow(/nothing to write/);
    expect(seen).toHaveLength(0);
  });

  it('locks in scope with FOR UPDATE and answers NOT_FOUND for a row it cannot see', async () => {
    const { tx, seen } = fakeTx([]);
    const ctx = RequestContext.forTransaction(tx, { branchIds: [B] });
    await expect(Gadgets.lock(ctx, I)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(seen[0].sql).toMatch(/WHERE branch_id = ANY\(\$1::uuid\[\]\) AND id = \$2 FOR UPDATE$/);
    expect(seen[0].params).toEqual([[B], I]);
  });

  it('loads children of many parents in one statement, each parent its own rows in order, none for a parent without', async () => {
    const J = '00000000-0000-4000-8000-000000000003';
    const K = '00000000-0000-4000-8000-000000000004';
    // As PostgreSQL answers: parent ordinal n, rank i within the parent, then the row.
    const { tx, seen } = fakeTx([
      { __n: '1', __i: '1', branchId: B, id: 'p1', gadgetId: I, tags: null },
      { __n: '1', __i: '2', branchId: B, id: 'p2', gadgetId: I, tags: ['x'] },
      { __n: '3', __i: '1', branchId: B, id: 'p3', gadgetId: K, tags: [] },
    ]);
    const ctx = RequestContext.forTransaction(tx, { branchIds: [B] });
    const loader = GadgetParts.childLoader(ctx, 'gadgetId', 'x.id', { limit: 2 });
    const [a, b, c] = await Promise.all([loader.load(`${B}:${I}`), loader.load(`${B}:${J}`), loader.load(`${B}:${K}`)]);
    expect(a.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(a[0]).toEqual({ branchId: B, id: 'p1', gadgetId: I, tags: [] });
    expect(b).toEqual([]);
    expect(c.map((p) => p.id)).toEqual(['p3']);
    expect(seen).toHaveLength(1);
    expect(seen[0].sql).toMatch(
      /x\.gadget_id = k\.parent_id ORDER BY x\.id LIMIT \$3 \) c ORDER BY c\."__n", c\."__i"$/,
    );
    expect(seen[0].params).toEqual([[B, B, B], [I, J, K], 2]);
    // Another order or limit is another loader; the same one is shared by the request.
    expect(GadgetParts.childLoader(ctx, 'gadgetId', 'x.id', { limit: 2 })).toBe(loader);
    expect(GadgetParts.childLoader(ctx, 'gadgetId', 'x.id')).not.toBe(loader);
  });

  it('upserts on the primary key, setting only the other columns', async () => {
    const { tx, seen } = fakeTx([{ branchId: B, id: I, tags: [] }]);
    await Gadgets.upsert(tx, { branchId: B, id: I, unitPrice: '1' });
    expect(seen[0].sql).toContain(
      'ON CONFLICT (branch_id, id) DO UPDATE SET unit_price = EXCLUDED.unit_price, updated_at = now()',
    );
  });
});
