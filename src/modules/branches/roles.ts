import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  HQ_ADMIN = 'HQ_ADMIN',
  HQ_STAFF = 'HQ_STAFF',
  LEADERSHIP = 'LEADERSHIP',
  BRANCH_MANAGER = 'BRANCH_MANAGER',
  SALES_REP = 'SALES_REP',
  CLERK = 'CLERK',
  FINANCE = 'FINANCE',
  LEGAL = 'LEGAL',
  HR = 'HR',
  ARCHIVIST = 'ARCHIVIST',
}

registerEnumType(Role, { name: 'Role', description: 'What a person does in a branch (or at head office)' });

/** Roles that only exist at head office; a membership there sees every branch of the organization. */
export const HEAD_OFFICE_ROLES: ReadonlySet<Role> = new Set([Role.HQ_ADMIN, Role.HQ_STAFF, Role.LEADERSHIP]);

/** Roles whose customer list is limited to the customers they own. */
export const OWN_ONLY_ROLES: ReadonlySet<Role> = new Set([Role.SALES_REP]);

export type Permission =
  | 'customers:read'
  | 'customers:write'
  | 'customers:assign'
  | 'customers:archive'
  | 'branches:manage'
  | 'users:manage'
  | 'settings:manage'
  | 'notifications:read'
  | 'approvals:act'
  | 'approvals:overview'
  | 'contracts:read'
  | 'contracts:write'
  | 'contracts:sign'
  | 'contracts:assign'
  | 'orders:read'
  | 'orders:write'
  | 'orders:release'
  | 'tenders:read'
  | 'tenders:write'
  | 'research:read'
  | 'research:write'
  // ---- leads ----
  | 'leads:read'
  | 'leads:write'
  // ---- end leads ----
  // ---- visits ----
  | 'visits:read'
  | 'visits:write'
  | 'visits:review'
  | 'satisfaction:read'
  | 'satisfaction:write'
  | 'satisfaction:report'
  | 'quotas:read'
  | 'quotas:overview'
  // ---- end visits ----
  // ---- channels ----
  | 'channels:read'
  | 'channels:write'
  | 'channels:evaluate'
  // ---- end channels ----
  // ---- complaints ----
  | 'complaints:read'
  | 'complaints:write'
  | 'complaints:resolve';
// ---- end complaints ----

const ALL_ROLES = Object.values(Role);

