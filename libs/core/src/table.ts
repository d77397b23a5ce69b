import DataLoader from 'dataloader';
import { getMetadataArgsStorage } from 'typeorm';
import type { ValueTransformer } from 'typeorm';
import { writeAudit } from './audit.js';
import type { Tx } from './database.js';
import { NotFoundError } from './errors.js';
import type { RequestContext } from './request-context.js';

/** Any class TypeORM can map (its constructor is never called here). */
export type EntityClass<E> = abstract new (...args: never[]) => E;

/** Values for some of a row's properties, keyed by property name (camelCase). */
export type Values<E> = { [K in keyof E]?: E[K] | null };

/** What a table definition knows of one column, read once from the entity's TypeORM metadata. */
export interface ColumnInfo {
  property: string;
  /** The SQL column (snake_case); for a virtual column, the property name. */
  column: string;
  type: string;
  primary: boolean;
  /** Computed by SQL (`@VirtualColumn`): selected, never written. */
  virtual: boolean;
  /** In the default column list (`select: false` leaves secrets such as password hashes out). */
  selected: boolean;
  from?: (value: unknown) => unknown;
  query?: (alias: string) => string;
}

export interface TableOptions {
  /** The module that owns the table: only it reads or writes it (test/module-walls.spec.ts holds the line). */
  module: string;
  /** What a row is called in NOT_FOUND errors and the audit log, e.g. "Complaint" (audit: "complaint"). */
  noun: string;
}

/** Types that leave PostgreSQL as text: numeric stays exact, and a business day is no instant. */
const AS_TEXT = new Set(['numeric', 'decimal', 'date']);
const JSON_TYPES = new Set(['json', 'jsonb']);

const registry = new Map<EntityClass<unknown>, Table<unknown>>();

/** Every table defined so far (module-wall and drift tests walk them). */
export function definedTables(): readonly Table<unknown>[] {
  return [...registry.values()];
}

/**
 * The single definition of a table, derived from its TypeORM entity: the column list (aliased to the
 * entity's property names, so a row read with it *is* the entity type), the mapping, get/lock by key,
 * insert, update with audit and the by-key DataLoader. Hand-written SQL takes `cols()` and `map()` from here.
 */
export class Table<E> {
  readonly name: string;
  readonly module: string;
  readonly noun: string;
  readonly columns: readonly ColumnInfo[];
  readonly primary: readonly ColumnInfo[];
  private readonly byProperty = new Map<string, ColumnInfo>();
  private readonly lists = new Map<string, string>();
  private readonly transformed: readonly ColumnInfo[];
  private readonly hasUpdatedAt: boolean;

  constructor(
    readonly entity: EntityClass<E>,
    options: TableOptions,
  ) {
    const storage = getMetadataArgsStorage();
    const table = storage.tables.find((t) => t.target === entity);
    if (!table?.name) throw new Error(`${entity.name} is not an @Entity with a table name`);
    this.name = table.name;
    this.module = options.module;
    this.noun = options.noun;
    // The entity's own columns and those it inherits from an abstract base (a shape several tables share),
    // read the way TypeORM reads them for the table.
    const lineage: EntityClass<unknown>[] = [];
    for (let t = entity as EntityClass<unknown>; t !== Function.prototype; t = Object.getPrototypeOf(t))
      lineage.push(t);
    this.columns = storage.filterColumns(lineage).map((c) => {
      const o = c.options as {
        name?: string;
        type?: unknown;
        primary?: boolean;
        select?: boolean;
        transformer?: ValueTransformer;
        query?: (alias: string) => string;
      };
      const virtual = c.mode === 'virtual-property';
      return {
        property: c.propertyName,
        column: virtual ? c.propertyName : (o.name ?? c.propertyName),
        type: String(o.type ?? ''),
        primary: o.primary === true,
        virtual,
        selected: o.select !== false,
        from: o.transformer ? (v: unknown) => (o.transformer as ValueTransformer).from(v) : undefined,
        query: o.query,
      };
    });
    for (const c of this.columns) this.byProperty.set(c.property, c);
    this.primary = this.columns.filter((c) => c.primary);
    this.transformed = this.columns.filter((c) => c.from);
    this.hasUpdatedAt = this.byProperty.has('updatedAt');
    registry.set(entity, this as Table<unknown>);
  }

