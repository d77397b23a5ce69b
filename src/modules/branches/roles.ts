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

registerEnumType(Role, {
  name: 'Role',
  description: 'What a person does in a branch (or at head office)',
  valuesMap: {
    ARCHIVIST: { description: 'Archivist (档案管理): keeps documents and originals' },
    BRANCH_MANAGER: {
      description: 'Department head of a branch (商务部经理): manages staff, approves, sees the whole branch',
    },
    CLERK: { description: 'Sales back-office clerk (销售内勤): orders, shipping, records' },
    FINANCE: { description: 'Finance reviewer (财务部): reads contracts and money' },
    HQ_ADMIN: { description: 'Head-office administrator: every branch, settings and staff' },
    HQ_STAFF: { description: 'Head-office staff: every branch, day-to-day' },
    HR: { description: 'Human resources (人力资源)' },
    LEADERSHIP: { description: 'Company leadership (公司领导): approves the largest items' },
    LEGAL: { description: 'Legal reviewer (法务): reviews contracts' },
    SALES_REP: {
      description: 'Commercial specialist or sales representative (商务专员): sees the customers and work they own',
    },
  },
});

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
  | 'contracts:risks'
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
  | 'complaints:resolve'
  // ---- end complaints ----
  // ---- fulfillment ----
  | 'catalogue:read'
  | 'catalogue:write'
  | 'catalogue:price'
  | 'stock:read'
  | 'stock:write'
  | 'stock:locations'
  | 'stock:value'
  | 'shipments:read'
  | 'shipments:write'
  // ---- returns ----
  | 'returns:read'
  | 'returns:request'
  | 'returns:check'
  | 'returns:process'
  | 'returns:report'
  | 'purchases:correct'
  // ---- end returns ----
  | 'shipping:report'
  // ---- end fulfillment ----
  // ---- finance ----
  | 'contracts:waive'
  | 'contracts:original'
  | 'receipts:read'
  | 'receipts:write'
  | 'receivables:read'
  | 'invoices:read'
  | 'invoices:request'
  | 'invoices:issue'
  // ---- budgets (stats) ----
  | 'budgets:read'
  | 'budgets:write'
  | 'trips:apply'
  | 'trips:read'
  | 'receptions:read'
  | 'receptions:write'
  | 'statistics:read'
  // ---- end budgets (stats) ----
  // ---- end finance ----
  // ---- documents ----
  | 'documents:read'
  | 'documents:write'
  | 'documents:archive'
  | 'documents:grant'
  | 'documents:audit'
  // ---- end documents ----
  // ---- performance ----
  | 'kpi:read'
  | 'kpi:overview'
  | 'kpi:targets'
  | 'kpi:split'
  | 'attendance:clock'
  | 'attendance:read'
  | 'attendance:overview'
  | 'attendance:manage'
  // ---- end performance ----
  // ---- purchase orders and RMA ----
  | 'purchase-orders:read'
  | 'purchase-orders:write'
  | 'rma:read'
  | 'rma:write'
  | 'rma:settings'
  | 'rma:report'
  // ---- end purchase orders and RMA ----
  // ---- procurement ----
  | 'procurement:read'
  | 'procurement:write'
  | 'procurement:deposit'
  // ---- end procurement ----
  // ---- appraisals, meetings, plans ----
  | 'appraisals:read'
  | 'appraisals:overview'
  | 'appraisals:score'
  | 'appraisals:check'
  | 'meetings:read'
  | 'meetings:write'
  | 'plans:write'
  | 'plans:overview'
  | 'plans:approve'
  // ---- end appraisals, meetings, plans ----
  // ---- queue view ----
  | 'queues:view'
  // ---- end queue view ----
  | 'audit:read';

const ALL_ROLES = Object.values(Role);

