import type { MigrationInterface, QueryRunner } from 'typeorm';
import { BRANCHES, CUSTOMER_VISIBLE, OWN_ONLY, USER_ID, tenantPolicy } from './tenancy.js';

const OLD_BRANCHES = `(SELECT NULLIF(current_setting('app.branch_ids', true), ''))::uuid[]`;
const OLD_USER_ID = `(SELECT NULLIF(current_setting('app.user_id', true), ''))::uuid`;

/** Recreates the policies and scoped views with the setting parsed once per statement (see tenancy.ts). */
function policies(branches: string, userId: string, policy: (table: string, extra?: string) => string): string {
  return `
    DROP POLICY tenant_isolation ON branch_settings; ${policy('branch_settings')}
    DROP POLICY tenant_isolation ON customers; ${policy('customers', `${OWN_ONLY} OR owner_id = ${userId}`)}
    DROP POLICY tenant_isolation ON customer_contacts; ${policy('customer_contacts', CUSTOMER_VISIBLE('customer_contacts'))}
    DROP POLICY tenant_isolation ON contact_logs; ${policy('contact_logs', CUSTOMER_VISIBLE('contact_logs'))}
    DROP POLICY tenant_isolation ON notifications; ${policy('notifications')}
    DROP POLICY tenant_isolation ON audit_log; ${policy('audit_log')}
    DROP POLICY tenant_isolation ON outbox; ${policy('outbox')}
    ALTER POLICY own_rows_select ON notifications USING (${userId} IS NULL OR user_id = ${userId});
    ALTER POLICY own_rows_update ON notifications USING (${userId} IS NULL OR user_id = ${userId});
    ALTER POLICY own_rows_delete ON notifications USING (${userId} IS NULL OR user_id = ${userId});
    CREATE OR REPLACE VIEW branch_directory WITH (security_barrier) AS
      SELECT m.branch_id, m.user_id, m.role, u.display_name, u.email
      FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.branch_id = ANY (${branches}) AND u.disabled_at IS NULL;
    CREATE OR REPLACE VIEW scope_branches WITH (security_barrier) AS
      SELECT b.id, b.organization_id, b.code, b.name, b.kind, b.time_zone, b.currency
      FROM branches b WHERE b.id = ANY (${branches});`;
}

function oldPolicy(table: string, extraUsing = ''): string {
  const using = `branch_id = ANY (${OLD_BRANCHES})${extraUsing ? ` AND (${extraUsing})` : ''}`;
  return `CREATE POLICY tenant_isolation ON ${table} USING (${using}) WITH CHECK (${using});`;
}

export class PolicyInitplans1764118800000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(policies(BRANCHES, USER_ID, tenantPolicy));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(policies(OLD_BRANCHES, OLD_USER_ID, oldPolicy));
  }
}
