import { Meeting, MeetingActionItem } from './modules/performance/meeting.entity.js';
import { WorkPlan, WorkPlanChange } from './modules/performance/plan.entity.js';
import { Appraisal, AppraisalCycle, AppraisalDue, AppraisalSettings } from './modules/performance/appraisal.entity.js';
import { AuditLog, Outbox } from '@app/core';
import { Branch, Organization } from './modules/branches/branch.entity.js';
import { Membership, RefreshToken, User } from './modules/branches/user.entity.js';
import { BranchSettings, ContactLog, Customer, CustomerContact } from './modules/customers/customer.entity.js';
import {
  ApprovalApprover,
  ApprovalDelegation,
  ApprovalEvent,
  ApprovalPolicy,
  ApprovalRequest,
  ApprovalStep,
  BranchCalendar,
  CalendarDay,
} from './modules/approvals/approval.entity.js';
import { Notification } from './modules/notifications/notification.entity.js';
import {
  Contract,
  ContractEvent,
  ContractNumberCounter,
  ContractSettings,
  ContractVersion,
  NegotiationRound,
} from './modules/contracts/contract.entity.js';
import { ContractRisk } from './modules/contracts/contract-risk.entity.js';
import { ContractInstalment, ContractMilestone } from './modules/contracts/contract-schedule.entity.js';
import { Order, OrderLine } from './modules/orders/order.entity.js';
import { Tender, TenderDocument } from './modules/tenders/tender.entity.js';
import {
  BranchProductPrice,
  Product,
  Vendor,
  VendorContact,
  VendorProduct,
} from './modules/fulfillment/catalogue.entity.js';
import { StockLevel, StockMovement, WarehouseLocation } from './modules/fulfillment/stock.entity.js';
import { Shipment, ShipmentEvent, ShipmentLine } from './modules/fulfillment/shipment.entity.js';
import { Rma, RmaSettings } from './modules/fulfillment/rma.entity.js';
import { PurchaseOrder, PurchaseOrderCounter, PurchaseOrderLine } from './modules/fulfillment/purchase-order.entity.js';
import { GoodsReturn, GoodsReturnLine } from './modules/fulfillment/returns/return.entity.js';
import { StockCount, StockCountLine } from './modules/fulfillment/stock-count.entity.js';
import {
  ProcurementRequest,
  ProcurementRequestCounter,
  ProcurementRequestLine,
  SupplierOfferLine,
  SupplierQuotation,
} from './modules/fulfillment/procurement/procurement.entity.js';
import {
  PurchaseContract,
  PurchaseContractCounter,
  PurchaseContractLine,
} from './modules/fulfillment/procurement/purchase-contract.entity.js';
import { PurchaseDepositRefundReceipt } from './modules/fulfillment/procurement/deposit-refund.entity.js';
import {
  IssuedTender,
  IssuedTenderBid,
  IssuedTenderBidLine,
  IssuedTenderCounter,
  IssuedTenderCriterion,
  IssuedTenderLine,
  IssuedTenderMember,
  IssuedTenderScore,
  IssuedTenderSupplier,
} from './modules/fulfillment/procurement/issued-tender.entity.js';
import { Quote, QuoteLine } from './modules/contracts/quote.entity.js';
import { ContractLine } from './modules/contracts/contract-line.entity.js';
import {
  ChannelSettings,
  Partner,
  PartnerAgreement,
  PartnerContact,
  PartnerDispute,
  PartnerEndUser,
  PartnerEvaluation,
  PartnerSupportRecord,
} from './modules/channels/channel.entity.js';
import { CompetitorObservation, Competitor } from './modules/market-research/competitor.entity.js';
import {
  Campaign,
  CampaignCustomer,
  DemandSurvey,
  MarketingPlan,
  PlanMilestone,
  ResearchEvent,
  SurveyResponse,
} from './modules/market-research/plans.entity.js';
import {
  ResearchDigest,
  ResearchDigestItem,
  ResearchItem,
  ResearchSettings,
} from './modules/market-research/research.entity.js';
import { MarketSegment, SegmentPersona } from './modules/market-research/segment.entity.js';
import { Lead, LeadEvent } from './modules/customers/lead.entity.js';
import {
  CustomerPurchase,
  CustomerTierChange,
  TieringRun,
  TieringSettings,
} from './modules/customers/tiering.entity.js';
import { Visit, VisitAttendee, VisitTask } from './modules/visits/visit.entity.js';
import { SatisfactionSurvey } from './modules/visits/satisfaction.entity.js';
import { Complaint, ComplaintEvent, ComplaintSettings } from './modules/complaints/complaint.entity.js';
import { ActivityQuotaSettings } from './modules/visits/quota.entity.js';
import { Receipt, ReceiptApplication } from './modules/finance/receipt.entity.js';
import {
  ReconciliationLine,
  ReconciliationRun,
  ReconciliationStatement,
} from './modules/finance/reconciliation.entity.js';
import { InstrumentBreachNotice, InstrumentHandover } from './modules/finance/instrument.entity.js';
import { Invoice, InvoiceLine, InvoiceNumberCounter } from './modules/finance/invoice.entity.js';
import { StoredFile } from './modules/documents/file.entity.js';
import {
  Document,
  DocumentGrant,
  DocumentNumberCounter,
  DocumentRead,
  DocumentVersion,
} from './modules/documents/document.entity.js';
import { FileCheck, FileIntegrityProblem } from './modules/documents/file-integrity.entity.js';
import { DocumentLoan } from './modules/documents/document-loan.entity.js';
import { DocumentShare, DocumentShareDownload, NdaRecord } from './modules/documents/document-share.entity.js';
import { FileAttachment } from './modules/documents/file-attachment.entity.js';
import {
  KpiBranchRollup,
  KpiCheck,
  KpiCheckDue,
  KpiDifference,
  KpiEventRecord,
  KpiRollup,
  KpiWaitingEvent,
} from './modules/performance/performance.entity.js';
import { AttendancePunch, AttendanceSettings } from './modules/performance/attendance.entity.js';
import { LeaveBalance, LeaveRequest } from './modules/performance/leave.entity.js';
import { KpiTarget, KpiTargetSplit } from './modules/performance/kpi-target.entity.js';
import { Budget, BudgetExpense, CustomerReception, ReceptionSettings } from './modules/finance/budget.entity.js';
import { BusinessTrip, TripReceipt } from './modules/finance/trip.entity.js';

