import { Foundation1764028800000 } from './1764028800000-foundation.js';
import { MillisecondSortKeys1764115200000 } from './1764115200000-millisecond-sort-keys.js';
import { PolicyInitplans1764118800000 } from './1764118800000-policy-initplans.js';
import { Approvals1764201600000 } from './1764201600000-approvals.js';
import { Contracts1764288000000 } from './1764288000000-contracts.js';
import { ContractSchedules1764374400000 } from './1764374400000-contract-schedules.js';
import { Quotes1764460800000 } from './1764460800000-quotes.js';
import { OrdersTenders1764547200000 } from './1764547200000-orders-tenders.js';
import { ApprovalDelegationCancel1764720000000 } from './1764720000000-approval-delegation-cancel.js';
import { ApprovalStepsDueOrder1764723600000 } from './1764723600000-approval-steps-due-order.js';
import { Channels1764806400000 } from './1764806400000-channels.js';
import { MarketResearch1764892800000 } from './1764892800000-market-research.js';
import { MarketResearchCompetitors1764896400000 } from './1764896400000-market-research-competitors.js';
import { MarketResearchPlans1764900000000 } from './1764900000000-market-research-plans.js';
import { ResearchDigestIndex1764903600000 } from './1764903600000-research-digest-index.js';
import { LeadsTiering1764979200000 } from './1764979200000-leads-tiering.js';
import { Tiering1764979260000 } from './1764979260000-tiering.js';
import { AccountManagers1764979320000 } from './1764979320000-account-managers.js';
import { Visits1765065600000 } from './1765065600000-visits.js';
import { Satisfaction1765152000000 } from './1765152000000-satisfaction.js';
import { Complaints1765152000000 } from './1765152000000-complaints.js';
import { ActivityQuotas1765238400000 } from './1765238400000-activity-quotas.js';
import { PlatformWall1765324800000 } from './1765324800000-platform-wall.js';
import { ContractReviews1765411200000 } from './1765411200000-contract-reviews.js';
import { OutboxDurability1765497600000 } from './1765497600000-outbox-durability.js';
import { PeopleInScope1765584000000 } from './1765584000000-people-in-scope.js';
import { FulfillmentCatalogueStock1765700000000 } from './1765700000000-fulfillment-catalogue-stock.js';
import { FulfillmentShipments1765750000000 } from './1765750000000-fulfillment-shipments.js';
import { FinanceReceipts1765800000000 } from './1765800000000-finance-receipts.js';
import { FinanceInvoices1766300000000 } from './1766300000000-finance-invoices.js';
import { DocumentFiles1766000000000 } from './1766000000000-document-files.js';
import { Documents1766001000000 } from './1766001000000-documents.js';
import { KpiRollups1766100000000 } from './1766100000000-kpi-rollups.js';
import { OrderShippingClock1766200000000 } from './1766200000000-order-shipping-clock.js';
import { DeliveryReceipts1766210000000 } from './1766210000000-delivery-receipts.js';
import { KpiTargets1766400000000 } from './1766400000000-kpi-targets.js';
import { KpiSalesCollections1766800000000 } from './1766800000000-kpi-sales-collections.js';
import { Attendance1766410000000 } from './1766410000000-attendance.js';
import { Leave1766420000000 } from './1766420000000-leave.js';
import { FileIntegrity1766600000000 } from './1766600000000-file-integrity.js';
import { DocumentLoans1766601000000 } from './1766601000000-document-loans.js';
import { Reconciliation1766720000000 } from './1766720000000-reconciliation.js';
import { DocumentShares1766602000000 } from './1766602000000-document-shares.js';
import { PurchaseOrders1766710000000 } from './1766710000000-purchase-orders.js';
import { Rma1766711000000 } from './1766711000000-rma.js';
import { Attachments1766760000000 } from './1766760000000-attachments.js';
import { Appraisals1766745000000 } from './1766745000000-appraisals.js';
import { MeetingsPlans1766746000000 } from './1766746000000-meetings-plans.js';
import { GoodsReturns1766700000000 } from './1766700000000-goods-returns.js';
import { FinanceBudgets1766730000000 } from './1766730000000-finance-budgets.js';
import { ContractsSignedIndex1766730100000 } from './1766730100000-contracts-signed-index.js';
import { DashboardFigures1766750000000 } from './1766750000000-dashboard-figures.js';
import { ExchangeReplacements1766810000000 } from './1766810000000-exchange-replacements.js';
import { CatalogueLines1766811000000 } from './1766811000000-catalogue-lines.js';
import { StockCounts1766812000000 } from './1766812000000-stock-counts.js';
import { InvoicesFromDeliveries1766820000000 } from './1766820000000-invoices-from-deliveries.js';
import { ReconciliationRuns1766830000000 } from './1766830000000-reconciliation-runs.js';
import { OrderInvoices1766831000000 } from './1766831000000-order-invoices.js';
import { PartnerPurchases1766832000000 } from './1766832000000-partner-purchases.js';
import { ProcurementRequests1766840000000 } from './1766840000000-procurement-requests.js';
import { PurchaseContracts1766841000000 } from './1766841000000-purchase-contracts.js';
import { QuoteListDiscount1766850000000 } from './1766850000000-quote-list-discount.js';
import { ContractLines1766851000000 } from './1766851000000-contract-lines.js';
import { KpiReturnsCredits1766860000000 } from './1766860000000-kpi-returns-credits.js';
import { PartnerStatements1766870000000 } from './1766870000000-partner-statements.js';
import { PurchaseDepositRefunds1766880000000 } from './1766880000000-purchase-deposit-refunds.js';
import { IssuedTenders1766881000000 } from './1766881000000-issued-tenders.js';
import { KpiBranchRollups1766890000000 } from './1766890000000-kpi-branch-rollups.js';