const GRANTS: Record<Permission, Role[]> = {
  'customers:read': [
    Role.HQ_ADMIN,
    Role.HQ_STAFF,
    Role.LEADERSHIP,
    Role.BRANCH_MANAGER,
    Role.SALES_REP,
    Role.CLERK,
    Role.FINANCE,
    Role.LEGAL,
  ],
  'customers:write': [Role.HQ_ADMIN, Role.BRANCH_MANAGER, Role.SALES_REP, Role.CLERK],
  'customers:assign': [Role.HQ_ADMIN, Role.BRANCH_MANAGER],
  'customers:archive': [Role.HQ_ADMIN, Role.BRANCH_MANAGER],
  'branches:manage': [Role.HQ_ADMIN],
  'users:manage': [Role.HQ_ADMIN, Role.BRANCH_MANAGER],
  'settings:manage': [Role.HQ_ADMIN, Role.BRANCH_MANAGER],
  'notifications:read': ALL_ROLES,
  'approvals:act': ALL_ROLES,
  'approvals:overview': [Role.HQ_ADMIN, Role.HQ_STAFF, Role.LEADERSHIP],
  'contracts:read': [
    Role.HQ_ADMIN,
    Role.HQ_STAFF,
    Role.LEADERSHIP,
    Role.BRANCH_MANAGER,
    Role.SALES_REP,
    Role.CLERK,
    Role.FINANCE,
    Role.LEGAL,
  ],
  'contracts:write': [Role.HQ_ADMIN, Role.BRANCH_MANAGER, Role.SALES_REP, Role.CLERK],
  'contracts:sign': [Role.HQ_ADMIN, Role.BRANCH_MANAGER],
  'contracts:assign': [Role.HQ_ADMIN, Role.BRANCH_MANAGER],
  'orders:read': [
    Role.HQ_ADMIN,
    Role.HQ_STAFF,
    Role.LEADERSHIP,
    Role.BRANCH_MANAGER,
    Role.SALES_REP,
    Role.CLERK,
    Role.FINANCE,
    Role.LEGAL,
  ],
  'orders:write': [Role.HQ_ADMIN, Role.BRANCH_MANAGER, Role.SALES_REP, Role.CLERK],
  // The back office has the goods shipped (DOMAIN.md section 5).
  'orders:release': [Role.HQ_ADMIN, Role.BRANCH_MANAGER, Role.CLERK],
  'tenders:read': [
    Role.HQ_ADMIN,
    Role.HQ_STAFF,
    Role.LEADERSHIP,
    Role.BRANCH_MANAGER,
    Role.SALES_REP,
    Role.CLERK,
    Role.FINANCE,
    Role.LEGAL,
  ],
  'tenders:write': [Role.HQ_ADMIN, Role.BRANCH_MANAGER, Role.SALES_REP, Role.CLERK],
  // Market research is the department's shared knowledge: its staff and head office read it; the
  // commercial specialists (SALES_REP) and the back office log it.
  'research:read': [
    Role.HQ_ADMIN,
    Role.HQ_STAFF,
    Role.LEADERSHIP,
    Role.BRANCH_MANAGER,
    Role.SALES_REP,
    Role.CLERK,
    Role.FINANCE,
  ],
  'research:write': [Role.HQ_ADMIN, Role.HQ_STAFF, Role.BRANCH_MANAGER, Role.SALES_REP, Role.CLERK],
  // ---- leads ----
  // Prospects are the sales side's: finance and legal have no business with them until they are customers.
  'leads:read': [Role.HQ_ADMIN, Role.HQ_STAFF, Role.LEADERSHIP, Role.BRANCH_MANAGER, Role.SALES_REP, Role.CLERK],
  'leads:write': [Role.HQ_ADMIN, Role.BRANCH_MANAGER, Role.SALES_REP, Role.CLERK],
  // ---- end leads ----
  // ---- visits ----
  'visits:read': [
    Role.HQ_ADMIN,
    Role.HQ_STAFF,
    Role.LEADERSHIP,
    Role.BRANCH_MANAGER,
    Role.SALES_REP,
    Role.CLERK,
    Role.FINANCE,
    Role.LEGAL,
  ],
  'visits:write': [Role.HQ_ADMIN, Role.BRANCH_MANAGER, Role.SALES_REP, Role.CLERK],
  // The superior reviews visit reports (DOMAIN.md section 2): the branch manager, or head office.
  'visits:review': [Role.HQ_ADMIN, Role.HQ_STAFF, Role.LEADERSHIP, Role.BRANCH_MANAGER],
  'satisfaction:read': [
    Role.HQ_ADMIN,
    Role.HQ_STAFF,
    Role.LEADERSHIP,
    Role.BRANCH_MANAGER,
    Role.SALES_REP,
    Role.CLERK,
    Role.FINANCE,
    Role.LEGAL,
  ],
  'satisfaction:write': [Role.HQ_ADMIN, Role.BRANCH_MANAGER, Role.SALES_REP, Role.CLERK],
  // Satisfaction is a KPI of the branch (DOMAIN.md section 7): its averages are for managers and head office.
  'satisfaction:report': [Role.HQ_ADMIN, Role.HQ_STAFF, Role.LEADERSHIP, Role.BRANCH_MANAGER],
  // A rep reads their own attainment; the per-branch view is for managers and head office.
  'quotas:read': [Role.HQ_ADMIN, Role.HQ_STAFF, Role.LEADERSHIP, Role.BRANCH_MANAGER, Role.SALES_REP],
  'quotas:overview': [Role.HQ_ADMIN, Role.HQ_STAFF, Role.LEADERSHIP, Role.BRANCH_MANAGER],
  // ---- end visits ----
  // ---- channels ----
  'channels:read': [
    Role.HQ_ADMIN,
    Role.HQ_STAFF,
    Role.LEADERSHIP,
    Role.BRANCH_MANAGER,
    Role.SALES_REP,
    Role.CLERK,
    Role.FINANCE,
    Role.LEGAL,
  ],
  'channels:write': [Role.HQ_ADMIN, Role.BRANCH_MANAGER, Role.SALES_REP, Role.CLERK],
  // Evaluating a partner sets its tier: the department head's call (DOMAIN.md section 3), or head office's.
  'channels:evaluate': [Role.HQ_ADMIN, Role.BRANCH_MANAGER],
  // ---- end channels ----
  // ---- complaints ----
  'complaints:read': [
    Role.HQ_ADMIN,
    Role.HQ_STAFF,
    Role.LEADERSHIP,
    Role.BRANCH_MANAGER,
    Role.SALES_REP,
    Role.CLERK,
    Role.FINANCE,
  ],
  // The back office takes complaints in (phone, letters) and follows the investigation.
  'complaints:write': [Role.HQ_ADMIN, Role.BRANCH_MANAGER, Role.SALES_REP, Role.CLERK],
  // Resolving and recording the customer's confirmation: the people who answer for the customer.
  'complaints:resolve': [Role.HQ_ADMIN, Role.BRANCH_MANAGER, Role.SALES_REP],
  // ---- end complaints ----
};

export function can(role: string, permission: Permission): boolean {
  return GRANTS[permission].includes(role as Role);
}