  /** The SQL column of a property (for WHERE and ORDER BY in hand-written SQL). */
  col(property: keyof E & string, alias?: string): string {
    const c = this.byProperty.get(property);
    if (!c || c.virtual) throw new Error(`${this.name} has no column for ${property}`);
    return alias ? `${alias}.${c.column}` : c.column;
  }

  /** `branch_id AS "branchId", ...` for a SELECT, optionally qualified by a table alias. */
  cols(alias?: string): string {
    const key = alias ?? '';
    let list = this.lists.get(key);
    if (list === undefined) {
      const p = alias ? `${alias}.` : '';
      list = this.columns
        .filter((c) => c.selected)
        .map((c) => {
          if (c.virtual) return `(${c.query!(alias ?? this.name)}) AS "${c.property}"`;
          const expr = AS_TEXT.has(c.type) ? `${p}${c.column}::text` : `${p}${c.column}`;
          return `${expr} AS "${c.property}"`;
        })
        .join(', ');
      this.lists.set(key, list);
    }
    return list;
  }

  /**
   * `cols(alias)` with each name prefixed (`r.id AS "r_id"`): for one statement that reads the rows of two tables
   * whose property names collide (a step and its request); `mapPrefixed` takes this table's row back out.
   */
  colsPrefixed(alias: string, prefix: string): string {
    return this.columns
      .filter((c) => c.selected)
      .map((c) => {
        if (c.virtual) return `(${c.query!(alias)}) AS "${prefix}${c.property}"`;
        const expr = AS_TEXT.has(c.type) ? `${alias}.${c.column}::text` : `${alias}.${c.column}`;
        return `${expr} AS "${prefix}${c.property}"`;
      })
      .join(', ');
  }

  /** This table's row in a joined row read with `colsPrefixed(alias, prefix)`, as the entity type. */
  mapPrefixed(row: Record<string, unknown>, prefix: string): E {
    const out: Record<string, unknown> = {};
    for (const c of this.columns) if (c.selected) out[c.property] = row[`${prefix}${c.property}`];
    return this.map(out);
  }

  /** A row read with `cols()` as the entity type (applying the columns' TypeORM value transformers). */
  map = (row: unknown): E => {
    if (this.transformed.length > 0) {
      const r = row as Record<string, unknown>;
      for (const c of this.transformed) r[c.property] = c.from!(r[c.property]);
    }
    return row as E;
  };

  /** The row with these values (typically its key), optionally locked FOR UPDATE; null when not found or not visible. */
  async find(tx: Tx, where: Values<E>, options: { lock?: boolean } = {}): Promise<E | null> {
    const { sql, params } = this.where(where, 1);
    const rows = await tx.query(
      `SELECT ${this.cols()} FROM ${this.name} WHERE ${sql}${options.lock ? ' FOR UPDATE' : ''}`,
      params,
    );
    return rows[0] ? this.map(rows[0]) : null;
  }

  /** The row with this id in one of the branches in scope (`branch_id = ANY`), or null. */
  async findInScope(ctx: RequestContext, id: string, options: { lock?: boolean } = {}): Promise<E | null> {
    const tx = await ctx.tx();
    const rows = await tx.query(
      `SELECT ${this.cols()} FROM ${this.name} WHERE branch_id = ANY($1::uuid[]) AND id = $2${options.lock ? ' FOR UPDATE' : ''}`,
      [ctx.branchIds, id],
    );
    return rows[0] ? this.map(rows[0]) : null;
  }

  /** Locks the row with this id in scope, or NOT_FOUND (the same for another branch's row as for a random id). */
  async lock(ctx: RequestContext, id: string): Promise<E> {
    const row = await this.findInScope(ctx, id, { lock: true });
    if (!row) throw new NotFoundError(this.noun, id);
    return row;
  }

