import type { RequestContext } from '@app/core';
import {
  checkFirst,
  decodeCursor,
  encodeCursor,
  toConnection,
  type ConnectionShape,
  type CursorValue,
} from './connection.js';

/**
 * The WHERE clause of a list, built once and shared by its page and its count: conditions with numbered
 * parameters. `branches` and `owner` apply the tenant scope the same way in every module.
 */
export class SqlFilter {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];

  /** Adds a parameter and returns its placeholder (`$n`, with `::cast` when given). */
  param(value: unknown, cast?: string): string {
    this.params.push(value);
    return `$${this.params.length}${cast ? `::${cast}` : ''}`;
  }

  /** Adds a condition; `build` receives `param` to number its values. */
  where(build: string | ((p: (value: unknown, cast?: string) => string) => string)): this {
    this.parts.push(typeof build === 'string' ? build : build((v, c) => this.param(v, c)));
    return this;
  }

  /** `column = value` when the value is given (undefined/null leaves the list unfiltered). */
  eq(column: string, value: unknown, cast?: string): this {
    if (value !== undefined && value !== null) this.where((p) => `${column} = ${p(value, cast)}`);
    return this;
  }

  /**
   * The branches the caller may see, narrowed to `branchId` when a filter names one (a branch outside the
   * scope gives an empty list, as RLS would). One branch is an equality, so the planner uses the index prefix.
   */
  branches(ctx: RequestContext, branchId?: string | null, column = 'branch_id'): this {
    const ids = branchId ? ctx.branchIds.filter((b) => b === branchId.toLowerCase()) : ctx.branchIds;
    if (ids.length === 1) return this.where((p) => `${column} = ${p(ids[0], 'uuid')}`);
    return this.where((p) => `${column} = ANY(${p(ids, 'uuid[]')})`);
  }

  /** Rows the actor owns when their role sees only its own (sales reps). */
  owner(ctx: RequestContext, column = 'owner_id'): this {
    if (ctx.ownOnly) this.where((p) => `${column} = ${p(ctx.actor!.userId, 'uuid')}`);
    return this;
  }

  get sql(): string {
    return this.parts.length ? this.parts.join(' AND ') : 'TRUE';
  }

  clone(): SqlFilter {
    const c = new SqlFilter();
    c.params.push(...this.params);
    c.parts.push(...this.parts);
    return c;
  }
}

export interface KeysetOrder<N> {
  /** The sort column as written in SQL (e.g. `created_at`); ties are broken by `id`. */
  column: string;
  /** The SQL type the cursor value is cast to: `timestamptz`, `date`, `text`, `numeric`, `int`. */
  cast: string;
  desc?: boolean;
  /** The sort value of a node, for its cursor. */
  value: (node: N) => CursorValue | Date;
  /** The node's id column, `id` unless the query aliases it. */
  idColumn?: string;
}

/**
 * One keyset page of a list: `first + 1` rows after the cursor in (column, id) order, mapped to nodes, and
 * a count over the same filter that runs only when `totalCount` is selected. Two statements at most,
 * whatever the page size.
 */
export async function keysetPage<R, N extends { id: string }>(
  ctx: RequestContext,
  args: { first?: number; after?: string },
  q: {
    /** The select list, e.g. `TENDER_COLUMNS`. */
    columns: string;
    /** The FROM part (a table, or joins), shared by the page and its count. */
    from: string;
    filter: SqlFilter;
    order: KeysetOrder<N>;
    map: (row: R) => N;
    defaultFirst?: number;
  },
): Promise<ConnectionShape<N>> {
  const first = checkFirst(args.first, q.defaultFirst);
  const { column, cast, desc } = q.order;
  const id = q.order.idColumn ?? 'id';
  const page = q.filter.clone();
  if (args.after) {
    const [value, afterId] = decodeCursor(args.after);
    page.where((p) => `(${column}, ${id}) ${desc ? '<' : '>'} (${p(String(value), cast)}, ${p(afterId, 'uuid')})`);
  }
  const dir = desc ? ' DESC' : '';
  const limit = page.param(first + 1);
  const tx = await ctx.tx();
  const rows = await tx.query<R>(
    `SELECT ${q.columns} FROM ${q.from} WHERE ${page.sql} ORDER BY ${column}${dir}, ${id}${dir} LIMIT ${limit}`,
    page.params,
  );
  return toConnection(
    rows.map(q.map),
    first,
    (n) => encodeCursor(q.order.value(n), n.id),
    async () => {
      const r = await tx.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${q.from} WHERE ${q.filter.sql}`,
        q.filter.params,
      );
      return Number(r[0].n);
    },
  );
}
