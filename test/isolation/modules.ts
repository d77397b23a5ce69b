/**
 * The modules taking part in the isolation run, in seeding order (a module's seed reads ids seeded by the ones
 * above it). A new module adds its file here and its interface to `Slot`; see harness.ts for what a file holds.
 */
import * as customers from './customers.js';
import * as approvals from './approvals.js';
import * as contracts from './contracts.js';
import * as orders from './orders.js';
import * as tenders from './tenders.js';
import * as quotes from './quotes.js';
import * as channels from './channels.js';
import * as research from './research.js';
import * as leads from './leads.js';
import * as visits from './visits.js';
import * as complaints from './complaints.js';
import * as fulfillment from './fulfillment.js';
import * as purchasing from './purchasing.js';
import * as procurement from './procurement.js';
import * as finance from './finance.js';
import * as reconciliation from './reconciliation.js';
import * as documents from './documents.js';
import * as performance from './performance.js';
import * as appraisals from './appraisals.js';
import * as returns from './returns.js';
import * as platform from './platform.js';
import * as budgets from './budgets.js';
import * as dashboard from './dashboard.js';
import type { ModuleMetadata } from '@nestjs/common';
import type { Case, SeedContext } from './harness.js';

/** What one module brings to the run (every member optional but its cases). */
export interface IsolationModule {
  cases: Case[];
  tables?: readonly string[];
  seedSlot?: (ctx: SeedContext, slot: Slot) => Promise<void>;
  seedBranch?: (branchId: string) => Promise<void>;
  seedWithApp?: () => Promise<void>;
  ownIds?: () => Promise<void>;
  beforeProbes?: () => void;
  afterProbes?: () => void;
  afterOwnIds?: () => void;
  sqlWall?: () => void;
  /** Nest modules the app under test imports (an approval subject the seed submits requests of). */
  appImports?: NonNullable<ModuleMetadata['imports']>;
}

/** By name, with each module's own type (the runner calls steps only some modules have, e.g. customers.ownIdsOfManagers). */
export const MODULES = {
  customers,
  approvals,
  contracts,
  orders,
  tenders,
  quotes,
  channels,
  research,
  leads,
  visits,
  complaints,
  fulfillment,
  purchasing,
  procurement,
  finance,
  reconciliation,
  documents,
  performance,
  appraisals,
  returns,
  platform,
  budgets,
  dashboard,
} satisfies Record<string, IsolationModule>;

/** The ids one slot (a sales rep's share of a branch) holds: its branch and user, and each module's rows. */
export interface Slot
  extends
    customers.CustomersSlot,
    approvals.ApprovalsSlot,
    contracts.ContractsSlot,
    orders.OrdersSlot,
    tenders.TendersSlot,
    quotes.QuotesSlot,
    channels.ChannelsSlot,
    research.ResearchSlot,
    leads.LeadsSlot,
    visits.VisitsSlot,
    complaints.ComplaintsSlot,
    fulfillment.FulfillmentSlot,
    purchasing.PurchasingSlot,
    procurement.ProcurementSlot,
    finance.FinanceSlot,
    reconciliation.ReconciliationSlot,
    documents.DocumentsSlot,
    appraisals.AppraisalsSlot,
    returns.ReturnsSlot,
    budgets.BudgetsSlot {
  branch: string;
  user: string;
}