/** Every TypeORM entity; the drift test compares each with the migrated schema. */
export const entities = [
  Organization,
  Branch,
  User,
  Membership,
  RefreshToken,
  BranchSettings,
  Customer,
  CustomerContact,
  ContactLog,
  Notification,
  AuditLog,
  Outbox,
  BranchCalendar,
  CalendarDay,
  ApprovalPolicy,
  ApprovalRequest,
  ApprovalStep,
  ApprovalApprover,
  ApprovalDelegation,
  ApprovalEvent,
  Contract,
  ContractRisk,
  NegotiationRound,
  ContractVersion,
  ContractEvent,
  ContractNumberCounter,
  ContractSettings,
  ContractInstalment,
  ContractMilestone,
  Order,
  OrderLine,
  Tender,
  TenderDocument,
  Quote,
  QuoteLine,
  ContractLine,
  Partner,
  PartnerContact,
  PartnerAgreement,
  ChannelSettings,
  PartnerEvaluation,
  PartnerDispute,
  PartnerSupportRecord,
  PartnerEndUser,
  ResearchItem,
  ResearchSettings,
  ResearchDigest,
  ResearchDigestItem,
  Competitor,
  CompetitorObservation,
  MarketSegment,
  SegmentPersona,
  ResearchEvent,
  DemandSurvey,
  SurveyResponse,
  MarketingPlan,
  PlanMilestone,
  Campaign,
  CampaignCustomer,
  Lead,
  LeadEvent,
  CustomerPurchase,
  TieringSettings,
  CustomerTierChange,
  TieringRun,
  Visit,
  VisitAttendee,
  VisitTask,
  SatisfactionSurvey,
  ComplaintSettings,
  Complaint,
  ComplaintEvent,
  ActivityQuotaSettings,
  Vendor,
  VendorContact,
  Product,
  VendorProduct,
  BranchProductPrice,
  WarehouseLocation,
  StockLevel,
  StockMovement,
  Shipment,
  ShipmentLine,
  GoodsReturn,
  GoodsReturnLine,
  StockCount,
  StockCountLine,
  ProcurementRequest,
  ProcurementRequestLine,
  SupplierQuotation,
  SupplierOfferLine,
  ProcurementRequestCounter,
  PurchaseContract,
  PurchaseContractLine,
  PurchaseContractCounter,
  PurchaseDepositRefundReceipt,
  IssuedTender,
  IssuedTenderLine,
  IssuedTenderCriterion,
  IssuedTenderMember,
  IssuedTenderSupplier,
  IssuedTenderBid,
  IssuedTenderBidLine,
  IssuedTenderScore,
  IssuedTenderCounter,
  ShipmentEvent,
  PurchaseOrder,
  PurchaseOrderLine,
  PurchaseOrderCounter,
  Rma,
  RmaSettings,
  Receipt,
  ReceiptApplication,
  Invoice,
  InvoiceLine,
  InvoiceNumberCounter,
  ReconciliationStatement,
  ReconciliationLine,
  ReconciliationRun,
  InstrumentHandover,
  InstrumentBreachNotice,
  StoredFile,
  Document,
  DocumentVersion,
  DocumentNumberCounter,
  DocumentGrant,
  DocumentRead,
  FileCheck,
  FileIntegrityProblem,
  DocumentLoan,
  NdaRecord,
  FileAttachment,
  DocumentShare,
  DocumentShareDownload,
  KpiEventRecord,
  KpiRollup,
  KpiBranchRollup,
  KpiCheck,
  KpiDifference,
  KpiCheckDue,
  KpiWaitingEvent,
  KpiTarget,
  KpiTargetSplit,
  AttendanceSettings,
  AttendancePunch,
  LeaveBalance,
  LeaveRequest,
  AppraisalSettings,
  AppraisalCycle,
  Appraisal,
  AppraisalDue,
  Meeting,
  MeetingActionItem,
  WorkPlan,
  WorkPlanChange,
  Budget,
  BudgetExpense,
  BusinessTrip,
  TripReceipt,
  CustomerReception,
  ReceptionSettings,
];