/** Who does the department's commercial work: head office's admin, the branch manager, sales reps, the back office. */
const COMMERCIAL_STAFF = [Role.HQ_ADMIN, Role.BRANCH_MANAGER, Role.SALES_REP, Role.CLERK];
/** Who reads the commercial records: head office, the branch's commercial staff, finance and legal reviewers. */
const COMMERCIAL_READERS = [
  Role.HQ_ADMIN,
  Role.HQ_STAFF,
  Role.LEADERSHIP,
  Role.BRANCH_MANAGER,
  Role.SALES_REP,
  Role.CLERK,
  Role.FINANCE,
  Role.LEGAL,
];
/** The branch's department head, or head office's admin acting for a branch. */
const MANAGERS = [Role.HQ_ADMIN, Role.BRANCH_MANAGER];
/** Who oversees a branch's figures: head office and the department head. */
const OVERSEERS = [Role.HQ_ADMIN, Role.HQ_STAFF, Role.LEADERSHIP, Role.BRANCH_MANAGER];

const GRANTS: Record<Permission, Role[]> = {
  'customers:read': COMMERCIAL_READERS,
  'customers:write': COMMERCIAL_STAFF,
  'customers:assign': MANAGERS,
  'customers:archive': MANAGERS,
  'branches:manage': [Role.HQ_ADMIN],
  'users:manage': MANAGERS,
  'settings:manage': MANAGERS,
  'notifications:read': ALL_ROLES,
  'approvals:act': ALL_ROLES,
  'approvals:overview': [Role.HQ_ADMIN, Role.HQ_STAFF, Role.LEADERSHIP],
  'contracts:read': COMMERCIAL_READERS,
  'contracts:write': COMMERCIAL_STAFF,
  'contracts:sign': MANAGERS,
  'contracts:assign': MANAGERS,
  // The risk register before signing: the commercial staff, and the legal reviewer who finds legal risks.
  'contracts:risks': [...COMMERCIAL_STAFF, Role.LEGAL],
  'orders:read': COMMERCIAL_READERS,
  'orders:write': COMMERCIAL_STAFF,
  // The back office has the goods shipped (DOMAIN.md section 5).
  'orders:release': [Role.HQ_ADMIN, Role.BRANCH_MANAGER, Role.CLERK],
  'tenders:read': COMMERCIAL_READERS,
  'tenders:write': COMMERCIAL_STAFF,
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
  'leads:write': COMMERCIAL_STAFF,
  // ---- end leads ----
  // ---- visits ----
  'visits:read': COMMERCIAL_READERS,
  'visits:write': COMMERCIAL_STAFF,
  // The superior reviews visit reports (DOMAIN.md section 2): the branch manager, or head office.
  'visits:review': OVERSEERS,
  'satisfaction:read': COMMERCIAL_READERS,
  'satisfaction:write': COMMERCIAL_STAFF,
  // Satisfaction is a KPI of the branch (DOMAIN.md section 7): its averages are for managers and head office.
  'satisfaction:report': OVERSEERS,
  // A rep reads their own attainment; the per-branch view is for managers and head office.
  'quotas:read': [Role.HQ_ADMIN, Role.HQ_STAFF, Role.LEADERSHIP, Role.BRANCH_MANAGER, Role.SALES_REP],
  'quotas:overview': OVERSEERS,
  // ---- end visits ----
  // ---- channels ----
  'channels:read': COMMERCIAL_READERS,
  'channels:write': COMMERCIAL_STAFF,
  // Evaluating a partner sets its tier: the department head's call (DOMAIN.md section 3), or head office's.
  'channels:evaluate': MANAGERS,
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
  'complaints:write': COMMERCIAL_STAFF,
  // Resolving and recording the customer's confirmation: the people who answer for the customer.
  'complaints:resolve': [Role.HQ_ADMIN, Role.BRANCH_MANAGER, Role.SALES_REP],
  // ---- end complaints ----
  // ---- fulfillment ----
  // The catalogue, makers and suppliers are the organization's: head office keeps them, every branch reads them.
  'catalogue:read': COMMERCIAL_READERS,
  'catalogue:write': [Role.HQ_ADMIN, Role.HQ_STAFF],
  // A branch's own selling price: the department head (or head office's admin for the branch).
  'catalogue:price': MANAGERS,
  'stock:read': COMMERCIAL_READERS,
  // Goods in and out are the back office's (DOMAIN.md section 5), with the department head.
  'stock:write': [Role.HQ_ADMIN, Role.BRANCH_MANAGER, Role.CLERK],
  'stock:locations': MANAGERS,
  // Stock value reconciles with finance at month end.
  'stock:value': [...OVERSEERS, Role.FINANCE],
  // The back office has the goods shipped and records where they are (DOMAIN.md section 5); sales follow them.
  'shipments:read': COMMERCIAL_READERS,
  'shipments:write': [Role.HQ_ADMIN, Role.BRANCH_MANAGER, Role.CLERK],
  // Signing-to-shipment times and orders waiting for release per branch: head office and the department head.
  'shipping:report': OVERSEERS,
  // ---- end fulfillment ----
  // ---- returns ----
  'returns:read': COMMERCIAL_READERS,
  // The customer's request is taken by whoever answers for the customer (a rep for their own orders).
  'returns:request': COMMERCIAL_STAFF,
  // Checking the goods and their authenticity, and processing the approved note: the back office (DOMAIN.md 5).
  'returns:check': [Role.HQ_ADMIN, Role.BRANCH_MANAGER, Role.CLERK],
  'returns:process': [Role.HQ_ADMIN, Role.BRANCH_MANAGER, Role.CLERK],
  'returns:report': OVERSEERS,
  // Taking purchases off (or adding) by hand moves tiers: the department head's call, or head office's.
  'purchases:correct': MANAGERS,
  // ---- end returns ----
  // ---- finance ----
  // Waiving a payment gives money up: the department head's decision, or head office's; never a rep's.
  'contracts:waive': MANAGERS,
  // The archivist files signed originals (档案): marks one received with its scan.
  'contracts:original': [...COMMERCIAL_STAFF, Role.ARCHIVIST],
  // Receipts (回款) are finance's books: its reviewer and head office's admin record and reverse them; the
  // branch's overseers read them. A sales rep sees what was paid on the instalment, not the receipts.
  'receipts:read': [...OVERSEERS, Role.FINANCE],
  'receipts:write': [Role.HQ_ADMIN, Role.FINANCE],
  'receivables:read': [...OVERSEERS, Role.FINANCE],
  // Invoices: the commercial staff ask for them on a contract (a rep sees the requests they made), finance reviews
  // (the approval engine), issues, delivers and credits them; a rep or the back office never issues or credits.
  'invoices:read': [...OVERSEERS, Role.SALES_REP, Role.CLERK, Role.FINANCE],
  'invoices:request': [...COMMERCIAL_STAFF, Role.FINANCE],
  'invoices:issue': [Role.HQ_ADMIN, Role.FINANCE],
  // ---- budgets (stats) ----
  // The department's budgets and expenses: finance keeps them with the department head (or head office's admin);
  // head office and leadership read them.
  'budgets:read': [...OVERSEERS, Role.FINANCE],
  'budgets:write': [Role.HQ_ADMIN, Role.BRANCH_MANAGER, Role.FINANCE],
  // Anyone of a branch travels on business and claims after; they read their own trips (finance and overseers all).
  'trips:apply': ALL_ROLES.filter((r) => !HEAD_OFFICE_ROLES.has(r)),
  'trips:read': ALL_ROLES,
  // Receptions are hosted by the commercial staff for their customers; finance reads what they cost.
  'receptions:read': [...COMMERCIAL_READERS],
  'receptions:write': COMMERCIAL_STAFF,
  // Purchase/sales and target-customer statistics: the overseers and finance; a rep their own customers'.
  'statistics:read': [...OVERSEERS, Role.FINANCE, Role.SALES_REP],
  // ---- end budgets (stats) ----
  // ---- end finance ----
  // ---- documents ----
  // Everyone reads the documents their role's clearance or an explicit grant opens (the documents module decides).
  'documents:read': ALL_ROLES,
  // Drafting, uploading files and new versions: every role that writes papers (leadership signs, it does not draft).
  'documents:write': ALL_ROLES.filter((r) => r !== Role.LEADERSHIP),
  // The archive (档案) is kept by the archivist, under the department head or head office.
  'documents:archive': [Role.HQ_ADMIN, Role.BRANCH_MANAGER, Role.ARCHIVIST],
  // Who may open a confidential document to a named person, and read who read it: keepers of secrets.
  'documents:grant': [Role.HQ_ADMIN, Role.BRANCH_MANAGER, Role.ARCHIVIST, Role.LEGAL],
  'documents:audit': [Role.HQ_ADMIN, Role.BRANCH_MANAGER, Role.ARCHIVIST, Role.LEGAL],
  // ---- end documents ----
  // ---- performance ----
  // A rep reads their own KPI lines; branch rankings and the recompute's checks are for managers and head office.
  'kpi:read': [Role.HQ_ADMIN, Role.HQ_STAFF, Role.LEADERSHIP, Role.BRANCH_MANAGER, Role.SALES_REP],
  'kpi:overview': OVERSEERS,
  // Head office sets each branch's targets (its admin and leadership); the department head splits them over people.
  'kpi:targets': [Role.HQ_ADMIN, Role.LEADERSHIP],
  'kpi:split': MANAGERS,
  // Everyone clocks in and reads their own month; the department head and head office read their people's.
  'attendance:clock': ALL_ROLES,
  'attendance:read': ALL_ROLES,
  'attendance:overview': OVERSEERS,
  'attendance:manage': MANAGERS,
  // ---- end performance ----
  // ---- purchase orders and RMA ----
  // The back office draws up and follows purchase orders to the maker (DOMAIN.md section 5); finance reviews them
  // through the approval engine and reads them, as do sales.
  'purchase-orders:read': COMMERCIAL_READERS,
  'purchase-orders:write': [Role.HQ_ADMIN, Role.BRANCH_MANAGER, Role.CLERK],
  // After-sales: the commercial staff take requests in and move them along; a rep sees the RMAs of their customers.
  'rma:read': COMMERCIAL_READERS,
  'rma:write': COMMERCIAL_STAFF,
  // Each step's time limit is the department head's (or head office's) setting; open RMAs by age for overseers.
  'rma:settings': MANAGERS,
  'rma:report': OVERSEERS,
  // ---- end purchase orders and RMA ----
  // ---- procurement ----
  // Procurement from suppliers (DOMAIN.md section 5): the back office buys with the department head; finance reviews
  // purchase contracts through the approval engine and records deposits; head office and leadership read it.
  'procurement:read': [...OVERSEERS, Role.CLERK, Role.FINANCE],
  'procurement:write': [Role.HQ_ADMIN, Role.BRANCH_MANAGER, Role.CLERK],
  'procurement:deposit': [Role.HQ_ADMIN, Role.FINANCE],
  // ---- end procurement ----
  // ---- appraisals, meetings, plans ----
  // Everyone has an appraisal and reads their own; the branch's overseers and HR (who checks them) read the branch's.
  'appraisals:read': ALL_ROLES,
  'appraisals:overview': [...OVERSEERS, Role.HR],
  // The department head scores the branch's people; head office's admin scores the department heads.
  'appraisals:score': MANAGERS,
  // HR aggregates and checks (DOMAIN.md section 7); head office's admin where a branch has no HR.
  'appraisals:check': [Role.HQ_ADMIN, Role.HR],
  // The weekly department meeting is the branch's: everyone reads it; the head and the back office keep the minutes.
  'meetings:read': ALL_ROLES,
  'meetings:write': [Role.HQ_ADMIN, Role.BRANCH_MANAGER, Role.CLERK],
  // Everyone plans their own work; the department head and head office read and approve the branch's plans.
  'plans:write': ALL_ROLES,
  'plans:overview': OVERSEERS,
  'plans:approve': MANAGERS,
  // ---- end appraisals, meetings, plans ----
  // ---- queue view ----
  // The operators' queue view (bull-board at /admin/queues): every branch's jobs and their data, head office's admin only.
  'queues:view': [Role.HQ_ADMIN],
  // ---- end queue view ----
  // The audit log: head office's admin over the organization, the department head over the branch.
  'audit:read': MANAGERS,
};

export function can(role: string, permission: Permission): boolean {
  return GRANTS[permission].includes(role as Role);
}
