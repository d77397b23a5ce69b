import type { MigrationInterface, QueryRunner } from 'typeorm';
import { BRANCHES } from './tenancy.js';

/**
 * Names the people a client sees on a branch's rows (who decided a step, who wrote a timeline entry, who
 * recorded a visit) as objects. branch_directory shows only members of the branches in scope, but a branch's
 * rows also name head-office people (leadership deciding a large contract), whose head office a branch user
 * does not have in scope. This answers, per (branch, user) pair of a branch in scope, that user's membership in
 * the branch, else in the head office of the branch's organization: the people who act on the branch's rows.
 * Disabled users are named too: history keeps who did it. No one outside those two places is ever answered.
 */
export class PeopleInScope1765584000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION people_in_scope(p_branch uuid[], p_user uuid[])
        RETURNS TABLE (branch_id uuid, user_id uuid, display_name text, email text, role text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
          SELECT DISTINCT ON (k.b, k.u) k.b, k.u, u.display_name, u.email, m.role
          FROM unnest(p_branch, p_user) AS k(b, u)
          JOIN branches b ON b.id = k.b
          JOIN memberships m ON m.user_id = k.u
          JOIN branches mb ON mb.id = m.branch_id
          JOIN users u ON u.id = k.u
          WHERE k.b = ANY (${BRANCHES})
            AND (m.branch_id = k.b OR (mb.kind = 'HEAD_OFFICE' AND mb.organization_id = b.organization_id))
          ORDER BY k.b, k.u, (m.branch_id = k.b) DESC
        $$;
      REVOKE ALL ON FUNCTION people_in_scope(uuid[], uuid[]) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION people_in_scope(uuid[], uuid[]) TO app_runtime;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION people_in_scope(uuid[], uuid[]);`);
  }
}