  /** Inserts one row and returns it as read back (defaults and virtual columns filled in). */
  async insert(tx: Tx, values: Values<E>): Promise<E> {
    const entries = this.writable(values);
    const rows = await tx.query(
      `INSERT INTO ${this.name} (${entries.map(([c]) => c.column).join(', ')})
       VALUES (${entries.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING ${this.cols()}`,
      entries.map(([c, v]) => this.param(c, v)),
    );
    return this.map(rows[0]);
  }

  /**
   * Inserts the row, or where its primary key exists already sets the given columns (and updated_at), as for
   * per-branch settings; returns the row as written.
   */
  async upsert(tx: Tx, values: Values<E>): Promise<E> {
    const entries = this.writable(values);
    const keys = new Set(this.primary.map((c) => c.column));
    const sets = entries.filter(([c]) => !keys.has(c.column)).map(([c]) => `${c.column} = EXCLUDED.${c.column}`);
    if (this.hasUpdatedAt && !('updatedAt' in values))
      sets.push(`${this.col('updatedAt' as keyof E & string)} = now()`);
    const rows = await tx.query(
      `INSERT INTO ${this.name} (${entries.map(([c]) => c.column).join(', ')})
       VALUES (${entries.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (${[...keys].join(', ')}) DO ${sets.length ? `UPDATE SET ${sets.join(', ')}` : 'NOTHING'}
       RETURNING ${this.cols()}`,
      entries.map(([c, v]) => this.param(c, v)),
    );
    return this.map(rows[0]);
  }

  /**
   * Sets some properties of a row found by its key, stamps updated_at when the table has one, and returns the
   * row as written. Nothing is audited: see `change` for the usual mutation.
   */
  async update(tx: Tx, key: Values<E>, set: Values<E>): Promise<E> {
    const entries = this.writable(set);
    const assignments = entries.map(([c], i) => `${c.column} = $${i + 1}`);
    if (this.hasUpdatedAt && !('updatedAt' in set))
      assignments.push(`${this.col('updatedAt' as keyof E & string)} = now()`);
    const where = this.where(key, entries.length + 1);
    const rows = await tx.query(
      `UPDATE ${this.name} SET ${assignments.join(', ')} WHERE ${where.sql} RETURNING ${this.cols()}`,
      [...entries.map(([c, v]) => this.param(c, v)), ...where.params],
    );
    if (!rows[0]) throw new NotFoundError(this.noun, String(Object.values(key).at(-1)));
    return this.map(rows[0]);
  }

  /** The usual mutation of a branch row: update `before` by its key and write the audit row (before and after). */
  async change(ctx: RequestContext, before: E, set: Values<E>, action: string): Promise<E> {
    const tx = await ctx.tx();
    const after = await this.update(tx, this.keyOf(before), set);
    const row = after as { branchId?: string; id?: string };
    await writeAudit(ctx, {
      branchId: row.branchId!,
      entity: this.noun.charAt(0).toLowerCase() + this.noun.slice(1),
      entityId: row.id!,
      action,
      before,
      after,
    });
    return after;
  }

  /** Rows by (branch_id, id), "branchId:id" keys, one statement per batch; null for a key not found or not visible. */
  loader(ctx: RequestContext): DataLoader<string, E | null> {
    return ctx.loader(
      `${this.name}.byKey`,
      () =>
        new DataLoader<string, E | null>(async (keys) => {
          const branchIds: string[] = [];
          const ids: string[] = [];
          for (const k of keys) {
            const i = k.indexOf(':');
            branchIds.push(k.slice(0, i));
            ids.push(k.slice(i + 1));
          }
          const tx = await ctx.tx();
          const rows = await tx.query(
            `SELECT ${this.cols('t')} FROM ${this.name} t
             JOIN unnest($1::uuid[], $2::uuid[]) AS k(branch_id, id) ON t.branch_id = k.branch_id AND t.id = k.id`,
            [branchIds, ids],
          );
          const byKey = new Map<string, E>();
          for (const r of rows) {
            const e = this.map(r) as E & { branchId: string; id: string };
            byKey.set(`${e.branchId}:${e.id}`, e);
          }
          return keys.map((k) => byKey.get(k) ?? null);
        }),
    );
  }

