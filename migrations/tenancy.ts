/**
 * SQL fragments every tenant table's policies use. New migrations import these; a change here
 * changes only migrations written after it (applied migrations are history).
 *
 * The casts sit inside the scalar subqueries, so PostgreSQL evaluates the setting and parses the
 * array once per statement (an initPlan). With the cast outside, `(SELECT ...)::uuid[]`, the text
 * is parsed again for every row the policy checks: 16x slower on a 51-branch head-office page.
 */
export const BRANCHES = `(SELECT NULLIF(current_setting('app.branch_ids', true), '')::uuid[])::uuid[]`;
export const USER_ID = `(SELECT NULLIF(current_setting('app.user_id', true), '')::uuid)`;
export const OWN_ONLY = `(SELECT current_setting('app.own_only', true)) IS DISTINCT FROM 'on'`;

/** The branch-set policy, with an optional extra condition (both USING and WITH CHECK). */
export function tenantPolicy(table: string, extraUsing = ''): string {
  const using = `branch_id = ANY (${BRANCHES})${extraUsing ? ` AND (${extraUsing})` : ''}`;
  return `CREATE POLICY tenant_isolation ON ${table} USING (${using}) WITH CHECK (${using});`;
}

/** ENABLE + FORCE row-level security and the branch-set policy: what every new tenant table carries. */
export function tenantTable(table: string, extraUsing = ''): string {
  return `
    ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
    ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
    ${tenantPolicy(table, extraUsing)}`;
}

/** A customer's children are visible to a rep only when the customer is (the customers policy applies inside). */
export const CUSTOMER_VISIBLE = (t: string) =>
  `${OWN_ONLY} OR EXISTS (SELECT 1 FROM customers c WHERE c.branch_id = ${t}.branch_id AND c.id = ${t}.customer_id)`;
