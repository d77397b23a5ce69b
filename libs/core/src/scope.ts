import type { Tx } from './database.js';
import { RequestContext } from './request-context.js';

/**
 * The tenancy settings of a transaction change here and in `Database.begin` only (a test fails on any other
 * `set_config('app.…')`): a second door to the wall would be a second place to get it wrong.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Sets the branches a system transaction works in (a scan that claimed rows of these branches) and returns a
 * context over them. Row-level security applies from the next statement on.
 */
export async function enterBranches(tx: Tx, branchIds: readonly string[]): Promise<RequestContext> {
  const ids = [...new Set(branchIds)];
  for (const id of ids) if (!UUID.test(id)) throw new Error(`not a branch id: ${id}`);
  await tx.query(`SELECT set_config('app.branch_ids', $1, true)`, [`{${ids.join(',')}}`]);
  return RequestContext.forTransaction(tx, { branchIds: ids });
}

/**
 * Sets the organization whose platform rows a platform transaction sees to the value of a SQL expression (a
 * definer function's answer, e.g. the organization of a refresh token) and returns it, or null when there is none.
 */
export async function enterOrganizationOf(tx: Tx, expression: string, params: unknown[]): Promise<string | null> {
  const [row] = await tx.query<{ org: string }>(
    `SELECT set_config('app.org_id', coalesce((${expression})::text, ''), true) AS org`,
    params,
  );
  return row?.org || null;
}