  /**
   * The rows of this (child) table for many parents in one statement: keys are "branchId:parentId", `parent` is the
   * property holding the parent's id, `orderBy` orders each parent's rows (SQL over alias `x`, e.g. 'x.at, x.seq').
   * Each parent reads its own index range (LATERAL), so a page of parents never sorts the whole child table;
   * `limit` keeps the first rows of each parent only (the latest few of a long history).
   */
  childLoader(
    ctx: RequestContext,
    parent: keyof E & string,
    orderBy: string,
    { limit }: { limit?: number } = {},
  ): DataLoader<string, E[]> {
    const fk = this.col(parent, 'x');
    const cap = limit === undefined ? '' : ' LIMIT $3';
    return ctx.loader(
      `${this.name}.by.${parent}.${orderBy}.${limit ?? 'all'}`,
      () =>
        new DataLoader<string, E[]>(async (keys) => {
          const branchIds: string[] = [];
          const parentIds: string[] = [];
          for (const k of keys) {
            const i = k.indexOf(':');
            branchIds.push(k.slice(0, i));
            parentIds.push(k.slice(i + 1));
          }
          const tx = await ctx.tx();
          const rows = await tx.query(
            `SELECT c.* FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS k(branch_id, parent_id, n)
             CROSS JOIN LATERAL (
               SELECT k.n AS "__n", row_number() OVER (ORDER BY ${orderBy}) AS "__i", ${this.cols('x')}
               FROM ${this.name} x WHERE x.branch_id = k.branch_id AND ${fk} = k.parent_id ORDER BY ${orderBy}${cap}
             ) c
             ORDER BY c."__n", c."__i"`,
            limit === undefined ? [branchIds, parentIds] : [branchIds, parentIds, limit],
          );
          const groups: E[][] = keys.map(() => []);
          for (const row of rows as Record<string, unknown>[]) {
            const n = Number(row.__n);
            delete row.__n;
            delete row.__i;
            groups[n - 1].push(this.map(row) as E);
          }
          return groups;
        }),
    );
  }

  /** The primary-key values of a row. */
  keyOf(row: E): Values<E> {
    const key: Record<string, unknown> = {};
    for (const c of this.primary) key[c.property] = (row as Record<string, unknown>)[c.property];
    return key as Values<E>;
  }

  private where(values: Values<E>, first: number): { sql: string; params: unknown[] } {
    const entries = Object.entries(values).filter(([, v]) => v !== undefined);
    if (entries.length === 0) throw new Error(`${this.name}: a key is required`);
    return {
      sql: entries.map(([p], i) => `${this.col(p as keyof E & string)} = $${first + i}`).join(' AND '),
      params: entries.map(([p, v]) => this.param(this.byProperty.get(p)!, v)),
    };
  }

  private writable(values: Values<E>): [ColumnInfo, unknown][] {
    const out: [ColumnInfo, unknown][] = [];
    for (const [p, v] of Object.entries(values)) {
      if (v === undefined) continue;
      const c = this.byProperty.get(p);
      if (!c || c.virtual) throw new Error(`${this.name} has no writable column for ${p}`);
      out.push([c, v]);
    }
    if (out.length === 0) throw new Error(`${this.name}: nothing to write`);
    return out;
  }

  /** node-postgres turns a JavaScript array into a PostgreSQL array: JSON columns get their text instead. */
  private param(c: ColumnInfo, v: unknown): unknown {
    return JSON_TYPES.has(c.type) && v !== null ? JSON.stringify(v) : v;
  }
}

/** Defines a table from its entity; declare it once, beside the entity, and use it everywhere. */
export function defineTable<E>(entity: EntityClass<E>, options: TableOptions): Table<E> {
  return new Table(entity, options);
}