/** Every migration, in order. A new migration is added here too. */
export const migrations = [
  Foundation1764028800000,
  MillisecondSortKeys1764115200000,
  PolicyInitplans1764118800000,
  Approvals1764201600000,
  Contracts1764288000000,
  ContractSchedules1764374400000,
  Quotes1764460800000,
  OrdersTenders1764547200000,
  ApprovalDelegationCancel1764720000000,
  ApprovalStepsDueOrder1764723600000,
  Channels1764806400000,
  MarketResearch1764892800000,
  MarketResearchCompetitors1764896400000,
  MarketResearchPlans1764900000000,
  ResearchDigestIndex1764903600000,
  LeadsTiering1764979200000,
  Tiering1764979260000,
  AccountManagers1764979320000,
  Visits1765065600000,
  Satisfaction1765152000000,
  Complaints1765152000000,
  ActivityQuotas1765238400000,
  PlatformWall1765324800000,
  ContractReviews1765411200000,
  OutboxDurability1765497600000,
  PeopleInScope1765584000000,
  FulfillmentCatalogueStock1765700000000,
  FulfillmentShipments1765750000000,
  FinanceReceipts1765800000000,
  DocumentFiles1766000000000,
  Documents1766001000000,
  KpiRollups1766100000000,
  OrderShippingClock1766200000000,
  DeliveryReceipts1766210000000,
  FinanceInvoices1766300000000,
  KpiTargets1766400000000,
  Attendance1766410000000,
  Leave1766420000000,
  FileIntegrity1766600000000,
  DocumentLoans1766601000000,
  DocumentShares1766602000000,
  PurchaseOrders1766710000000,
  Rma1766711000000,
  Attachments1766760000000,
  Appraisals1766745000000,
  MeetingsPlans1766746000000,
  Reconciliation1766720000000,
  GoodsReturns1766700000000,
  FinanceBudgets1766730000000,
  ContractsSignedIndex1766730100000,
  DashboardFigures1766750000000,
  KpiSalesCollections1766800000000,
  ExchangeReplacements1766810000000,
  CatalogueLines1766811000000,
  StockCounts1766812000000,
  InvoicesFromDeliveries1766820000000,
  ReconciliationRuns1766830000000,
  OrderInvoices1766831000000,
  PartnerPurchases1766832000000,
  ProcurementRequests1766840000000,
  PurchaseContracts1766841000000,
  QuoteListDiscount1766850000000,
  ContractLines1766851000000,
  KpiReturnsCredits1766860000000,
  PartnerStatements1766870000000,
  PurchaseDepositRefunds1766880000000,
  IssuedTenders1766881000000,
  KpiBranchRollups1766890000000,
];
