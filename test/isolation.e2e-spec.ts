import { randomUUID } from 'node:crypto';
import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import {
  PASSWORD,
  cleanRedis,
  createOrg,
  createTestDatabase,
  gql,
  insertCustomer,
  login,
  ownerClient,
  startApp,
  testConfig,
  type GqlResponse,
  type TestApp,
  type TestOrg,
  type TestUser,
} from '@app/testing';
import { Database, RequestContext } from '@app/core';
import { ApprovalsCoreModule } from '../src/modules/approvals/approvals.module.js';
import { ApprovalSubjects } from '../src/modules/approvals/approval-subjects.js';
import { ApprovalsService } from '../src/modules/approvals/approvals.service.js';

/**
 * Branch isolation, end to end: two organizations, every query and mutation of the slice given
 * ids of another branch, another organization or (for a sales rep) a colleague, must answer exactly
 * as for an id that does not exist, and change nothing. Then the same wall at the SQL level, as
 * the runtime role, over every tenant table found in the live catalog.
 */

/** An approval subject, as a product module registers one, so requests can be seeded through the engine. */
@Module({ imports: [ApprovalsCoreModule] })
class TestSubjectsModule implements OnModuleInit {
  constructor(@Inject(ApprovalSubjects) private readonly subjects: ApprovalSubjects) {}

  onModuleInit(): void {
    this.subjects.register({ type: 'TEST_CONTRACT', label: 'Contract', onDecided: async () => undefined });
  }
}

/** Public tables with a branch_id that are platform tables, not branch rows (see schema-rules). */
const PLATFORM_TABLES = new Set(['memberships']);

/** What one customer brings along in the seed: its contacts, a contact log and its owner's notification. */
interface Slot {
  branch: string;
  user: string;
  customer: string;
  contact: string;
  /** A contact that no log refers to: removeCustomerContact would succeed on it. */
  freeContact: string;
  log: string;
  notification: string;
  /** An approval request the slot's user submitted, and its pending first step. */
  request: string;
  step: string;
  /** A contract the slot's user owns, in NEGOTIATION, with a round, a version and a timeline entry. */
  contract: string;
  /** An instalment and a milestone of that contract. */
  instalment: string;
  milestone: string;
  /** A HIGH, unanswered risk of that contract. */
  risk: string;
  /** An out-of-office delegation the slot's user gave to the branch manager (running until 2030). */
  delegation: string;
  // ---- orders (orders branch) ----
  /** A DRAFT order without a contract that the slot's user owns, with one line. */
  order: string;
  // ---- tenders (orders branch) ----
  /** A PREPARING tender the slot's user owns, with a deposit and one required document. */
  tender: string;
  tenderDocument: string;
  /** A DRAFT quote the slot's user owns, with one line. */
  quote: string;
  // ---- channels ----
  /** A partner the slot's user owns, with a contact, an evaluation, a dispute, support given and an end user. */
  partner: string;
  /** That partner's ACTIVE agreement (ending in 2030). */
  partnerAgreement: string;
  /** That partner's OPENED dispute. */
  partnerDispute: string;
  // ---- end channels ----
  // ---- research ----
  /** A news item the slot's user logged (the whole branch reads it), and a built digest carrying it. */
  researchItem: string;
  researchDigest: string;
  /** A competitor with one observation, and a segment with one persona. */
  competitor: string;
  segment: string;
  persona: string;
  /** A demand survey with a response, a plan with a milestone, a campaign of that plan with the slot's customer. */
  survey: string;
  plan: string;
  milestone2: string;
  campaign: string;
  // ---- end research ----
  // ---- leads ----
  /** An OPEN, valid lead the slot's user owns, with its CREATED timeline entry. */
  lead: string;
  // ---- end leads ----
  // ---- visits ----
  /** A PLANNED visit the slot's user owns, with two attendees (the user, the customer's contact) and one task. */
  visit: string;
  visitTask: string;
  /** The satisfaction score of the slot's customer for 2026-Q3. */
  satisfaction: string;
  // ---- end visits ----
  // ---- complaints ----
  /** An INVESTIGATING complaint the slot's user owns, about the slot's customer, with its timeline. */
  complaint: string;
  // ---- end complaints ----
  // ---- fulfillment ----
  /** An organization product (maker: the slot's vendor) with a branch price in the slot's branch. */
  product: string;
  /** A MAKER_AND_SUPPLIER vendor of the organization, with a contact, supplying the product. */
  vendor: string;
  /** A warehouse location of the slot's branch holding 5 of the product (one receipt). */
  location: string;
  /** A RELEASED order (one line of 3) the slot's user owns, with one PREPARED shipment from the maker of 1. */
  releasedOrder: string;
  releasedOrderLine: string;
  shipment: string;
  // ---- end fulfillment ----
  // ---- delivery ----
  /** A DELIVERED shipment (from the maker, 1 of 1) of another RELEASED order the slot's user owns. */
  deliveredShipment: string;
  // ---- end delivery ----
  // ---- purchase orders and RMA (po) ----
  /** A CONFIRMED purchase order (maker: the slot's vendor) of 1 of the released order's line, and that line. */
  purchaseOrder: string;
  purchaseOrderLine: string;
  /** A REQUESTED RMA of the slot's customer, owned by the slot's user. */
  rma: string;
  // ---- end purchase orders and RMA (po) ----
  // ---- finance ----
  /** A RECORDED receipt from the slot's customer, 1,000.00 of its 3,000.00 applied to the slot's instalment. */
  receipt: string;
  // ---- invoices (fin2) ----
  /** An ISSUED invoice of 1,130.00 (one line) on the slot's contract, requested by the slot's user. */
  invoice: string;
  invoiceLine: string;
  // ---- end invoices (fin2) ----
  // ---- reconciliation (recon) ----
  /** A SENT reconciliation statement of the slot's customer, with one line (the seeded invoice). */
  statement: string;
  statementLine: string;
  /** A cheque of the slot's customer, not handed over. */
  instrument: string;
  // ---- end reconciliation (recon) ----
  // ---- end finance ----
  // ---- documents ----
  /** A stored LETTER file the slot's user uploaded (the row only: metadata and links need no bytes). */
  file: string;
  /** A DRAFT INTERNAL NOTICE the slot's user wrote (version 1: docFile), granted to that user, with a recorded read. */
  document: string;
  docFile: string;
  // ---- end documents ----
  // ---- documents integrity ----
  /** An open MISMATCH problem of the slot's `file`, found by the integrity scan. */
  integrityProblem: string;
  /** An ISSUED INTERNAL LETTER of the slot's user, and a LENT loan of its original to that user (due in 5 days). */
  issuedDocument: string;
  loan: string;
  // ---- end documents integrity ----
  // ---- document shares ----
  /** An AGREEMENT file (the NDA scan), the NDA recorded on it (valid today), an external share of issuedDocument
   *  under it, with one download. */
  ndaFile: string;
  nda: string;
  share: string;
  // ---- end document shares ----
  // ---- attachments ----
  /** A file attached to the slot's contract (the scan of its original), the slot's visit (a report file) and its
   *  tender document: readable through those rows only. */
  attachedFile: string;
  // ---- end attachments ----
  // ---- appraisals (appr) ----
  /** The branch's MONTHLY 2026-10 appraisal cycle, and the slot user's appraisal in it (SELF_ASSESSMENT). */
  appraisalCycle: string;
  appraisal: string;
  /** A PROJECT meeting of the slot's branch recorded by the slot's user, with an OPEN action item the user owns. */
  meeting: string;
  actionItem: string;
  /** The slot user's APPROVED monthly work plan for 2026-11, with one REJECTED change. */
  workPlan: string;
  // ---- end appraisals (appr) ----
  // ---- returns ----
  /** An ACCEPTED shipment (from the maker, 2 of a line of 2 at 50.00) of another RELEASED order the slot's user owns. */
  acceptedShipment: string;
  /** A REQUESTED return of 1 of it (DEFECTIVE), with its line. */
  goodsReturn: string;
  // ---- end returns ----
  // ---- budgets (stats) ----
  /** A TRAVEL budget of the branch with one expense; a trip of the slot's user on it, claimed with a receipt; a
   *  reception of the slot's customer on it (arranged on one budget: the isolation, not the categories, is tested). */
  budget: string;
  trip: string;
  reception: string;
  // ---- end budgets (stats) ----
}

type IdKind = keyof Slot;

interface Case {
  name: string;
  /** Which id of the target slot the operation is given. */
  kind: IdKind;
  doc: string;
  vars?: (id: string, me: Actor) => Record<string, unknown>;
  /** The id goes into the X-Branch-Id header instead of a variable. */
  header?: boolean;
  /** Only run for these actors (by label). */
  only?: (me: Actor) => boolean;
  /** Naming a colleague of one's own branch is legitimate here: not probed with the colleague target. */
  colleagueAllowed?: boolean;
  // ---- fulfillment ----
  /** The id is an organization row (the catalogue): visible to every branch of its organization, so only probed
   *  with targets of another organization. */
  orgLevel?: boolean;
  // ---- end fulfillment ----
}

interface Actor {
  label: string;
  token: string;
  user: TestUser;
  headOffice: boolean;
  /** A branch and a customer of the actor's own, for operations that take a second id. */
  ownBranch: string;
  ownCustomer: string;
  /** The pending approval step of the actor's own slot. */
  ownStep: string;
  /** A contract of the actor's own slot (in NEGOTIATION). */
  ownContract: string;
  // ---- channels ----
  ownPartner: string;
  ownDispute: string;
  // ---- end channels ----
  // ---- fulfillment ----
  ownProduct: string;
  ownVendor: string;
  ownLocation: string;
  ownReleasedOrder: string;
  ownReleasedOrderLine: string;
  // ---- end fulfillment ----
  // ---- delivery ----
  ownDeliveredShipment: string;
  // ---- end delivery ----
  // ---- purchase orders and RMA (po) ----
  ownPurchaseOrder: string;
  ownPurchaseOrderLine: string;
  // ---- end purchase orders and RMA (po) ----
  // ---- finance ----
  ownReceipt: string;
  // ---- invoices (fin2) ----
  ownInvoice: string;
  // ---- end invoices (fin2) ----
  // ---- reconciliation (recon) ----
  ownStatement: string;
  ownInstrument: string;
  // ---- end reconciliation (recon) ----
  // ---- end finance ----
  // ---- documents ----
  ownDocument: string;
  // ---- end documents ----
  // ---- document shares ----
  ownIssuedDocument: string;
  ownNda: string;
  ownNdaFile: string;
  // ---- end document shares ----
}

const CASES: Case[] = [
  {
    name: 'customer(id)',
    kind: 'customer',
    doc: `query($id: ID!) { customer(id: $id) { id name branchId ownerId owner { id } branch { id }
            contacts { id } contactLogs(first: 5) { id } } }`,
  },
  {
    name: 'customers(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { customers(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'customers(filter: { ownerId })',
    kind: 'user',
    doc: `query($id: ID!) { customers(first: 50, filter: { ownerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'customers(filter: { ownerId, status: ARCHIVED })',
    kind: 'user',
    doc: `query($id: ID!) { customers(filter: { ownerId: $id, status: ARCHIVED }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'branchSettings(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { branchSettings(branchId: $id) { branchId contactCadenceHighDays } }`,
  },
  {
    name: 'updateBranchSettings(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { updateBranchSettings(input: { branchId: $id, contactCadenceHighDays: 3 }) { branchId } }`,
  },
  {
    name: 'createCustomer(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $owner: ID) { createCustomer(input: { branchId: $id, ownerId: $owner, name: "Probe Branch", tier: LOW }) { id } }`,
    vars: (id, me) => ({ id, owner: me.headOffice ? null : undefined }),
  },
  {
    name: 'createCustomer(ownerId)',
    kind: 'user',
    doc: `mutation($id: ID!, $branch: ID) { createCustomer(input: { branchId: $branch, ownerId: $id, name: "Probe Owner", tier: LOW }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.ownBranch : null }),
  },
  {
    name: 'updateCustomer(id)',
    kind: 'customer',
    doc: `mutation($id: ID!) { updateCustomer(id: $id, input: { notes: "probe", tier: HIGH }) { id notes } }`,
  },
  {
    name: 'updateCustomer(own id, ownerId: foreign user)',
    kind: 'user',
    doc: `mutation($id: ID!, $customer: ID!) { updateCustomer(id: $customer, input: { ownerId: $id }) { id ownerId } }`,
    vars: (id, me) => ({ id, customer: me.ownCustomer }),
  },
  {
    name: 'archiveCustomer(id)',
    kind: 'customer',
    doc: `mutation($id: ID!) { archiveCustomer(id: $id) { id status } }`,
  },
  {
    name: 'addCustomerContact(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!) { addCustomerContact(input: { customerId: $id, name: "Probe Person", isPrimary: true }) { id } }`,
  },
  {
    name: 'updateCustomerContact(id)',
    kind: 'contact',
    doc: `mutation($id: ID!) { updateCustomerContact(id: $id, input: { name: "Probe Rename", isPrimary: true }) { id name } }`,
  },
  {
    name: 'removeCustomerContact(id)',
    kind: 'freeContact',
    doc: `mutation($id: ID!) { removeCustomerContact(id: $id) { id } }`,
  },
  {
    name: 'logContact(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!) { logContact(input: { customerId: $id, channel: PHONE, summary: "probe",
            occurredAt: "2026-01-05T08:00:00.000Z" }) { id } }`,
  },
  {
    name: 'logContact(own customer, foreign contactId)',
    kind: 'contact',
    doc: `mutation($id: ID!, $customer: ID!) { logContact(input: { customerId: $customer, contactId: $id, channel: VISIT,
            summary: "probe", occurredAt: "2026-01-05T08:00:00.000Z" }) { id } }`,
    vars: (id, me) => ({ id, customer: me.ownCustomer }),
  },
  {
    name: 'markNotificationRead(id)',
    kind: 'notification',
    doc: `mutation($id: ID!) { markNotificationRead(id: $id) { id readAt } }`,
  },
  {
    name: 'createUser(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $email: String!) { createUser(input: { branchId: $id, email: $email, displayName: "Probe",
            password: "probe-password-1", role: SALES_REP }) { id } }`,
    vars: (id, me) => ({ id, email: `probe.${me.label.toLowerCase()}@test.example` }),
  },
  {
    name: 'me with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { me { id memberships { branch { id } } } }`,
  },
  {
    name: 'customers with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { customers { totalCount edges { node { id } } } }`,
  },
  {
    name: 'approvalRequest(id)',
    kind: 'request',
    doc: `query($id: ID!) { approvalRequest(id: $id) { id title status branch { id }
            steps { id status approvers { kind role userId } } timeline { action comment } } }`,
  },
  {
    name: 'approveStep(stepId)',
    kind: 'step',
    doc: `mutation($id: ID!) { approveStep(stepId: $id, comment: "probe") { id status } }`,
  },
  {
    name: 'rejectStep(stepId)',
    kind: 'step',
    doc: `mutation($id: ID!) { rejectStep(stepId: $id, reason: "probe") { id status } }`,
  },
  {
    name: 'returnStep(stepId)',
    kind: 'step',
    doc: `mutation($id: ID!) { returnStep(stepId: $id, comment: "probe") { id status } }`,
  },
  {
    name: 'delegateStep(stepId)',
    kind: 'step',
    doc: `mutation($id: ID!, $to: ID!) { delegateStep(stepId: $id, toUserId: $to) { id } }`,
    vars: (id, me) => ({ id, to: me.user.id }),
  },
  {
    name: 'delegateStep(own step, toUserId: foreign user)',
    kind: 'user',
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $step: ID!) { delegateStep(stepId: $step, toUserId: $id) { id } }`,
    vars: (id, me) => ({ id, step: me.ownStep }),
  },
  {
    name: 'commentOnApproval(requestId)',
    kind: 'request',
    doc: `mutation($id: ID!) { commentOnApproval(requestId: $id, comment: "probe") { id } }`,
  },
  {
    name: 'withdrawApproval(requestId)',
    kind: 'request',
    doc: `mutation($id: ID!) { withdrawApproval(requestId: $id) { id status } }`,
  },
  {
    name: 'setApprovalDelegation(delegateId)',
    kind: 'user',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { setApprovalDelegation(input: { delegateId: $id, startsOn: "2027-01-04", endsOn: "2027-01-08" }) }`,
  },
  {
    name: 'approvalPolicy(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { approvalPolicy(subjectType: "CONTRACT", branchId: $id) { id version steps { name } } }`,
  },
  {
    name: 'setApprovalPolicy(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { setApprovalPolicy(input: { branchId: $id, subjectType: "CONTRACT",
            steps: [{ name: "Probe", approver: { kind: BRANCH_ROLE, role: BRANCH_MANAGER }, slaHours: 1 }] }) { id } }`,
  },
  {
    name: 'setApprovalPolicy(named approver: foreign user)',
    kind: 'user',
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $branch: ID) { setApprovalPolicy(input: { branchId: $branch, subjectType: "CONTRACT",
            steps: [{ name: "Probe", approver: { kind: USER, userId: $id }, slaHours: 1 }] }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.ownBranch : null }),
  },
  {
    name: 'branchCalendar(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { branchCalendar(branchId: $id) { branchId workDays days { day kind } } }`,
  },
  {
    name: 'setBranchCalendar(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { setBranchCalendar(input: { branchId: $id, workDays: [1, 2, 3], dayStartMinute: 480,
            dayEndMinute: 960, days: [{ day: "2027-01-01", kind: "HOLIDAY" }] }) { branchId } }`,
  },
  {
    name: 'stalledApprovals(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { stalledApprovals(first: 10, branchId: $id) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'approvalDelegations(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { approvalDelegations(branchId: $id, includePast: true) { id userId } }`,
  },
  {
    name: 'cancelApprovalDelegation(id)',
    kind: 'delegation',
    doc: `mutation($id: ID!) { cancelApprovalDelegation(id: $id) { id } }`,
  },
  {
    name: 'myPendingApprovals with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { myPendingApprovals { totalCount edges { node { step { id } request { id } } } } }`,
  },
  {
    name: 'mySubmittedApprovals with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { mySubmittedApprovals { totalCount edges { node { id } } } }`,
  },
  {
    name: 'approvalOverview with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { approvalOverview { branch { id } pending stalled } }`,
  },
  {
    name: 'contract(id)',
    kind: 'contract',
    doc: `query($id: ID!) { contract(id: $id) { id title customer { id } owner { id } versions { version }
            negotiationRounds { round } timeline { action } approvalRequest { id } } }`,
  },
  {
    name: 'contracts(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { contracts(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'contracts(filter: { ownerId })',
    kind: 'user',
    doc: `query($id: ID!) { contracts(first: 50, filter: { ownerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'contracts(filter: { customerId })',
    kind: 'customer',
    doc: `query($id: ID!) { contracts(first: 50, filter: { customerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'contracts with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { contracts { totalCount edges { node { id } } } }`,
  },
  {
    name: 'contractSettings(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { contractSettings(branchId: $id) { branchId numberRule nextNumberExample } }`,
  },
  {
    name: 'updateContractSettings(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { updateContractSettings(input: { branchId: $id, numberRule: "P-{YYYY}-{NNNN}" }) { branchId } }`,
  },
  {
    name: 'contractVersionDiff(id)',
    kind: 'contract',
    doc: `query($id: ID!) { contractVersionDiff(id: $id, from: 1, to: 1) { field } }`,
  },
  {
    name: 'createContract(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!, $branch: ID, $owner: ID) { createContract(input: { branchId: $branch, ownerId: $owner,
            customerId: $id, title: "Probe", amount: "100.00", startsOn: "2027-01-01", endsOn: "2027-12-31" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.ownBranch : null, owner: me.headOffice ? me.user.id : null }),
  },
  {
    name: 'createContract(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $customer: ID!) { createContract(input: { branchId: $id, customerId: $customer,
            title: "Probe", amount: "100.00", startsOn: "2027-01-01", endsOn: "2027-12-31" }) { id } }`,
    vars: (id, me) => ({ id, customer: me.ownCustomer }),
  },
  {
    name: 'createContract(ownerId)',
    kind: 'user',
    doc: `mutation($id: ID!, $branch: ID, $customer: ID!) { createContract(input: { branchId: $branch, ownerId: $id,
            customerId: $customer, title: "Probe", amount: "100.00", startsOn: "2027-01-01", endsOn: "2027-12-31" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.ownBranch : null, customer: me.ownCustomer }),
  },
  {
    name: 'updateContract(id)',
    kind: 'contract',
    doc: `mutation($id: ID!) { updateContract(id: $id, input: { amount: "1.00", specialTerms: "probe" }) { id amount } }`,
  },
  ...[
    'moveContractToLegalReview',
    'submitSpecialTermsForApproval',
    'submitContractForApproval',
    'activateContract',
    'completeContract',
    'renewContract',
  ].map((op) => ({
    name: `${op}(id)`,
    kind: 'contract' as const,
    doc: `mutation($id: ID!) { ${op}(id: $id) { id state } }`,
  })),
  {
    name: 'recordNegotiationRound(contractId)',
    kind: 'contract',
    doc: `mutation($id: ID!) { recordNegotiationRound(input: { contractId: $id, heldOn: "2026-11-20", counterpart: "Probe",
            points: "probe", outcome: "probe" }) { id } }`,
  },
  {
    name: 'signContract(id)',
    kind: 'contract',
    doc: `mutation($id: ID!) { signContract(id: $id, input: { signedOn: "2026-01-05",
            signatories: [{ name: "A", side: OURS }, { name: "B", side: CUSTOMER }] }) { id number } }`,
  },
  {
    name: 'terminateContract(id)',
    kind: 'contract',
    doc: `mutation($id: ID!) { terminateContract(id: $id, reason: "probe") { id state } }`,
  },
  {
    name: 'amendContract(id)',
    kind: 'contract',
    doc: `mutation($id: ID!) { amendContract(id: $id, input: { amount: "2.00", reason: "probe" }) { id } }`,
  },
  {
    name: 'reassignContract(id)',
    kind: 'contract',
    vars: (id, me) => ({ id, o: me.user.id }),
    doc: `mutation($id: ID!, $o: ID!) { reassignContract(id: $id, ownerId: $o) { id } }`,
  },
  {
    name: 'contract(id) { instalments milestones }',
    kind: 'contract',
    doc: `query($id: ID!) { contract(id: $id) { id instalments { id } milestones { id } } }`,
  },
  {
    name: 'addContractInstalment(contractId)',
    kind: 'contract',
    doc: `mutation($id: ID!) { addContractInstalment(input: { contractId: $id, kind: PREPAYMENT, dueOn: "2027-02-01",
            amount: "1.00" }) { id } }`,
  },
  {
    name: 'addContractMilestone(contractId)',
    kind: 'contract',
    doc: `mutation($id: ID!) { addContractMilestone(input: { contractId: $id, title: "Probe", dueOn: "2027-02-01" }) { id } }`,
  },
  {
    name: 'markContractOriginalReceived(id)',
    kind: 'contract',
    doc: `mutation($id: ID!) { markContractOriginalReceived(id: $id) { id } }`,
  },
  {
    name: 'contract(id) { legalReview specialTermsApproval }',
    kind: 'contract',
    doc: `query($id: ID!) { contract(id: $id) { id legalReview { id } specialTermsApproval { id } } }`,
  },
  {
    name: 'contractRisks(contractId)',
    kind: 'contract',
    doc: `query($id: ID!) { contractRisks(contractId: $id) { id } }`,
  },
  {
    name: 'addContractRisk(contractId)',
    kind: 'contract',
    doc: `mutation($id: ID!) { addContractRisk(input: { contractId: $id, description: "Probe", category: OTHER,
            probability: 5, impact: 5 }) { id } }`,
  },
  {
    name: 'addContractRisk(own contract, response.ownerId: foreign user)',
    kind: 'user',
    colleagueAllowed: true,
    vars: (id, me) => ({ id, c: me.ownContract }),
    doc: `mutation($id: ID!, $c: ID!) { addContractRisk(input: { contractId: $c, description: "Probe", category: OTHER,
            probability: 1, impact: 1, response: { mitigation: "probe", ownerId: $id, dueOn: "2027-01-01" } }) { id } }`,
  },
  {
    name: 'updateContractRisk(id)',
    kind: 'risk',
    doc: `mutation($id: ID!) { updateContractRisk(id: $id, input: { impact: 1 }) { id } }`,
  },
  {
    name: 'removeContractRisk(id)',
    kind: 'risk',
    doc: `mutation($id: ID!) { removeContractRisk(id: $id) { id } }`,
  },
  {
    name: 'updateContractInstalment(id)',
    kind: 'instalment',
    doc: `mutation($id: ID!) { updateContractInstalment(id: $id, input: { amount: "2.00", dueOn: "2027-03-01" }) { id } }`,
  },
  {
    name: 'waiveInstalment(id)',
    kind: 'instalment',
    doc: `mutation($id: ID!) { waiveInstalment(id: $id, reason: "Probe") { id } }`,
  },
  {
    name: 'updateContractMilestone(id)',
    kind: 'milestone',
    doc: `mutation($id: ID!) { updateContractMilestone(id: $id, input: { title: "Probe", dueOn: "2027-03-01" }) { id } }`,
  },
  {
    name: 'markMilestoneDone(id)',
    kind: 'milestone',
    doc: `mutation($id: ID!) { markMilestoneDone(id: $id, doneOn: "2026-01-05") { id } }`,
  },
  {
    name: 'cancelMilestone(id)',
    kind: 'milestone',
    doc: `mutation($id: ID!) { cancelMilestone(id: $id) { id } }`,
  },
  {
    name: 'contractValueReport with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { contractValueReport(from: "2000-01-01", to: "2002-12-31") { branch { id } state month count amount } }`,
  },
  {
    name: 'expiringContracts with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { expiringContracts(withinDays: 366) { totalCount edges { node { id } } } }`,
  },
  // ---- orders (orders branch) ----
  {
    name: 'order(id)',
    kind: 'order',
    doc: `query($id: ID!) { order(id: $id) { id amount lines { id lineTotal } customer { id } owner { id }
            approvalRequest { id } } }`,
  },
  {
    name: 'orders(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { orders(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'orders(filter: { ownerId })',
    kind: 'user',
    doc: `query($id: ID!) { orders(first: 50, filter: { ownerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'orders(filter: { customerId })',
    kind: 'customer',
    doc: `query($id: ID!) { orders(first: 50, filter: { customerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'orders with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { orders(filter: { withoutContract: true }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'createOrder(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!, $branch: ID, $owner: ID) { createOrder(input: { branchId: $branch, ownerId: $owner,
            customerId: $id, channel: PHONE, receivedOn: "2026-11-20",
            lines: [{ description: "Probe", quantity: "1", unitPrice: "1.00" }] }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.ownBranch : null, owner: me.headOffice ? me.user.id : null }),
  },
  {
    name: 'createOrder(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $customer: ID!) { createOrder(input: { branchId: $id, customerId: $customer, channel: FAX,
            receivedOn: "2026-11-20", lines: [{ description: "Probe", quantity: "1", unitPrice: "1.00" }] }) { id } }`,
    vars: (id, me) => ({ id, customer: me.ownCustomer }),
  },
  {
    name: 'createOrder(ownerId)',
    kind: 'user',
    doc: `mutation($id: ID!, $branch: ID, $customer: ID!) { createOrder(input: { branchId: $branch, ownerId: $id,
            customerId: $customer, channel: PHONE, receivedOn: "2026-11-20",
            lines: [{ description: "Probe", quantity: "1", unitPrice: "1.00" }] }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.ownBranch : null, customer: me.ownCustomer }),
  },
  {
    name: 'createOrder(contractId)',
    kind: 'contract',
    doc: `mutation($id: ID!, $branch: ID, $owner: ID, $customer: ID!) { createOrder(input: { branchId: $branch,
            ownerId: $owner, customerId: $customer, contractId: $id, channel: EMAIL, receivedOn: "2026-11-20",
            lines: [{ description: "Probe", quantity: "1", unitPrice: "1.00" }] }) { id } }`,
    vars: (id, me) => ({
      id,
      branch: me.headOffice ? me.ownBranch : null,
      owner: me.headOffice ? me.user.id : null,
      customer: me.ownCustomer,
    }),
  },
  {
    name: 'updateOrder(id)',
    kind: 'order',
    doc: `mutation($id: ID!) { updateOrder(id: $id, input: { notes: "probe",
            lines: [{ description: "Probe", quantity: "2", unitPrice: "1.00" }] }) { id amount } }`,
  },
  {
    name: 'confirmOrder(id)',
    kind: 'order',
    doc: `mutation($id: ID!) { confirmOrder(id: $id) { id state } }`,
  },
  {
    name: 'releaseOrderForShipment(id)',
    kind: 'order',
    doc: `mutation($id: ID!) { releaseOrderForShipment(id: $id) { id state } }`,
  },
  {
    name: 'cancelOrder(id)',
    kind: 'order',
    doc: `mutation($id: ID!) { cancelOrder(id: $id, reason: "probe") { id state } }`,
  },
  // ---- end orders ----
  // ---- tenders (orders branch) ----
  {
    name: 'tender(id)',
    kind: 'tender',
    doc: `query($id: ID!) { tender(id: $id) { id project documents { id name } customer { id } owner { id } } }`,
  },
  {
    name: 'tenders(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { tenders(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'tenders(filter: { ownerId })',
    kind: 'user',
    doc: `query($id: ID!) { tenders(first: 50, filter: { ownerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'tenders with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { tenders { totalCount edges { node { id } } } }`,
  },
  {
    name: 'createTender(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!, $branch: ID, $owner: ID) { createTender(input: { branchId: $branch, ownerId: $owner,
            customerId: $id, project: "Probe", issuer: "Probe", submissionDeadline: "2030-01-01T00:00:00.000Z" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.ownBranch : null, owner: me.headOffice ? me.user.id : null }),
  },
  {
    name: 'createTender(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { createTender(input: { branchId: $id, project: "Probe", issuer: "Probe",
            submissionDeadline: "2030-01-01T00:00:00.000Z" }) { id } }`,
  },
  {
    name: 'createTender(ownerId)',
    kind: 'user',
    doc: `mutation($id: ID!, $branch: ID) { createTender(input: { branchId: $branch, ownerId: $id, project: "Probe",
            issuer: "Probe", submissionDeadline: "2030-01-01T00:00:00.000Z" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.ownBranch : null }),
  },
  {
    name: 'updateTender(id)',
    kind: 'tender',
    doc: `mutation($id: ID!) { updateTender(id: $id, input: { project: "Probe", submissionDeadline: "2030-02-01T00:00:00.000Z" }) { id } }`,
  },
  {
    name: 'addTenderDocument(tenderId)',
    kind: 'tender',
    doc: `mutation($id: ID!) { addTenderDocument(input: { tenderId: $id, name: "Probe" }) { id } }`,
  },
  {
    name: 'setTenderDocumentReady(id)',
    kind: 'tenderDocument',
    doc: `mutation($id: ID!) { setTenderDocumentReady(id: $id, ready: true) { id ready } }`,
  },
  ...['submitTender', 'markTenderDepositReturned'].map((op) => ({
    name: `${op}(id)`,
    kind: 'tender' as const,
    doc: `mutation($id: ID!) { ${op}(id: $id) { id state } }`,
  })),
  ...['withdrawTender', 'cancelTender'].map((op) => ({
    name: `${op}(id)`,
    kind: 'tender' as const,
    doc: `mutation($id: ID!) { ${op}(id: $id, reason: "probe") { id state } }`,
  })),
  {
    name: 'recordTenderResult(id)',
    kind: 'tender',
    doc: `mutation($id: ID!) { recordTenderResult(id: $id, input: { result: LOST, winnerName: "Probe" }) { id state } }`,
  },
  {
    name: 'linkTenderContract(id)',
    kind: 'tender',
    doc: `mutation($id: ID!, $c: ID!) { linkTenderContract(id: $id, contractId: $c) { id } }`,
    vars: (id) => ({ id, c: randomUUID() }),
  },
  // ---- end tenders ----
  // ---- research ----
  {
    name: 'researchItem(id)',
    kind: 'researchItem',
    doc: `query($id: ID!) { researchItem(id: $id) { id title tags } }`,
    colleagueAllowed: true,
  },
  {
    name: 'researchItems(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { researchItems(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'researchItems with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { researchItems(filter: { tag: "seed" }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'createResearchItem(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { createResearchItem(input: { branchId: $id, kind: NEWS, title: "Probe", source: "Probe",
            publishedOn: "2026-01-05", summary: "Probe", relevance: 3 }) { id } }`,
  },
  {
    name: 'updateResearchItem(id)',
    kind: 'researchItem',
    doc: `mutation($id: ID!) { updateResearchItem(id: $id, input: { relevance: 1, tags: ["probe"] }) { id } }`,
    colleagueAllowed: true,
  },
  {
    name: 'researchDigest(id)',
    kind: 'researchDigest',
    doc: `query($id: ID!) { researchDigest(id: $id) { id week items { rank item { id } } } }`,
    colleagueAllowed: true,
  },
  {
    name: 'researchDigests(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { researchDigests(first: 50, filter: { branchId: $id }) { totalCount
            edges { node { id items { item { id } } } } } }`,
  },
  {
    name: 'researchDigests with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { researchDigests { totalCount edges { node { id } } } }`,
  },
  {
    name: 'researchSettings(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { researchSettings(branchId: $id) { branchId digestTopItems } }`,
  },
  {
    name: 'updateResearchSettings(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { updateResearchSettings(input: { branchId: $id, digestTopItems: 3 }) { branchId } }`,
  },
  {
    name: 'competitor(id)',
    kind: 'competitor',
    doc: `query($id: ID!) { competitor(id: $id) { id name observations { id note } } }`,
    colleagueAllowed: true,
  },
  {
    name: 'competitors(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { competitors(first: 50, filter: { branchId: $id }) { totalCount
            edges { node { id observations { id } } } } }`,
  },
  {
    name: 'competitors with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { competitors { totalCount edges { node { id } } } }`,
  },
  {
    name: 'competitorComparison(ids)',
    kind: 'competitor',
    doc: `query($id: ID!, $other: ID!) { competitorComparison(ids: [$id, $other]) { competitor { id } latest { id } } }`,
    vars: (id) => ({ id, other: randomUUID() }),
    colleagueAllowed: true,
  },
  {
    name: 'createCompetitor(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { createCompetitor(input: { branchId: $id, name: "Probe rival" }) { id } }`,
  },
  {
    name: 'updateCompetitor(id)',
    kind: 'competitor',
    doc: `mutation($id: ID!) { updateCompetitor(id: $id, input: { price: "Probe" }) { id } }`,
    colleagueAllowed: true,
  },
  {
    name: 'recordCompetitorObservation(competitorId)',
    kind: 'competitor',
    doc: `mutation($id: ID!) { recordCompetitorObservation(input: { competitorId: $id, observedOn: "2026-01-05",
            aspect: PRICE, note: "Probe" }) { id } }`,
    colleagueAllowed: true,
  },
  {
    name: 'marketSegment(id)',
    kind: 'segment',
    doc: `query($id: ID!) { marketSegment(id: $id) { id score personas { id } } }`,
    colleagueAllowed: true,
  },
  {
    name: 'marketSegments(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { marketSegments(first: 50, filter: { branchId: $id }) { totalCount
            edges { node { id score personas { id } } } } }`,
  },
  {
    name: 'marketSegments with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { marketSegments { totalCount edges { node { id } } } }`,
  },
  {
    name: 'createMarketSegment(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { createMarketSegment(input: { branchId: $id, name: "Probe segment", region: "R",
            industry: "I", size: SMALL, marketSizeScore: 1, growthScore: 1, competitionScore: 1 }) { id } }`,
  },
  {
    name: 'updateMarketSegment(id)',
    kind: 'segment',
    doc: `mutation($id: ID!) { updateMarketSegment(id: $id, input: { focus: true, growthScore: 99 }) { id } }`,
    colleagueAllowed: true,
  },
  {
    name: 'addSegmentPersona(segmentId)',
    kind: 'segment',
    doc: `mutation($id: ID!) { addSegmentPersona(input: { segmentId: $id, name: "Probe", profile: "Probe" }) { id } }`,
    colleagueAllowed: true,
  },
  {
    name: 'updateSegmentPersona(id)',
    kind: 'persona',
    doc: `mutation($id: ID!) { updateSegmentPersona(id: $id, input: { needs: "Probe" }) { id } }`,
    colleagueAllowed: true,
  },
  {
    name: 'researchEvents(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { researchEvents(first: 50, filter: { branchId: $id }) { totalCount
            edges { node { id attendees { id } } } } }`,
  },
  {
    name: 'researchEvents with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { researchEvents { totalCount edges { node { id } } } }`,
  },
  {
    name: 'createResearchEvent(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { createResearchEvent(input: { branchId: $id, kind: FORUM, name: "Probe",
            startsOn: "2026-01-05", endsOn: "2026-01-05" }) { id } }`,
  },
  {
    name: 'createResearchEvent(attendeeIds)',
    kind: 'user',
    doc: `mutation($id: ID!, $branch: ID) { createResearchEvent(input: { branchId: $branch, kind: FORUM, name: "Probe",
            startsOn: "2026-01-05", endsOn: "2026-01-05", attendeeIds: [$id] }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.ownBranch : null }),
    colleagueAllowed: true,
  },
  {
    name: 'demandSurvey(id)',
    kind: 'survey',
    doc: `query($id: ID!) { demandSurvey(id: $id) { id findings { painPoints } responses { id } } }`,
    colleagueAllowed: true,
  },
  {
    name: 'demandSurveys(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { demandSurveys(first: 50, filter: { branchId: $id }) { totalCount
            edges { node { id responses { id } } } } }`,
  },
  {
    name: 'demandSurveys with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { demandSurveys { totalCount edges { node { id } } } }`,
  },
  {
    name: 'createDemandSurvey(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { createDemandSurvey(input: { branchId: $id, title: "Probe", goal: "Probe",
            method: ONLINE, startsOn: "2026-01-05", endsOn: "2026-01-31" }) { id } }`,
  },
  {
    name: 'recordSurveyResponse(surveyId)',
    kind: 'survey',
    doc: `mutation($id: ID!) { recordSurveyResponse(input: { surveyId: $id, respondent: "Probe",
            respondedOn: "2026-01-06", answers: "Probe" }) { id } }`,
    colleagueAllowed: true,
  },
  {
    name: 'reportSurveyFindings(id)',
    kind: 'survey',
    doc: `mutation($id: ID!) { reportSurveyFindings(id: $id, input: { potentialDemand: "P", preferences: "P",
            painPoints: "P" }) { id } }`,
    colleagueAllowed: true,
  },
  {
    name: 'marketingPlan(id)',
    kind: 'plan',
    doc: `query($id: ID!) { marketingPlan(id: $id) { id milestones { id } } }`,
    colleagueAllowed: true,
  },
  {
    name: 'marketingPlans(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { marketingPlans(first: 50, filter: { branchId: $id }) { totalCount
            edges { node { id milestones { id } } } } }`,
  },
  {
    name: 'createMarketingPlan(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { createMarketingPlan(input: { branchId: $id, kind: MONTHLY, title: "Probe",
            periodStart: "2031-01-01" }) { id } }`,
  },
  {
    name: 'addPlanMilestone(planId)',
    kind: 'plan',
    doc: `mutation($id: ID!) { addPlanMilestone(input: { planId: $id, title: "Probe", dueOn: "2026-01-20" }) { id } }`,
    colleagueAllowed: true,
  },
  {
    name: 'setPlanMilestoneDone(id)',
    kind: 'milestone2',
    doc: `mutation($id: ID!) { setPlanMilestoneDone(id: $id, done: true) { id } }`,
    colleagueAllowed: true,
  },
  {
    name: 'campaign(id)',
    kind: 'campaign',
    doc: `query($id: ID!) { campaign(id: $id) { id spend } }`,
    colleagueAllowed: true,
  },
  {
    name: 'campaigns(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { campaigns(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'campaigns(filter: { planId })',
    kind: 'plan',
    doc: `query($id: ID!) { campaigns(first: 50, filter: { planId: $id }) { totalCount edges { node { id } } } }`,
    colleagueAllowed: true,
  },
  {
    name: 'campaignEvaluations(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { campaignEvaluations(first: 50, filter: { branchId: $id }) { totalCount
            edges { node { id costPerLead revenueAttributed } } } }`,
  },
  {
    name: 'campaignEvaluations with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { campaignEvaluations { totalCount edges { node { id revenueAttributed } } } }`,
  },
  {
    name: 'createCampaign(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { createCampaign(input: { branchId: $id, name: "Probe", type: GIFT, budget: "1.00",
            startsOn: "2026-01-05", endsOn: "2026-01-06" }) { id } }`,
  },
  {
    name: 'createCampaign(planId)',
    kind: 'plan',
    doc: `mutation($id: ID!, $branch: ID) { createCampaign(input: { branchId: $branch, planId: $id, name: "Probe",
            type: GIFT, budget: "1.00", startsOn: "2026-01-05", endsOn: "2026-01-06" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.ownBranch : null }),
    colleagueAllowed: true,
  },
  {
    name: 'updateCampaign(id)',
    kind: 'campaign',
    doc: `mutation($id: ID!) { updateCampaign(id: $id, input: { spend: "2.00", leadsCount: 3 }) { id } }`,
    colleagueAllowed: true,
  },
  {
    name: 'linkCampaignCustomer(campaignId)',
    kind: 'campaign',
    doc: `mutation($id: ID!, $customer: ID!) { linkCampaignCustomer(campaignId: $id, customerId: $customer) { id } }`,
    vars: (id, me) => ({ id, customer: me.ownCustomer }),
    colleagueAllowed: true,
  },
  // ---- end research ----
  // ---------- quotes ----------
  {
    name: 'contract(id) { quote }',
    kind: 'contract',
    doc: `query($id: ID!) { contract(id: $id) { id quote { id lines { id } } } }`,
  },
  {
    name: 'quote(id)',
    kind: 'quote',
    doc: `query($id: ID!) { quote(id: $id) { id title total needsApproval lines { lineTotal } customer { id } owner { id }
            approvalRequest { id } } }`,
  },
  {
    name: 'quotes(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { quotes(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'quotes(filter: { ownerId })',
    kind: 'user',
    doc: `query($id: ID!) { quotes(first: 50, filter: { ownerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'quotes(filter: { customerId })',
    kind: 'customer',
    doc: `query($id: ID!) { quotes(first: 50, filter: { customerId: $id, state: DRAFT }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'quotes with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { quotes { totalCount edges { node { id lines { id } } } } }`,
  },
  {
    name: 'createQuote(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!, $branch: ID, $owner: ID) { createQuote(input: { branchId: $branch, ownerId: $owner,
            customerId: $id, title: "Probe", validUntil: "2099-12-31",
            lines: [{ kind: PRODUCT, description: "Probe", quantity: "1", unitPrice: "10.00" }] }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.ownBranch : null, owner: me.headOffice ? me.user.id : null }),
  },
  {
    name: 'createQuote(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $customer: ID!) { createQuote(input: { branchId: $id, customerId: $customer, title: "Probe",
            validUntil: "2099-12-31", lines: [{ kind: SERVICE, description: "Probe", quantity: "1", unitPrice: "10.00" }] }) { id } }`,
    vars: (id, me) => ({ id, customer: me.ownCustomer }),
  },
  {
    name: 'createQuote(ownerId)',
    kind: 'user',
    doc: `mutation($id: ID!, $branch: ID, $customer: ID!) { createQuote(input: { branchId: $branch, ownerId: $id,
            customerId: $customer, title: "Probe", validUntil: "2099-12-31",
            lines: [{ kind: PRODUCT, description: "Probe", quantity: "1", unitPrice: "10.00" }] }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.ownBranch : null, customer: me.ownCustomer }),
  },
  {
    name: 'updateQuote(id)',
    kind: 'quote',
    doc: `mutation($id: ID!) { updateQuote(id: $id, input: { title: "Probe",
            lines: [{ kind: PRODUCT, description: "Probe", quantity: "3", unitPrice: "1.00", discountPercent: "50" }] }) { id } }`,
  },
  ...['submitQuoteForApproval', 'sendQuote', 'acceptQuote'].map((op) => ({
    name: `${op}(id)`,
    kind: 'quote' as const,
    doc: `mutation($id: ID!) { ${op}(id: $id) { id state } }`,
  })),
  {
    name: 'declineQuote(id)',
    kind: 'quote',
    doc: `mutation($id: ID!) { declineQuote(id: $id, reason: "probe") { id state } }`,
  },
  {
    name: 'createContractFromQuote(quoteId)',
    kind: 'quote',
    doc: `mutation($id: ID!) { createContractFromQuote(quoteId: $id, input: { startsOn: "2027-01-01", endsOn: "2027-12-31" }) { id } }`,
  },
  // ---- channels ----
  {
    name: 'partner(id)',
    kind: 'partner',
    doc: `query($id: ID!) { partner(id: $id) { id name contacts { id } agreements { id } owner { id } } }`,
  },
  {
    name: 'partners(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { partners(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'partners(filter: { ownerId })',
    kind: 'user',
    doc: `query($id: ID!) { partners(first: 50, filter: { ownerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'partners with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { partners { totalCount edges { node { id } } } }`,
  },
  {
    name: 'partnerCountsByTier(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { partnerCountsByTier(branchId: $id) { branch { id } tier count } }`,
  },
  {
    name: 'createPartner(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $owner: ID) { createPartner(input: { branchId: $id, ownerId: $owner, kind: AGENT,
            name: "Probe Partner", region: "Probe" }) { id } }`,
    vars: (id, me) => ({ id, owner: me.headOffice ? me.user.id : null }),
  },
  {
    name: 'createPartner(ownerId)',
    kind: 'user',
    doc: `mutation($id: ID!, $branch: ID) { createPartner(input: { branchId: $branch, ownerId: $id, kind: AGENT,
            name: "Probe Partner", region: "Probe" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.ownBranch : null }),
  },
  {
    name: 'updatePartner(id)',
    kind: 'partner',
    doc: `mutation($id: ID!) { updatePartner(id: $id, input: { region: "Probe", status: ACTIVE }) { id } }`,
  },
  {
    name: 'updatePartner(own id, ownerId: foreign user)',
    kind: 'user',
    doc: `mutation($id: ID!, $partner: ID!) { updatePartner(id: $partner, input: { ownerId: $id }) { id ownerId } }`,
    vars: (id, me) => ({ id, partner: me.ownPartner }),
  },
  {
    name: 'addPartnerContact(partnerId)',
    kind: 'partner',
    doc: `mutation($id: ID!) { addPartnerContact(input: { partnerId: $id, name: "Probe", phone: "123456", isPrimary: true }) { id } }`,
  },
  {
    name: 'createPartnerAgreement(partnerId)',
    kind: 'partner',
    doc: `mutation($id: ID!) { createPartnerAgreement(input: { partnerId: $id, startsOn: "2027-01-01", endsOn: "2027-12-31",
            territory: "Probe", terms: "Probe" }) { id } }`,
  },
  {
    name: 'updatePartnerAgreement(id)',
    kind: 'partnerAgreement',
    doc: `mutation($id: ID!) { updatePartnerAgreement(id: $id, input: { endsOn: "2031-06-30", terms: "Probe" }) { id } }`,
  },
  {
    name: 'terminatePartnerAgreement(id)',
    kind: 'partnerAgreement',
    doc: `mutation($id: ID!) { terminatePartnerAgreement(id: $id, reason: "probe") { id status } }`,
  },
  {
    name: 'channelSettings(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { channelSettings(branchId: $id) { branchId weightSales tierAMin } }`,
  },
  {
    name: 'updateChannelSettings(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { updateChannelSettings(input: { branchId: $id, tierCMin: "40" }) { branchId } }`,
  },
  {
    name: 'recordPartnerEvaluation(partnerId)',
    kind: 'partner',
    doc: `mutation($id: ID!) { recordPartnerEvaluation(input: { partnerId: $id, period: "2026-Q3", salesAmount: "1000.00",
            marketCoverage: "50", customerFeedback: "50" }) { id score tier } }`,
  },
  {
    name: 'partnerScorecard(partnerId)',
    kind: 'partner',
    doc: `query($id: ID!) { partnerScorecard(partnerId: $id) { partner { id } periods { id score } latest { id } } }`,
  },
  {
    name: 'partnerScorecards(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { partnerScorecards(first: 50, filter: { branchId: $id }) { totalCount edges { node { id partner { id } } } } }`,
  },
  {
    name: 'partnerScorecards with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { partnerScorecards(filter: { period: "2026-Q2" }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'partnerDisputes(filter: { partnerId })',
    kind: 'partner',
    doc: `query($id: ID!) { partnerDisputes(first: 50, filter: { partnerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'partnerDisputes(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { partnerDisputes(first: 50, filter: { branchId: $id }) { totalCount edges { node { id partner { id } } } } }`,
  },
  {
    name: 'partnerSupportRecords(filter: { partnerId })',
    kind: 'partner',
    doc: `query($id: ID!) { partnerSupportRecords(first: 50, filter: { partnerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'partnerSupportRecords(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { partnerSupportRecords(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'partnerEndUsers(filter: { partnerId })',
    kind: 'partner',
    doc: `query($id: ID!) { partnerEndUsers(first: 50, filter: { partnerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'partnerEndUsers(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { partnerEndUsers(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'openPartnerDispute(partnerId)',
    kind: 'partner',
    doc: `mutation($id: ID!) { openPartnerDispute(input: { partnerId: $id, subject: "Probe", description: "Probe" }) { id } }`,
  },
  {
    name: 'handlePartnerDispute(id)',
    kind: 'partnerDispute',
    doc: `mutation($id: ID!) { handlePartnerDispute(id: $id, input: { notes: "Probe" }) { id state } }`,
  },
  {
    name: 'handlePartnerDispute(own dispute, handlerId: foreign user)',
    kind: 'user',
    doc: `mutation($id: ID!, $d: ID!) { handlePartnerDispute(id: $d, input: { handlerId: $id }) { id state } }`,
    vars: (id, me) => ({ id, d: me.ownDispute }),
  },
  {
    name: 'closePartnerDispute(id)',
    kind: 'partnerDispute',
    doc: `mutation($id: ID!) { closePartnerDispute(id: $id, resolution: "Probe") { id state } }`,
  },
  {
    name: 'recordPartnerSupport(partnerId)',
    kind: 'partner',
    doc: `mutation($id: ID!) { recordPartnerSupport(input: { partnerId: $id, kind: TRAINING, givenOn: "2026-01-05",
            topic: "Probe" }) { id } }`,
  },
  {
    name: 'recordPartnerEndUser(partnerId)',
    kind: 'partner',
    doc: `mutation($id: ID!) { recordPartnerEndUser(input: { partnerId: $id, name: "Probe", purchased: "Probe" }) { id } }`,
  },
  // ---- end channels ----
  // ---- leads ----
  {
    name: 'lead(id)',
    kind: 'lead',
    doc: `query($id: ID!) { lead(id: $id) { id company valid missing owner { id } timeline { kind }
            duplicates { matchedOn message lead { id } } customer { id } } }`,
  },
  {
    name: 'leads(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { leads(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'leads(filter: { ownerId })',
    kind: 'user',
    doc: `query($id: ID!) { leads(first: 50, filter: { ownerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'leads with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { leads { totalCount edges { node { id duplicates { matchedOn } } } } }`,
  },
  {
    name: 'customer(id) { lead }',
    kind: 'customer',
    doc: `query($id: ID!) { customer(id: $id) { id lead { id timeline { kind } } } }`,
  },
  {
    name: 'createLead(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $owner: ID) { createLead(input: { branchId: $id, ownerId: $owner, source: WEB,
            company: "Probe Branch", contactName: "Probe", contactRole: MANAGER, mobile: "+86 139 0000 0001" }) { id } }`,
    vars: (id, me) => ({ id, owner: me.headOffice ? null : undefined }),
  },
  {
    name: 'createLead(ownerId)',
    kind: 'user',
    doc: `mutation($id: ID!, $branch: ID) { createLead(input: { branchId: $branch, ownerId: $id, source: WEB,
            company: "Probe Owner", mobile: "+86 139 0000 0001" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.ownBranch : null }),
  },
  {
    name: 'updateLead(id)',
    kind: 'lead',
    doc: `mutation($id: ID!) { updateLead(id: $id, input: { company: "Probe", mobile: null }) { id } }`,
  },
  {
    name: 'screenLead(id)',
    kind: 'lead',
    doc: `mutation($id: ID!) { screenLead(id: $id, input: { outcome: UNFIT, note: "probe" }) { id screening } }`,
  },
  {
    name: 'addLeadNote(id)',
    kind: 'lead',
    doc: `mutation($id: ID!) { addLeadNote(id: $id, note: "probe") { kind } }`,
  },
  {
    name: 'convertLead(id)',
    kind: 'lead',
    doc: `mutation($id: ID!) { convertLead(id: $id, input: { name: "Probe Convert" }) { lead { id } customer { id } } }`,
  },
  {
    name: 'customer(id) { tierHistory purchases }',
    kind: 'customer',
    doc: `query($id: ID!) { customer(id: $id) { id tier purchasesLast12Months tierHistory { id reason }
            purchases(first: 5) { id amount } } }`,
  },
  {
    name: 'recordCustomerPurchase(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!) { recordCustomerPurchase(input: { customerId: $id, amount: "10.00", purchasedOn: "2026-01-05" }) {
            purchase { id } largeChange } }`,
  },
  {
    name: 'tieringSettings(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { tieringSettings(branchId: $id) { branchId highAbove } }`,
  },
  {
    name: 'updateTieringSettings(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { updateTieringSettings(input: { branchId: $id, largeChangePercent: 7 }) { branchId } }`,
  },
  {
    name: 'customerTierChanges(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { customerTierChanges(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'customerTierChanges(filter: { customerId })',
    kind: 'customer',
    doc: `query($id: ID!) { customerTierChanges(first: 50, filter: { customerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'customerTierChanges with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { customerTierChanges { totalCount edges { node { id } } } }`,
  },
  {
    name: 'setCustomerAccountManager(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!, $m: ID) { setCustomerAccountManager(customerId: $id, accountManagerId: $m) { id accountManagerId } }`,
    vars: (id) => ({ id, m: null }),
  },
  {
    name: 'setCustomerAccountManager(own customer, accountManagerId: foreign user)',
    kind: 'user',
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $c: ID!) { setCustomerAccountManager(customerId: $c, accountManagerId: $id) { id } }`,
    vars: (id, me) => ({ id, c: me.ownCustomer }),
  },
  {
    name: 'customer(id) { accountManager }',
    kind: 'customer',
    doc: `query($id: ID!) { customer(id: $id) { id accountManagerId accountManager { id } } }`,
  },
  {
    name: 'highValueCustomersWithoutAccountManager(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { highValueCustomersWithoutAccountManager(first: 50, filter: { branchId: $id }) {
            totalCount edges { node { id owner { id } } } } }`,
  },
  {
    name: 'highValueCustomersWithoutAccountManager(filter: { ownerId })',
    kind: 'user',
    doc: `query($id: ID!) { highValueCustomersWithoutAccountManager(first: 50, filter: { ownerId: $id }) {
            totalCount edges { node { id } } } }`,
  },
  {
    name: 'highValueCustomersWithoutAccountManager with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { highValueCustomersWithoutAccountManager { totalCount edges { node { id } } } }`,
  },
  // ---- end leads ----
  // ---- visits ----
  {
    name: 'visit(id)',
    kind: 'visit',
    doc: `query($id: ID!) { visit(id: $id) { id purpose effective notEffectiveBecause customer { id } owner { id }
            attendees { kind member { id } contact { id } } tasks { id assignee { id } } } }`,
  },
  {
    name: 'visits(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { visits(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'visits(filter: { ownerId })',
    kind: 'user',
    doc: `query($id: ID!) { visits(first: 50, filter: { ownerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'visits(filter: { customerId })',
    kind: 'customer',
    doc: `query($id: ID!) { visits(first: 50, filter: { customerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'visits with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { visits { totalCount edges { node { id attendees { kind } tasks { id } } } } }`,
  },
  {
    name: 'visitTasks(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { visitTasks(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'visitTasks(filter: { assigneeId })',
    kind: 'user',
    doc: `query($id: ID!) { visitTasks(first: 50, filter: { assigneeId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'visitTasks(filter: { visitId })',
    kind: 'visit',
    doc: `query($id: ID!) { visitTasks(first: 50, filter: { visitId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'planVisit(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!, $branch: ID, $owner: ID) { planVisit(input: { branchId: $branch, ownerId: $owner,
            customerId: $id, plannedOn: "2030-01-02", purpose: "Probe" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.ownBranch : null, owner: me.headOffice ? me.user.id : null }),
  },
  {
    name: 'planVisit(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $customer: ID!) { planVisit(input: { branchId: $id, customerId: $customer,
            plannedOn: "2030-01-02", purpose: "Probe" }) { id } }`,
    vars: (id, me) => ({ id, customer: me.ownCustomer }),
  },
  {
    name: 'planVisit(ownerId)',
    kind: 'user',
    doc: `mutation($id: ID!, $branch: ID, $customer: ID!) { planVisit(input: { branchId: $branch, ownerId: $id,
            customerId: $customer, plannedOn: "2030-01-02", purpose: "Probe" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.ownBranch : null, customer: me.ownCustomer }),
  },
  {
    name: 'planVisit(own customer, memberIds: foreign user)',
    kind: 'user',
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $branch: ID, $owner: ID, $customer: ID!) { planVisit(input: { branchId: $branch,
            ownerId: $owner, customerId: $customer, plannedOn: "2030-01-02", purpose: "Probe", memberIds: [$id] }) { id } }`,
    vars: (id, me) => ({
      id,
      branch: me.headOffice ? me.ownBranch : null,
      owner: me.headOffice ? me.user.id : null,
      customer: me.ownCustomer,
    }),
  },
  {
    name: 'planVisit(own customer, contactIds: foreign contact)',
    kind: 'contact',
    doc: `mutation($id: ID!, $branch: ID, $owner: ID, $customer: ID!) { planVisit(input: { branchId: $branch,
            ownerId: $owner, customerId: $customer, plannedOn: "2030-01-02", purpose: "Probe", contactIds: [$id] }) { id } }`,
    vars: (id, me) => ({
      id,
      branch: me.headOffice ? me.ownBranch : null,
      owner: me.headOffice ? me.user.id : null,
      customer: me.ownCustomer,
    }),
  },
  {
    name: 'planVisit(own customer, quoteId: foreign quote)',
    kind: 'quote',
    doc: `mutation($id: ID!, $branch: ID, $owner: ID, $customer: ID!) { planVisit(input: { branchId: $branch,
            ownerId: $owner, customerId: $customer, plannedOn: "2030-01-02", purpose: "Probe", quoteId: $id }) { id } }`,
    vars: (id, me) => ({
      id,
      branch: me.headOffice ? me.ownBranch : null,
      owner: me.headOffice ? me.user.id : null,
      customer: me.ownCustomer,
    }),
  },
  {
    name: 'updateVisit(id)',
    kind: 'visit',
    doc: `mutation($id: ID!) { updateVisit(id: $id, input: { purpose: "Probe", plannedOn: "2030-02-01" }) { id } }`,
  },
  {
    name: 'cancelVisit(id)',
    kind: 'visit',
    doc: `mutation($id: ID!) { cancelVisit(id: $id, reason: "probe") { id state } }`,
  },
  {
    name: 'fileVisitReport(id)',
    kind: 'visit',
    doc: `mutation($id: ID!) { fileVisitReport(id: $id, input: { summary: "Probe", urgent: true,
            commitments: [{ description: "Probe", dueOn: "2030-01-05" }] }) { id state } }`,
  },
  {
    name: 'reviewVisit(id)',
    kind: 'visit',
    doc: `mutation($id: ID!) { reviewVisit(id: $id, comment: "probe") { id acknowledged } }`,
  },
  {
    name: 'completeVisitTask(id)',
    kind: 'visitTask',
    doc: `mutation($id: ID!) { completeVisitTask(id: $id) { id done } }`,
  },
  {
    name: 'updateVisitTask(id)',
    kind: 'visitTask',
    doc: `mutation($id: ID!) { updateVisitTask(id: $id, input: { description: "Probe", dueOn: "2030-03-01" }) { id } }`,
  },
  {
    name: 'satisfactionSurveys(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { satisfactionSurveys(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'satisfactionSurveys(filter: { customerId })',
    kind: 'customer',
    doc: `query($id: ID!) { satisfactionSurveys(first: 50, filter: { customerId: $id }) { totalCount edges { node { id customer { id } } } } }`,
  },
  {
    name: 'satisfactionSurveys with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { satisfactionSurveys { totalCount edges { node { id } } } }`,
  },
  {
    name: 'satisfactionAverages(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { satisfactionAverages(filter: { branchId: $id, from: "2026-Q1", to: "2026-Q4" }) { branchId average } }`,
  },
  {
    name: 'recordSatisfaction(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!, $branch: ID) { recordSatisfaction(input: { branchId: $branch, customerId: $id, period: "2026-Q2",
            score: 5, method: SURVEY, surveyedOn: "2026-05-01" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.ownBranch : null }),
  },
  {
    name: 'recordSatisfaction(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $customer: ID!) { recordSatisfaction(input: { branchId: $id, customerId: $customer,
            period: "2026-Q2", score: 5, method: SURVEY, surveyedOn: "2026-05-01" }) { id } }`,
    vars: (id, me) => ({ id, customer: me.ownCustomer }),
  },
  {
    name: 'updateSatisfaction(id)',
    kind: 'satisfaction',
    doc: `mutation($id: ID!) { updateSatisfaction(id: $id, input: { score: 1, comment: "probe" }) { id score } }`,
  },
  {
    name: 'repAttainment(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { repAttainment(period: "2026-W45", filter: { branchId: $id }) { totalCount edges { node { userId metrics { actual } rep { id } } } } }`,
  },
  {
    name: 'repAttainment(filter: { userId })',
    kind: 'user',
    doc: `query($id: ID!) { repAttainment(period: "2026-11", filter: { userId: $id }) { totalCount edges { node { userId metrics { actual } } } } }`,
  },
  {
    name: 'repAttainment with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { repAttainment(period: "2026-W45") { totalCount edges { node { userId metrics { actual } } } } }`,
  },
  {
    name: 'branchAttainment(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { branchAttainment(period: "2026-W45", branchId: $id) { branchId reps metrics { actual } } }`,
  },
  {
    name: 'activityQuotaSettings(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { activityQuotaSettings(branchId: $id) { branchId validLeadsPerWeek } }`,
  },
  {
    name: 'updateActivityQuotaSettings(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { updateActivityQuotaSettings(input: { branchId: $id, validLeadsPerWeek: 1 }) { branchId } }`,
  },
  // ---- end visits ----
  // ---- complaints ----
  {
    name: 'complaint(id)',
    kind: 'complaint',
    doc: `query($id: ID!) { complaint(id: $id) { id state timeline { action } customer { id } owner { id } } }`,
  },
  ...['branchId', 'ownerId', 'customerId'].map((f) => ({
    name: `complaints(filter: { ${f} })`,
    kind: (f === 'branchId' ? 'branch' : f === 'ownerId' ? 'user' : 'customer') as IdKind,
    doc: `query($id: ID!) { complaints(first: 50, filter: { ${f}: $id }) { totalCount edges { node { id } } } }`,
  })),
  {
    name: 'complaints with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { complaints { totalCount edges { node { id timeline { action } } } } }`,
  },
  {
    name: 'complaintCounts(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { complaintCounts(filter: { branchId: $id }) { branchId state severity count overdue } }`,
  },
  {
    name: 'complaintCounts with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { complaintCounts { branchId count } }`,
  },
  {
    name: 'complaintSettings(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { complaintSettings(branchId: $id) { branchId criticalHours } }`,
  },
  {
    name: 'updateComplaintSettings(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { updateComplaintSettings(input: { branchId: $id, criticalHours: 2 }) { branchId } }`,
  },
  {
    name: 'createComplaint(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!, $branch: ID, $owner: ID) { createComplaint(input: { branchId: $branch, ownerId: $owner,
            customerId: $id, channel: PHONE, category: PRODUCT, severity: HIGH, description: "Probe" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.ownBranch : null, owner: me.headOffice ? me.user.id : null }),
  },
  {
    name: 'createComplaint(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $customer: ID!) { createComplaint(input: { branchId: $id, customerId: $customer,
            channel: EMAIL, category: SERVICE, severity: LOW, description: "Probe" }) { id } }`,
    vars: (id, me) => ({ id, customer: me.ownCustomer }),
  },
  {
    name: 'createComplaint(ownerId)',
    kind: 'user',
    doc: `mutation($id: ID!, $branch: ID, $customer: ID!) { createComplaint(input: { branchId: $branch, ownerId: $id,
            customerId: $customer, channel: WEB, category: OTHER, severity: MEDIUM, description: "Probe" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.ownBranch : null, customer: me.ownCustomer }),
  },
  {
    name: 'startComplaintInvestigation(id)',
    kind: 'complaint',
    doc: `mutation($id: ID!) { startComplaintInvestigation(id: $id, note: "probe") { id state } }`,
  },
  {
    name: 'recordComplaintRootCause(id)',
    kind: 'complaint',
    doc: `mutation($id: ID!) { recordComplaintRootCause(id: $id, rootCause: "probe") { id state } }`,
  },
  {
    name: 'resolveComplaint(id)',
    kind: 'complaint',
    doc: `mutation($id: ID!) { resolveComplaint(id: $id, input: { resolution: "probe", rootCause: "probe" }) { id state } }`,
  },
  {
    name: 'recordComplaintFollowUp(id)',
    kind: 'complaint',
    doc: `mutation($id: ID!) { recordComplaintFollowUp(id: $id, input: { confirmed: true }) { id state } }`,
  },
  // ---- end complaints ----
  // ---- fulfillment ----
  { name: 'product(id)', kind: 'product', orgLevel: true, doc: `query($id: ID!) { product(id: $id) { id code } }` },
  {
    name: 'updateProduct(id)',
    kind: 'product',
    orgLevel: true,
    doc: `mutation($id: ID!) { updateProduct(id: $id, input: { name: "Probe" }) { id } }`,
  },
  {
    name: 'setBranchPrice(productId)',
    kind: 'product',
    orgLevel: true,
    doc: `mutation($id: ID!, $branch: ID) { setBranchPrice(input: { productId: $id, branchId: $branch, price: "1.00" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.ownBranch : null }),
  },
  {
    name: 'setBranchPrice(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $p: ID!) { setBranchPrice(input: { productId: $p, branchId: $id, price: "1.00" }) { id } }`,
    vars: (id, me) => ({ id, p: me.ownProduct }),
  },
  {
    name: 'products(filter: { makerId })',
    kind: 'vendor',
    orgLevel: true,
    doc: `query($id: ID!) { products(first: 50, filter: { makerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'createProduct(makerId)',
    kind: 'vendor',
    orgLevel: true,
    doc: `mutation($id: ID!) { createProduct(input: { code: "PROBE", name: "Probe", unit: "pcs", listPrice: "1.00",
            costPrice: "1.00", makerId: $id }) { id } }`,
  },
  { name: 'vendor(id)', kind: 'vendor', orgLevel: true, doc: `query($id: ID!) { vendor(id: $id) { id code } }` },
  {
    name: 'updateVendor(id)',
    kind: 'vendor',
    orgLevel: true,
    doc: `mutation($id: ID!) { updateVendor(id: $id, input: { name: "Probe" }) { id } }`,
  },
  {
    name: 'addVendorContact(vendorId)',
    kind: 'vendor',
    orgLevel: true,
    doc: `mutation($id: ID!) { addVendorContact(input: { vendorId: $id, name: "Probe", phone: "1" }) { id } }`,
  },
  {
    name: 'setVendorProduct(vendorId)',
    kind: 'vendor',
    orgLevel: true,
    doc: `mutation($id: ID!, $p: ID!) { setVendorProduct(input: { vendorId: $id, productId: $p }) { id } }`,
    vars: (id, me) => ({ id, p: me.ownProduct }),
  },
  {
    name: 'setVendorProduct(productId)',
    kind: 'product',
    orgLevel: true,
    doc: `mutation($id: ID!, $v: ID!) { setVendorProduct(input: { vendorId: $v, productId: $id }) { id } }`,
    vars: (id, me) => ({ id, v: me.ownVendor }),
  },
  {
    name: 'removeVendorProduct(vendorId)',
    kind: 'vendor',
    orgLevel: true,
    doc: `mutation($id: ID!, $p: ID!) { removeVendorProduct(vendorId: $id, productId: $p) { id } }`,
    vars: (id, me) => ({ id, p: me.ownProduct }),
  },
  {
    name: 'warehouseLocations(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { warehouseLocations(first: 50, branchId: $id) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'warehouseLocations with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { warehouseLocations { totalCount edges { node { id } } } }`,
  },
  {
    name: 'createWarehouseLocation(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { createWarehouseLocation(input: { branchId: $id, code: "PROBE", name: "Probe" }) { id } }`,
  },
  ...(['branchId', 'productId', 'locationId'] as const).map((f) => ({
    name: `stockLevels(filter: { ${f} })`,
    kind: (f === 'branchId' ? 'branch' : f === 'productId' ? 'product' : 'location') as IdKind,
    colleagueAllowed: true,
    doc: `query($id: ID!) { stockLevels(first: 50, filter: { ${f}: $id }) { totalCount edges { node { id onHand } } } }`,
  })),
  {
    name: 'stockLevels with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { stockLevels { totalCount edges { node { id product { id } location { id } } } } }`,
  },
  {
    name: 'stockMovements(productId)',
    kind: 'product',
    colleagueAllowed: true,
    doc: `query($id: ID!) { stockMovements(productId: $id, first: 50) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'stockMovements(filter: { locationId })',
    kind: 'location',
    colleagueAllowed: true,
    doc: `query($id: ID!, $p: ID!) { stockMovements(productId: $p, filter: { locationId: $id }) { totalCount edges { node { id } } } }`,
    vars: (id, me) => ({ id, p: me.ownProduct }),
  },
  {
    name: 'stockValues(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { stockValues(branchId: $id) { branchId value } }`,
  },
  {
    name: 'stockValues with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { stockValues { branchId value } }`,
  },
  ...(
    [
      ['receiveStock', 'ReceiveStockInput', 'quantity: "1", cause: RETURN'],
      ['issueStock', 'IssueStockInput', 'quantity: "1"'],
      ['adjustStock', 'AdjustStockInput', 'countedQuantity: "1", note: "Probe"'],
    ] as const
  ).flatMap(([m, , rest]) => [
    {
      name: `${m}(locationId)`,
      kind: 'location' as IdKind,
      colleagueAllowed: true,
      doc: `mutation($id: ID!, $p: ID!) { ${m}(input: { locationId: $id, productId: $p, ${rest} }) { id onHand } }`,
      vars: (id: string, me: Actor) => ({ id, p: me.ownProduct }),
    },
    {
      name: `${m}(productId)`,
      kind: 'product' as IdKind,
      orgLevel: true,
      doc: `mutation($id: ID!, $l: ID!) { ${m}(input: { locationId: $l, productId: $id, ${rest} }) { id onHand } }`,
      vars: (id: string, me: Actor) => ({ id, l: me.ownLocation }),
    },
  ]),
  {
    name: 'shipment(id)',
    kind: 'shipment',
    colleagueAllowed: true,
    doc: `query($id: ID!) { shipment(id: $id) { id lines { id product { id } } events { toStatus } location { id } } }`,
  },
  ...(['branchId', 'orderId'] as const).map((f) => ({
    name: `shipments(filter: { ${f} })`,
    kind: (f === 'branchId' ? 'branch' : 'releasedOrder') as IdKind,
    colleagueAllowed: true,
    doc: `query($id: ID!) { shipments(first: 50, filter: { ${f}: $id }) { totalCount edges { node { id } } } }`,
  })),
  {
    name: 'shipments with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { shipments { totalCount edges { node { id lines { id } } } } }`,
  },
  {
    name: 'orderShipping(orderId)',
    kind: 'releasedOrder',
    colleagueAllowed: true,
    doc: `query($id: ID!) { orderShipping(orderId: $id) { orderLineId shipped } }`,
  },
  {
    name: 'createShipment(orderId)',
    kind: 'releasedOrder',
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $l: ID!, $p: ID!) { createShipment(input: { orderId: $id, mode: DIRECT_FROM_MAKER,
            consigneePlace: "P", consigneePerson: "P", lines: [{ orderLineId: $l, productId: $p, quantity: "1" }] }) { id } }`,
    vars: (id, me) => ({ id, l: me.ownReleasedOrderLine, p: me.ownProduct }),
  },
  {
    name: 'createShipment(locationId)',
    kind: 'location',
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $o: ID!, $l: ID!, $p: ID!) { createShipment(input: { orderId: $o, mode: FROM_STOCK,
            locationId: $id, consigneePlace: "P", consigneePerson: "P", lines: [{ orderLineId: $l, productId: $p,
            quantity: "1" }] }) { id } }`,
    vars: (id, me) => ({ id, o: me.ownReleasedOrder, l: me.ownReleasedOrderLine, p: me.ownProduct }),
  },
  {
    name: 'createShipment(productId)',
    kind: 'product',
    orgLevel: true,
    doc: `mutation($id: ID!, $o: ID!, $l: ID!) { createShipment(input: { orderId: $o, mode: DIRECT_FROM_MAKER,
            consigneePlace: "P", consigneePerson: "P", lines: [{ orderLineId: $l, productId: $id, quantity: "1" }] }) { id } }`,
    vars: (id, me) => ({ id, o: me.ownReleasedOrder, l: me.ownReleasedOrderLine }),
  },
  {
    name: 'createShipment(orderLineId)',
    kind: 'releasedOrderLine',
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $o: ID!, $p: ID!) { createShipment(input: { orderId: $o, mode: DIRECT_FROM_MAKER,
            consigneePlace: "P", consigneePerson: "P", lines: [{ orderLineId: $id, productId: $p, quantity: "1" }] }) { id } }`,
    vars: (id, me) => ({ id, o: me.ownReleasedOrder, p: me.ownProduct }),
  },
  {
    name: 'recordShipmentEvent(id)',
    kind: 'shipment',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { recordShipmentEvent(id: $id, input: { status: SHIPPED }) { id status } }`,
  },
  {
    name: 'cancelShipment(id)',
    kind: 'shipment',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { cancelShipment(id: $id, reason: "Probe") { id status } }`,
  },
  // ---- end fulfillment ----
  // ---- shipping rule ----
  {
    name: 'shippingBreaches(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { shippingBreaches(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'shippingBreaches with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { shippingBreaches(first: 50) { totalCount edges { node { id shippingBreached } } } }`,
  },
  {
    name: 'signingToShipment(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { signingToShipment(input: { from: "2026-01-01", to: "2026-12-31", branchId: $id }) {
            branchId signed breaches awaitingRelease } }`,
  },
  {
    name: 'signingToShipment with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { signingToShipment(input: { from: "2026-01-01", to: "2026-12-31" }) { branchId signed breaches } }`,
  },
  // ---- end shipping rule ----
  // ---- delivery ----
  {
    name: 'recordDeliveryReceipt(id)',
    kind: 'deliveredShipment',
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $f: ID!) { recordDeliveryReceipt(id: $id, input: { signedBy: "Probe",
            signedAt: "2026-01-01T00:00:00Z", scanFileId: $f }) { id status } }`,
    vars: (id) => ({ id, f: randomUUID() }),
  },
  {
    name: 'recordDeliveryReceipt(scanFileId)',
    kind: 'file',
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $s: ID!) { recordDeliveryReceipt(id: $s, input: { signedBy: "Probe",
            signedAt: "${new Date().toISOString()}", scanFileId: $id }) { id status } }`,
    vars: (id, me) => ({ id, s: me.ownDeliveredShipment || randomUUID() }),
  },
  {
    name: 'acceptShipment(id)',
    kind: 'deliveredShipment',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { acceptShipment(id: $id) { id status } }`,
  },
  {
    name: 'rejectShipment(id)',
    kind: 'deliveredShipment',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { rejectShipment(id: $id, reason: "Probe") { id status } }`,
  },
  // ---- end delivery ----
  // ---- purchase orders and RMA (po) ----
  {
    name: 'purchaseOrder(id)',
    kind: 'purchaseOrder',
    colleagueAllowed: true,
    doc: `query($id: ID!) { purchaseOrder(id: $id) { id lines { id product { id } } maker { id } owner { id } branch { id } } }`,
  },
  ...(['branchId', 'orderId'] as const).map((f) => ({
    name: `purchaseOrders(filter: { ${f} })`,
    kind: (f === 'branchId' ? 'branch' : 'releasedOrder') as IdKind,
    colleagueAllowed: true,
    doc: `query($id: ID!) { purchaseOrders(first: 50, filter: { ${f}: $id }) { totalCount edges { node { id } } } }`,
  })),
  {
    name: 'purchaseOrders(filter: { makerId })',
    kind: 'vendor',
    orgLevel: true,
    doc: `query($id: ID!) { purchaseOrders(first: 50, filter: { makerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'purchaseOrders with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { purchaseOrders { totalCount edges { node { id lines { id } } } } }`,
  },
  ...(
    [
      ['orderId', 'releasedOrder', false],
      ['orderLineId', 'releasedOrderLine', false],
      ['makerId', 'vendor', true],
      ['productId', 'product', true],
    ] as const
  ).map(([arg, kind, orgLevel]) => ({
    name: `createPurchaseOrder(${arg})`,
    kind: kind as IdKind,
    ...(orgLevel ? { orgLevel: true } : { colleagueAllowed: true }),
    doc: `mutation($o: ID!, $l: ID!, $p: ID!, $m: ID!) { createPurchaseOrder(input: { orderId: $o, makerId: $m,
            lines: [{ orderLineId: $l, productId: $p, quantity: "1", unitPrice: "1.00" }] }) { id } }`,
    vars: (id: string, me: Actor) => ({
      o: me.ownReleasedOrder,
      l: me.ownReleasedOrderLine,
      p: me.ownProduct,
      m: me.ownVendor,
      [{ orderId: 'o', orderLineId: 'l', makerId: 'm', productId: 'p' }[arg]]: id,
    }),
  })),
  ...(['submitPurchaseOrder', 'placePurchaseOrder', 'closePurchaseOrder'] as const).map((m) => ({
    name: `${m}(id)`,
    kind: 'purchaseOrder' as IdKind,
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { ${m}(id: $id) { id state } }`,
  })),
  {
    name: 'cancelPurchaseOrder(id)',
    kind: 'purchaseOrder',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { cancelPurchaseOrder(id: $id, reason: "Probe") { id state } }`,
  },
  {
    name: 'confirmPurchaseOrder(id)',
    kind: 'purchaseOrder',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { confirmPurchaseOrder(id: $id, input: { confirmedOn: "2026-01-02", reference: "Probe" }) {
            id state } }`,
  },
  ...(
    [
      ['id', 'purchaseOrder'],
      ['locationId', 'location'],
      ['lineId', 'purchaseOrderLine'],
    ] as const
  ).map(([arg, kind]) => ({
    name: `receivePurchaseOrder(${arg})`,
    kind: kind as IdKind,
    colleagueAllowed: true,
    doc: `mutation($po: ID!, $loc: ID!, $line: ID!) { receivePurchaseOrder(id: $po, input: { locationId: $loc,
            lines: [{ lineId: $line, quantity: "1" }] }) { id state } }`,
    vars: (id: string, me: Actor) => ({
      po: me.ownPurchaseOrder,
      loc: me.ownLocation,
      line: me.ownPurchaseOrderLine,
      [{ id: 'po', locationId: 'loc', lineId: 'line' }[arg]]: id,
    }),
  })),
  {
    name: 'rma(id)',
    kind: 'rma',
    doc: `query($id: ID!) { rma(id: $id) { id owner { id } engineer { id } product { id } maker { id } branch { id } } }`,
  },
  ...(['branchId', 'customerId'] as const).map((f) => ({
    name: `rmas(filter: { ${f} })`,
    kind: (f === 'branchId' ? 'branch' : 'customer') as IdKind,
    doc: `query($id: ID!) { rmas(first: 50, filter: { ${f}: $id }) { totalCount edges { node { id } } } }`,
  })),
  {
    name: 'rmas with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { rmas { totalCount edges { node { id } } } }`,
  },
  {
    name: 'openRmasByAge(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { openRmasByAge(branchId: $id) { branchId state open overdue } }`,
  },
  {
    name: 'openRmasByAge with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { openRmasByAge { branchId state open } }`,
  },
  {
    name: 'rmaSettings(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { rmaSettings(branchId: $id) { branchId requestedHours } }`,
  },
  {
    name: 'updateRmaSettings(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { updateRmaSettings(input: { branchId: $id, requestedHours: 3 }) { branchId } }`,
  },
  {
    name: 'createRma(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!, $branch: ID, $owner: ID) { createRma(input: { branchId: $branch, ownerId: $owner,
            customerId: $id, problem: "Probe" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.ownBranch : null, owner: me.headOffice ? me.user.id : null }),
  },
  {
    name: 'createRma(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $customer: ID!) { createRma(input: { branchId: $id, customerId: $customer, problem: "Probe" }) {
            id } }`,
    vars: (id, me) => ({ id, customer: me.ownCustomer }),
  },
  {
    name: 'createRma(ownerId)',
    kind: 'user',
    doc: `mutation($id: ID!, $branch: ID, $customer: ID!) { createRma(input: { branchId: $branch, ownerId: $id,
            customerId: $customer, problem: "Probe" }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.ownBranch : null, customer: me.ownCustomer }),
  },
  {
    name: 'createRma(productId)',
    kind: 'product',
    orgLevel: true,
    doc: `mutation($id: ID!, $branch: ID, $owner: ID, $customer: ID!) { createRma(input: { branchId: $branch,
            ownerId: $owner, customerId: $customer, productId: $id, problem: "Probe" }) { id } }`,
    vars: (id, me) => ({
      id,
      branch: me.headOffice ? me.ownBranch : null,
      owner: me.headOffice ? me.user.id : null,
      customer: me.ownCustomer,
    }),
  },
  {
    name: 'moveRma(id)',
    kind: 'rma',
    doc: `mutation($id: ID!) { moveRma(id: $id, input: { state: ENGINEER_CONFIRMED }) { id state } }`,
  },
  // ---- end purchase orders and RMA (po) ----
  // ---- finance ----
  {
    name: 'receipt(id)',
    kind: 'receipt',
    doc: `query($id: ID!) { receipt(id: $id) { id amount applications { id instalmentId } customer { id } } }`,
  },
  {
    name: 'receipts(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { receipts(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'receipts(filter: { customerId })',
    kind: 'customer',
    doc: `query($id: ID!) { receipts(first: 50, filter: { customerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'recordReceipt(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!) { recordReceipt(input: { customerId: $id, kind: BANK_TRANSFER, amount: "10.00",
            receivedOn: "2026-01-05", reference: "Probe" }) { id } }`,
  },
  {
    name: 'recordReceipt(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { recordReceipt(input: { branchId: $id, customerId: "${randomUUID()}", kind: CHEQUE,
            amount: "10.00", receivedOn: "2026-01-05", reference: "Probe" }) { id } }`,
  },
  {
    name: 'recordReceipt(own customer, applications: foreign instalment)',
    kind: 'instalment',
    vars: (id, me) => ({ id, c: me.ownCustomer }),
    doc: `mutation($id: ID!, $c: ID!) { recordReceipt(input: { customerId: $c, kind: BANK_TRANSFER, amount: "10.00",
            receivedOn: "2026-01-05", reference: "Probe", applications: [{ instalmentId: $id, amount: "1.00" }] }) { id } }`,
  },
  {
    name: 'applyReceipt(receiptId)',
    kind: 'receipt',
    doc: `mutation($id: ID!) { applyReceipt(input: { receiptId: $id,
            applications: [{ instalmentId: "${randomUUID()}", amount: "1.00" }] }) { id } }`,
  },
  {
    name: 'applyReceipt(own receipt, foreign instalment)',
    kind: 'instalment',
    vars: (id, me) => ({ id, r: me.ownReceipt }),
    doc: `mutation($id: ID!, $r: ID!) { applyReceipt(input: { receiptId: $r,
            applications: [{ instalmentId: $id, amount: "1.00" }] }) { id } }`,
  },
  {
    name: 'reverseReceipt(id)',
    kind: 'receipt',
    doc: `mutation($id: ID!) { reverseReceipt(id: $id, reason: "Probe") { id state } }`,
  },
  {
    name: 'receivables(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { receivables(first: 50, filter: { branchId: $id }) { totalCount edges { node { customerId outstanding } } } }`,
  },
  {
    name: 'receivables(filter: { customerId })',
    kind: 'customer',
    doc: `query($id: ID!) { receivables(first: 50, filter: { customerId: $id }) { totalCount edges { node { customerId } } } }`,
  },
  {
    name: 'receivables(by: CONTRACT, filter: { contractId })',
    kind: 'contract',
    doc: `query($id: ID!) { receivables(by: CONTRACT, first: 50, filter: { contractId: $id }) { totalCount edges { node { contractId } } } }`,
  },
  {
    name: 'branchReceivables(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { branchReceivables(branchId: $id) { branchId outstanding } }`,
  },
  // ---- invoices (fin2) ----
  {
    name: 'invoice(id)',
    kind: 'invoice',
    doc: `query($id: ID!) { invoice(id: $id) { id state amount lines { id amount } customer { id } } }`,
  },
  {
    name: 'invoices(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { invoices(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'invoices(filter: { customerId })',
    kind: 'customer',
    doc: `query($id: ID!) { invoices(first: 50, filter: { customerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'invoices(filter: { contractId })',
    kind: 'contract',
    doc: `query($id: ID!) { invoices(first: 50, filter: { contractId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'contractInvoicing(contractId)',
    kind: 'contract',
    doc: `query($id: ID!) { contractInvoicing(contractId: $id) { amount standing invoiceable } }`,
  },
  {
    name: 'requestInvoice(contractId)',
    kind: 'contract',
    doc: `mutation($id: ID!) { requestInvoice(input: { contractId: $id, lines: [{ description: "Probe", amount: "1.00" }] }) { id } }`,
  },
  {
    name: 'issueInvoice(id)',
    kind: 'invoice',
    doc: `mutation($id: ID!) { issueInvoice(id: $id, input: { type: VAT_SPECIAL, taxRate: "13" }) { id number } }`,
  },
  {
    name: 'deliverInvoice(id)',
    kind: 'invoice',
    doc: `mutation($id: ID!) { deliverInvoice(id: $id) { id state } }`,
  },
  {
    name: 'confirmInvoice(id)',
    kind: 'invoice',
    doc: `mutation($id: ID!) { confirmInvoice(id: $id) { id state } }`,
  },
  {
    name: 'creditInvoice(invoiceId)',
    kind: 'invoice',
    doc: `mutation($id: ID!) { creditInvoice(input: { invoiceId: $id, reason: "Probe",
            lines: [{ lineId: "${randomUUID()}", amount: "1.00" }] }) { id } }`,
  },
  {
    name: 'creditInvoice(foreign line)',
    kind: 'invoiceLine',
    vars: (id, me) => ({ id, i: me.ownInvoice }),
    doc: `mutation($id: ID!, $i: ID!) { creditInvoice(input: { invoiceId: $i, reason: "Probe",
            lines: [{ lineId: $id, amount: "1.00" }] }) { id } }`,
  },
  {
    name: 'invoicedReceivables(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { invoicedReceivables(first: 50, filter: { branchId: $id }) { totalCount edges { node { customerId receivable } } } }`,
  },
  {
    name: 'invoicedReceivables(filter: { customerId })',
    kind: 'customer',
    doc: `query($id: ID!) { invoicedReceivables(first: 50, filter: { customerId: $id }) { totalCount edges { node { customerId } } } }`,
  },
  {
    name: 'invoicedReceivables(by: CONTRACT, filter: { contractId })',
    kind: 'contract',
    doc: `query($id: ID!) { invoicedReceivables(by: CONTRACT, first: 50, filter: { contractId: $id }) { totalCount edges { node { contractId } } } }`,
  },
  // ---- end invoices (fin2) ----
  // ---- reconciliation (recon) ----
  {
    name: 'reconciliationStatement(id)',
    kind: 'statement',
    doc: `query($id: ID!) { reconciliationStatement(id: $id) { id closing lines { id } customer { id } answeredBy { id } } }`,
  },
  {
    name: 'reconciliationStatements(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { reconciliationStatements(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'reconciliationStatements(filter: { customerId })',
    kind: 'customer',
    doc: `query($id: ID!) { reconciliationStatements(first: 50, filter: { customerId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'signReconciliationStatement(id)',
    kind: 'statement',
    doc: `mutation($id: ID!) { signReconciliationStatement(id: $id, fileId: "${randomUUID()}") { id state } }`,
  },
  {
    name: 'signReconciliationStatement(foreign fileId)',
    kind: 'file',
    vars: (id, me) => ({ id, s: me.ownStatement }),
    doc: `mutation($id: ID!, $s: ID!) { signReconciliationStatement(id: $s, fileId: $id) { id state } }`,
  },
  {
    name: 'disputeReconciliationStatement(statementId)',
    kind: 'statement',
    doc: `mutation($id: ID!) { disputeReconciliationStatement(input: { statementId: $id,
            lines: [{ lineId: "${randomUUID()}", reason: "Probe" }] }) { id state } }`,
  },
  {
    name: 'disputeReconciliationStatement(foreign lineId)',
    kind: 'statementLine',
    vars: (id, me) => ({ id, s: me.ownStatement }),
    doc: `mutation($id: ID!, $s: ID!) { disputeReconciliationStatement(input: { statementId: $s,
            lines: [{ lineId: $id, reason: "Probe" }] }) { id state } }`,
  },
  {
    name: 'resolveStatementLine(lineId)',
    kind: 'statementLine',
    doc: `mutation($id: ID!) { resolveStatementLine(lineId: $id, resolution: "Probe") { id state } }`,
  },
  {
    name: 'instrumentBreaches(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { instrumentBreaches(first: 50, branchId: $id) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'recordInstrumentHandover(receiptId)',
    kind: 'instrument',
    vars: (id, me) => ({ id, u: me.user.id }),
    doc: `mutation($id: ID!, $u: ID!) { recordInstrumentHandover(input: { receiptId: $id, handedById: $u }) { id } }`,
  },
  {
    name: 'recordInstrumentHandover(foreign handedById)',
    kind: 'user',
    colleagueAllowed: true,
    vars: (id, me) => ({ id, r: me.ownInstrument }),
    doc: `mutation($id: ID!, $r: ID!) { recordInstrumentHandover(input: { receiptId: $r, handedById: $id }) { id } }`,
  },
  {
    name: 'receipt(id) { handover }',
    kind: 'instrument',
    doc: `query($id: ID!) { receipt(id: $id) { id handover { id handedBy { id } } } }`,
  },
  // ---- end reconciliation (recon) ----
  // ---- end finance ----
  // ---- documents ----
  // ---- attachments ----
  {
    name: 'file(id) attached to a contract, a visit and a tender document',
    kind: 'attachedFile',
    doc: `query($id: ID!) { file(id: $id) { id name } }`,
  },
  {
    name: 'fileLink(id) attached',
    kind: 'attachedFile',
    doc: `query($id: ID!) { fileLink(id: $id) { url } }`,
  },
  {
    name: 'contract(id) { originalScans }',
    kind: 'contract',
    doc: `query($id: ID!) { contract(id: $id) { id originalScans { id } } }`,
  },
  {
    name: 'visit(id) { reportFiles }',
    kind: 'visit',
    doc: `query($id: ID!) { visit(id: $id) { id reportFiles { id } } }`,
  },
  {
    name: 'attachTenderDocumentFile(id)',
    kind: 'tenderDocument',
    doc: `mutation($id: ID!, $f: ID!) { attachTenderDocumentFile(id: $id, fileId: $f) { id files { id } } }`,
    vars: (id, me) => ({ id, f: me.ownNdaFile }),
  },
  {
    name: 'markContractOriginalReceived(id, scanFileId)',
    kind: 'contract',
    doc: `mutation($id: ID!, $f: ID) { markContractOriginalReceived(id: $id, scanFileId: $f) { id } }`,
    vars: (id, me) => ({ id, f: me.ownNdaFile }),
  },
  // ---- end attachments ----
  {
    name: 'file(id)',
    kind: 'file',
    doc: `query($id: ID!) { file(id: $id) { id name sha256 sizeBytes contentType } }`,
  },
  {
    name: 'fileLink(id)',
    kind: 'file',
    doc: `query($id: ID!) { fileLink(id: $id) { url expiresAt } }`,
  },
  {
    name: 'document(id)',
    kind: 'document',
    // A colleague's INTERNAL document is the branch's to read (and its author's to change): legitimate.
    colleagueAllowed: true,
    doc: `query($id: ID!) { document(id: $id) { id title versions { version file { id } } } }`,
  },
  {
    name: 'documents(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { documents(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'documents with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { documents(first: 50) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'documentReads(documentId)',
    kind: 'document',
    // A colleague's INTERNAL document is the branch's to read (and its author's to change): legitimate.
    colleagueAllowed: true,
    doc: `query($id: ID!) { documentReads(documentId: $id, first: 50) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'createDocument(fileId)',
    kind: 'file',
    doc: `mutation($id: ID!, $branch: ID) { createDocument(input: { branchId: $branch, kind: LETTER, title: "Probe",
            confidentiality: INTERNAL, fileId: $id }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.ownBranch : null }),
  },
  {
    name: 'createDocument(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { createDocument(input: { branchId: $id, kind: LETTER, title: "Probe",
            confidentiality: INTERNAL, fileId: "00000000-0000-4000-8000-000000000001" }) { id } }`,
  },
  {
    name: 'updateDocument(id)',
    kind: 'document',
    // A colleague's INTERNAL document is the branch's to read (and its author's to change): legitimate.
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { updateDocument(id: $id, input: { title: "Probe" }) { id } }`,
  },
  {
    name: 'addDocumentVersion(id)',
    kind: 'document',
    // A colleague's INTERNAL document is the branch's to read (and its author's to change): legitimate.
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { addDocumentVersion(id: $id, input: { fileId: "00000000-0000-4000-8000-000000000001" }) { id } }`,
  },
  {
    name: 'submitDocumentForReview(id)',
    kind: 'document',
    // A colleague's INTERNAL document is the branch's to read (and its author's to change): legitimate.
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { submitDocumentForReview(id: $id) { id state } }`,
  },
  {
    name: 'archiveDocument(id)',
    kind: 'document',
    // A colleague's INTERNAL document is the branch's to read (and its author's to change): legitimate.
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { archiveDocument(id: $id) { id state } }`,
  },
  {
    name: 'grantDocumentAccess(documentId)',
    kind: 'document',
    // A colleague's INTERNAL document is the branch's to read (and its author's to change): legitimate.
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $u: ID!) { grantDocumentAccess(documentId: $id, userId: $u) { id } }`,
    vars: (id, me) => ({ id, u: me.user.id }),
  },
  {
    name: 'grantDocumentAccess(userId)',
    kind: 'user',
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $d: ID!) { grantDocumentAccess(documentId: $d, userId: $id) { id } }`,
    vars: (id, me) => ({ id, d: me.ownDocument }),
  },
  {
    name: 'revokeDocumentAccess(documentId)',
    kind: 'document',
    // A colleague's INTERNAL document is the branch's to read (and its author's to change): legitimate.
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $u: ID!) { revokeDocumentAccess(documentId: $id, userId: $u) }`,
    vars: (id, me) => ({ id, u: me.user.id }),
  },
  {
    name: 'revokeDocumentAccess(userId)',
    kind: 'user',
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $d: ID!) { revokeDocumentAccess(documentId: $d, userId: $id) }`,
    vars: (id, me) => ({ id, d: me.ownDocument }),
  },
  // ---- end documents ----
  // ---- documents integrity ----
  {
    name: 'fileIntegrityProblems(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { fileIntegrityProblems(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'fileIntegrityProblems with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { fileIntegrityProblems(first: 50) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'resolveFileIntegrityProblem(id)',
    kind: 'integrityProblem',
    doc: `mutation($id: ID!) { resolveFileIntegrityProblem(id: $id, input: { resolution: "Probe" }) { id resolvedAt } }`,
  },
  {
    name: 'documentLoan(id)',
    kind: 'loan',
    doc: `query($id: ID!) { documentLoan(id: $id) { id state document { id } } }`,
  },
  {
    name: 'documentLoans(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { documentLoans(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'documentLoans with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { documentLoans(first: 50) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'documentLoans(filter: { documentId })',
    kind: 'issuedDocument',
    doc: `query($id: ID!) { documentLoans(first: 50, filter: { documentId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'requestDocumentLoan(documentId)',
    kind: 'issuedDocument',
    // A colleague's INTERNAL document is the branch's to read, and so to borrow: legitimate.
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { requestDocumentLoan(input: { documentId: $id, medium: ELECTRONIC, purpose: "Probe",
            workingDays: 1 }) { id } }`,
  },
  {
    name: 'renewDocumentLoan(id)',
    kind: 'loan',
    doc: `mutation($id: ID!) { renewDocumentLoan(id: $id, workingDays: 1) { id dueOn } }`,
  },
  {
    name: 'returnDocumentLoan(id)',
    kind: 'loan',
    doc: `mutation($id: ID!) { returnDocumentLoan(id: $id, input: { condition: INTACT }) { id state } }`,
  },
  // ---- end documents integrity ----
  // ---- document shares ----
  {
    name: 'ndaRecords(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { ndaRecords(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'documentShares(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { documentShares(first: 50, filter: { branchId: $id }) { totalCount
            edges { node { id downloads { id } } } } }`,
  },
  {
    name: 'documentShares with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { documentShares(first: 50) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'documentShares(filter: { documentId })',
    kind: 'issuedDocument',
    doc: `query($id: ID!) { documentShares(first: 50, filter: { documentId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'recordNda(fileId)',
    kind: 'ndaFile',
    doc: `mutation($id: ID!, $branch: ID) { recordNda(input: { branchId: $branch, counterparty: "Probe", signedOn: "2026-01-05",
            expiresOn: "2027-12-31", fileId: $id }) { id } }`,
    vars: (id, me) => ({ id, branch: me.headOffice ? me.ownBranch : null }),
  },
  {
    name: 'recordNda(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $f: ID!) { recordNda(input: { branchId: $id, counterparty: "Probe", signedOn: "2026-01-05",
            expiresOn: "2027-12-31", fileId: $f }) { id } }`,
    vars: (id, me) => ({ id, f: me.ownNdaFile }),
  },
  {
    name: 'shareDocumentExternally(documentId)',
    kind: 'issuedDocument',
    doc: `mutation($id: ID!, $nda: ID) { shareDocumentExternally(input: { documentId: $id, ndaId: $nda, recipient: "Probe",
            purpose: "Probe", days: 1 }) { url } }`,
    vars: (id, me) => ({ id, nda: me.ownNda }),
  },
  {
    name: 'shareDocumentExternally(ndaId)',
    kind: 'nda',
    doc: `mutation($id: ID!, $d: ID!) { shareDocumentExternally(input: { documentId: $d, ndaId: $id, recipient: "Probe",
            purpose: "Probe", days: 1 }) { url } }`,
    vars: (id, me) => ({ id, d: me.ownIssuedDocument }),
  },
  {
    name: 'revokeDocumentShare(id)',
    kind: 'share',
    doc: `mutation($id: ID!) { revokeDocumentShare(id: $id) { id revokedAt } }`,
  },
  // ---- end document shares ----
  // ---- returns ----
  {
    name: 'goodsReturn(id)',
    kind: 'goodsReturn',
    doc: `query($id: ID!) { goodsReturn(id: $id) { id status lines { id product { id } } shipment { id } branch { id } } }`,
  },
  ...['branchId', 'shipmentId'].map((f) => ({
    name: `goodsReturns(filter: { ${f} })`,
    kind: (f === 'branchId' ? 'branch' : 'acceptedShipment') as IdKind,
    doc: `query($id: ID!) { goodsReturns(first: 50, filter: { ${f}: $id }) { totalCount edges { node { id } } } }`,
  })),
  {
    name: 'goodsReturns with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { goodsReturns { totalCount edges { node { id lines { id } } } } }`,
  },
  {
    name: 'goodsReturnsByReason(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { goodsReturnsByReason(input: { from: "2026-01-01", to: "2026-12-31", branchId: $id }) {
            branchId reason requested } }`,
  },
  {
    name: 'requestGoodsReturn(shipmentId)',
    kind: 'acceptedShipment',
    doc: `mutation($id: ID!, $l: ID!) { requestGoodsReturn(input: { shipmentId: $id, kind: RETURN, reason: DEFECTIVE,
            description: "Probe", lines: [{ shipmentLineId: $l, quantity: "1" }] }) { id } }`,
    vars: (id) => ({ id, l: randomUUID() }),
  },
  {
    name: 'checkGoodsReturn(id)',
    kind: 'goodsReturn',
    doc: `mutation($id: ID!) { checkGoodsReturn(id: $id, input: { passed: true }) { id status } }`,
  },
  {
    name: 'verifyGoodsReturnAuthenticity(id)',
    kind: 'goodsReturn',
    doc: `mutation($id: ID!) { verifyGoodsReturnAuthenticity(id: $id, input: { passed: false, note: "Probe" }) { id } }`,
  },
  {
    name: 'submitGoodsReturnNote(id)',
    kind: 'goodsReturn',
    doc: `mutation($id: ID!) { submitGoodsReturnNote(id: $id) { id status } }`,
  },
  {
    name: 'processGoodsReturn(id)',
    kind: 'goodsReturn',
    doc: `mutation($id: ID!, $l: ID!) { processGoodsReturn(id: $id, input: { locationId: $l }) { id status } }`,
    vars: (id, me) => ({ id, l: me.ownLocation || randomUUID() }),
  },
  {
    name: 'correctCustomerPurchases(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!) { correctCustomerPurchases(input: { customerId: $id, purchasedOn: "2026-11-02",
            amount: "-1.00", note: "Probe" }) { purchase { id } } }`,
  },
  // ---- end returns ----
  // ---- performance ----
  ...['BRANCH', 'PERSON'].map((by) => ({
    name: `kpiRanking(by: ${by}, branchId)`,
    kind: 'branch' as IdKind,
    doc: `query($id: ID!) { kpiRanking(input: { kpi: CONTRACTS_SIGNED, period: "2026-11", by: ${by}, branchId: $id }) {
            rank branchId personId name count amount } }`,
  })),
  {
    name: 'kpiRanking with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { kpiRanking(input: { kpi: CONTRACTS_SIGNED, period: "2026-11", by: PERSON }) { branchId personId count } }`,
  },
  {
    name: 'kpiTrend(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { kpiTrend(input: { kpi: CONTRACTS_SIGNED, period: "2026-11", periods: 2, branchId: $id }) {
            period count amount } }`,
  },
  {
    name: 'kpiTrend(personId)',
    kind: 'user',
    doc: `query($id: ID!) { kpiTrend(input: { kpi: CONTRACTS_SIGNED, period: "2026-11", periods: 2, personId: $id }) {
            period count amount } }`,
  },
  {
    name: 'kpiChecks(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { kpiChecks(period: "2026-11", branchId: $id) { branchId kpi differences } }`,
  },
  {
    name: 'kpiDifferences(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { kpiDifferences(period: "2026-11", branchId: $id) { branchId personId foundCount } }`,
  },
  // ---- end performance ----
  // ---- performance targets ----
  {
    name: 'setKpiTarget(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { setKpiTarget(input: { branchId: $id, kpi: CONTRACTS_SIGNED, period: "2026-11",
            target: "100" }) { id target } }`,
  },
  {
    name: 'splitKpiTarget(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $p: ID!) { splitKpiTarget(input: { branchId: $id, kpi: CONTRACTS_SIGNED, period: "2026-11",
            personId: $p, target: "1" }) { id target } }`,
    vars: (id, me) => ({ id, p: me.user.id }),
  },
  {
    name: 'splitKpiTarget(personId)',
    kind: 'user',
    doc: `mutation($id: ID!, $b: ID) { splitKpiTarget(input: { branchId: $b, kpi: CONTRACTS_SIGNED, period: "2026-11",
            personId: $id, target: "1" }) { id target } }`,
    vars: (id, me) => ({ id, b: me.headOffice ? me.ownBranch : null }),
  },
  ...['BRANCH', 'PERSON'].map((by) => ({
    name: `kpiAttainment(by: ${by}, branchId)`,
    kind: 'branch' as IdKind,
    doc: `query($id: ID!) { kpiAttainment(input: { kpi: CONTRACTS_SIGNED, period: "2026-11", by: ${by}, branchId: $id }) {
            rank branchId personId actual target allocated attainment } }`,
  })),
  {
    name: 'kpiAttainment with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { kpiAttainment(input: { kpi: CONTRACTS_SIGNED, period: "2026-11", by: PERSON }) {
            branchId personId actual target attainment } }`,
  },
  // ---- end performance targets ----
  // ---- attendance ----
  {
    name: 'attendanceStatement(personId)',
    kind: 'user',
    doc: `query($id: ID!) { attendanceStatement(month: "2026-11", personId: $id) { personId workingDays lates
            deductions days { day deduction } } }`,
  },
  {
    name: 'attendanceSettings(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { attendanceSettings(branchId: $id) { branchId graceMinutes deduction } }`,
  },
  {
    name: 'updateAttendanceSettings(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { updateAttendanceSettings(input: { branchId: $id, graceMinutes: 7 }) { branchId } }`,
  },
  {
    name: 'setLeaveEntitlement(personId)',
    kind: 'user',
    doc: `mutation($id: ID!, $b: ID) { setLeaveEntitlement(input: { branchId: $b, personId: $id, year: 2027, kind: ANNUAL,
            entitled: 9 }) { id entitled } }`,
    vars: (id, me) => ({ id, b: me.headOffice ? me.ownBranch : null }),
  },
  {
    name: 'setLeaveEntitlement(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!, $p: ID!) { setLeaveEntitlement(input: { branchId: $id, personId: $p, year: 2027,
            kind: ANNUAL, entitled: 9 }) { id entitled } }`,
    vars: (id, me) => ({ id, p: me.user.id }),
  },
  {
    name: 'leaveBalances(personId)',
    kind: 'user',
    doc: `query($id: ID!) { leaveBalances(year: 2026, personId: $id) { personId kind entitled taken held } }`,
  },
  // ---- end attendance ----
  // ---- appraisals (appr) ----
  {
    name: 'appraisalSettings(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { appraisalSettings(branchId: $id) { branchId resultsWeight } }`,
  },
  {
    name: 'updateAppraisalSettings(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { updateAppraisalSettings(input: { branchId: $id, resultsWeight: "50", attitudeWeight: "25",
            teamworkWeight: "25" }) { branchId resultsWeight } }`,
  },
  {
    name: 'appraisalCycles(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { appraisalCycles(filter: { branchId: $id }) { id period } }`,
  },
  {
    name: 'appraisals(filter: { cycleId })',
    kind: 'appraisalCycle',
    colleagueAllowed: true,
    doc: `query($id: ID!) { appraisals(filter: { cycleId: $id }) { id personId } }`,
  },
  {
    name: 'appraisals(filter: { personId })',
    kind: 'user',
    doc: `query($id: ID!) { appraisals(filter: { personId: $id }) { id personId } }`,
  },
  { name: 'appraisal(id)', kind: 'appraisal', doc: `query($id: ID!) { appraisal(id: $id) { id state } }` },
  {
    name: 'selfAssessAppraisal(id)',
    kind: 'appraisal',
    doc: `mutation($id: ID!) { selfAssessAppraisal(input: { id: $id, selfAssessment: "Probe" }) { id state } }`,
  },
  {
    name: 'scoreAppraisal(id)',
    kind: 'appraisal',
    doc: `mutation($id: ID!) { scoreAppraisal(input: { id: $id, resultsScore: "1", attitudeScore: "1", teamworkScore: "1",
            comment: "Probe" }) { id state } }`,
  },
  {
    name: 'checkAppraisal(id)',
    kind: 'appraisal',
    doc: `mutation($id: ID!) { checkAppraisal(input: { id: $id, outcome: NONE }) { id state } }`,
  },
  {
    name: 'returnAppraisal(id)',
    kind: 'appraisal',
    doc: `mutation($id: ID!) { returnAppraisal(input: { id: $id, note: "Probe" }) { id state } }`,
  },
  {
    name: 'meetings(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { meetings(filter: { branchId: $id }) { id actionItems { id } } }`,
  },
  {
    name: 'createMeeting(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { createMeeting(input: { branchId: $id, kind: PROJECT, title: "Probe", heldOn: "2026-11-03" }) {
            id } }`,
  },
  {
    name: 'meeting(id)',
    kind: 'meeting',
    colleagueAllowed: true,
    doc: `query($id: ID!) { meeting(id: $id) { id actionItems { id } } }`,
  },
  {
    name: 'updateMeeting(id)',
    kind: 'meeting',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { updateMeeting(input: { id: $id, minutes: "Probe" }) { id } }`,
  },
  {
    name: 'addMeetingActionItem(meetingId)',
    kind: 'meeting',
    colleagueAllowed: true,
    doc: `mutation($id: ID!, $o: ID!) { addMeetingActionItem(input: { meetingId: $id, title: "Probe", ownerId: $o,
            dueOn: "2030-02-01" }) { id } }`,
    vars: (id, me) => ({ id, o: me.user.id }),
  },
  {
    name: 'completeMeetingActionItem(id)',
    kind: 'actionItem',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { completeMeetingActionItem(input: { id: $id }) { id state } }`,
  },
  { name: 'workPlan(id)', kind: 'workPlan', doc: `query($id: ID!) { workPlan(id: $id) { id content } }` },
  {
    name: 'workPlans(filter: { personId })',
    kind: 'user',
    doc: `query($id: ID!) { workPlans(filter: { personId: $id }) { id } }`,
  },
  {
    name: 'workPlanChanges(planId)',
    kind: 'workPlan',
    doc: `query($id: ID!) { workPlanChanges(planId: $id) { id state } }`,
  },
  {
    name: 'updateWorkPlan(id)',
    kind: 'workPlan',
    doc: `mutation($id: ID!) { updateWorkPlan(input: { id: $id, title: "Probe" }) { id } }`,
  },
  {
    name: 'approveWorkPlan(id)',
    kind: 'workPlan',
    doc: `mutation($id: ID!) { approveWorkPlan(id: $id) { id state } }`,
  },
  {
    name: 'proposeWorkPlanChange(planId)',
    kind: 'workPlan',
    doc: `mutation($id: ID!) { proposeWorkPlanChange(input: { planId: $id, content: "Probe", reason: "Probe" }) { id } }`,
  },
  // ---- end appraisals (appr) ----
  // ---- walls ----
  {
    name: 'staffDirectory(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { staffDirectory(branchId: $id, first: 50) { totalCount edges { node { id email } } } }`,
  },
  {
    name: 'auditLog(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { auditLog(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'auditLog(filter: { actorId })',
    kind: 'user',
    colleagueAllowed: true,
    doc: `query($id: ID!) { auditLog(first: 50, filter: { actorId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'auditLog(filter: { entityId })',
    kind: 'customer',
    doc: `query($id: ID!) { auditLog(first: 50, filter: { entityId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'disableUser(userId)',
    kind: 'user',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { disableUser(userId: $id) { id disabledAt } }`,
  },
  {
    name: 'enableUser(userId)',
    kind: 'user',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { enableUser(userId: $id) { id disabledAt } }`,
  },
  // ---- end walls ----
  // ---- budgets (stats) ----
  { name: 'budget(id)', kind: 'budget', doc: `query($id: ID!) { budget(id: $id) { id amount spent } }` },
  {
    name: 'budgets(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { budgets(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'budgetExpenses(budgetId)',
    kind: 'budget',
    colleagueAllowed: true,
    doc: `query($id: ID!) { budgetExpenses(budgetId: $id, first: 50) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'setBudget(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { setBudget(input: { branchId: $id, category: MARKETING, name: "Probe",
            periodStart: "2199-01-01", periodEnd: "2199-12-31", amount: "10.00" }) { id } }`,
  },
  {
    name: 'recordExpense(budgetId)',
    kind: 'budget',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { recordExpense(input: { budgetId: $id, description: "Probe", amount: "1.00",
            spentOn: "2026-06-01" }) { id } }`,
  },
  {
    name: 'businessTrip(id)',
    kind: 'trip',
    doc: `query($id: ID!) { businessTrip(id: $id) { id state receipts { id } } }`,
  },
  {
    name: 'businessTrips(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { businessTrips(first: 50, filter: { branchId: $id }) { totalCount edges { node { id } } } }`,
  },
  {
    name: 'applyForTrip(budgetId)',
    kind: 'budget',
    colleagueAllowed: true,
    doc: `mutation($id: ID!) { applyForTrip(input: { budgetId: $id, destination: "Probe", purpose: "Probe",
            startsOn: "2199-01-02", endsOn: "2199-01-03", estimatedAmount: "10.00" }) { id } }`,
  },
  {
    name: 'claimTrip(tripId)',
    kind: 'trip',
    doc: `mutation($id: ID!) { claimTrip(input: { tripId: $id, receipts: [{ description: "Probe", spentOn: "2026-06-01",
            amount: "1.00" }] }) { id } }`,
  },
  {
    name: 'customerReception(id)',
    kind: 'reception',
    doc: `query($id: ID!) { customerReception(id: $id) { id plannedAmount } }`,
  },
  {
    name: 'customerReceptions(filter: { branchId })',
    kind: 'branch',
    doc: `query($id: ID!) { customerReceptions(first: 50, filter: { branchId: $id }) {
            totalCount edges { node { id } } } }`,
  },
  {
    name: 'receptionSettings(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { receptionSettings(branchId: $id) { branchId perHeadCeiling } }`,
  },
  {
    name: 'updateReceptionSettings(branchId)',
    kind: 'branch',
    doc: `mutation($id: ID!) { updateReceptionSettings(input: { branchId: $id, perHeadCeiling: "1.00" }) { branchId } }`,
  },
  {
    name: 'planReception(customerId)',
    kind: 'customer',
    doc: `mutation($id: ID!) { planReception(input: { customerId: $id, budgetId: "${randomUUID()}",
            hostedOn: "2199-01-02", guests: 1, purpose: "Probe", plannedAmount: "1.00" }) { id } }`,
  },
  {
    name: 'planReception(budgetId)',
    kind: 'budget',
    colleagueAllowed: true,
    vars: (id, me) => ({ id, c: me.ownCustomer }),
    doc: `mutation($id: ID!, $c: ID!) { planReception(input: { customerId: $c, budgetId: $id,
            hostedOn: "2199-01-02", guests: 1, purpose: "Probe", plannedAmount: "1.00" }) { id } }`,
  },
  {
    name: 'recordReception(receptionId)',
    kind: 'reception',
    doc: `mutation($id: ID!) { recordReception(input: { receptionId: $id, actualAmount: "1.00" }) { id } }`,
  },
  {
    name: 'purchaseTotals(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { purchaseTotals(period: MONTH, from: "2026-01-01", to: "2026-12-31", branchId: $id) {
            branchId amount } }`,
  },
  {
    name: 'purchaseStatistics(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { purchaseStatistics(period: WEEK, from: "2026-01-01", to: "2026-12-31", branchId: $id,
            first: 50) { totalCount edges { node { id } } } }`,
  },
  // ---- end budgets (stats) ----
  // ---- dashboard figures ----
  {
    name: 'salesPipeline(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { salesPipeline(input: { from: "2026-01-01", to: "2026-12-31", branchId: $id }) { branchId
            branch { id } leadsCreated quotesSent quotesWon contractsSigned winRate } }`,
  },
  {
    name: 'customerTierCounts(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { customerTierCounts(branchId: $id) { branchId branch { id } tier customers overdueContacts } }`,
  },
  {
    name: 'customerTierCounts with X-Branch-Id',
    kind: 'branch',
    header: true,
    doc: `query { customerTierCounts { branchId tier customers overdueContacts } }`,
  },
  {
    name: 'approvalCycleTimes(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { approvalCycleTimes(input: { from: "2026-01-01", to: "2026-12-31", branchId: $id }) {
            branchId subjectType decided medianHours p90Hours } }`,
  },
  {
    name: 'pendingApprovals(branchId)',
    kind: 'branch',
    doc: `query($id: ID!) { pendingApprovals(first: 10, branchId: $id) { totalCount edges { node { id } } } }`,
  },
  // ---- end dashboard figures ----
  // ---- fulfillment remainder (ful) ----
  {
    name: 'createOrderFromQuote(quoteId)',
    kind: 'quote',
    doc: `mutation($id: ID!) { createOrderFromQuote(quoteId: $id, input: { channel: PHONE, receivedOn: "2026-11-02" }) {
            id } }`,
  },
  {
    name: 'createQuote(lines.productId)',
    kind: 'product',
    orgLevel: true,
    doc: `mutation($id: ID!, $branch: ID, $owner: ID, $customer: ID!) { createQuote(input: { branchId: $branch,
            ownerId: $owner, customerId: $customer, title: "Probe", validUntil: "2099-12-31",
            lines: [{ kind: PRODUCT, description: "Probe", quantity: "1", productId: $id }] }) { id } }`,
    vars: (id, me) => ({
      id,
      customer: me.ownCustomer,
      branch: me.headOffice ? me.ownBranch : null,
      owner: me.headOffice ? me.user.id : null,
    }),
  },
  {
    name: 'createOrder(lines.productId)',
    kind: 'product',
    orgLevel: true,
    doc: `mutation($id: ID!, $branch: ID, $owner: ID, $customer: ID!) { createOrder(input: { branchId: $branch,
            ownerId: $owner, customerId: $customer, channel: PHONE, receivedOn: "2026-11-02",
            lines: [{ description: "Probe", quantity: "1", unitPrice: "1.00", productId: $id }] }) { id } }`,
    vars: (id, me) => ({
      id,
      customer: me.ownCustomer,
      branch: me.headOffice ? me.ownBranch : null,
      owner: me.headOffice ? me.user.id : null,
    }),
  },
  // ---- end fulfillment remainder (ful) ----
];

const ALLOWED_DENIALS = new Set(['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT']);

const sorted = (...ids: string[]) => [...ids].sort();

/** An answer that gives nothing away: a refusal, or nothing (null, empty list, count 0). */
function expectNothingGiven(r: GqlResponse, label: string): void {
  const errors = r.body.errors ?? [];
  if (errors.length) {
    for (const e of errors) {
      const code = e.extensions?.code ?? 'none';
      expect({ label, code, denial: ALLOWED_DENIALS.has(code) }).toEqual({ label, code, denial: true });
    }
    return;
  }
  const values = Object.values(r.body.data ?? {});
  for (const v of values) {
    if (v === null) continue;
    if (Array.isArray(v)) {
      expect({ label, list: v }).toEqual({ label, list: [] });
      continue;
    }
    const conn = v as { totalCount?: number; edges?: unknown[] };
    expect({ label, totalCount: conn.totalCount, edges: conn.edges }).toEqual({ label, totalCount: 0, edges: [] });
  }
}

function normalize(r: GqlResponse, id: string) {
  return {
    status: r.status,
    sqlStatements: r.headers.get('x-sql-statements'),
    body: JSON.parse(r.text.split(id).join('<id>')) as unknown,
  };
}

describe('branch isolation across every operation of the slice', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: pg.Client;
  let api: TestApp;
  let org1: TestOrg;
  let org2: TestOrg;
  let runtimeRole: string;
  /** Every public base table, for before/after snapshots. */
  let allTables: string[];
  /** Tenant tables from the live catalog: public tables with branch_id, less the platform ones. */
  let tenantTables: string[];
  const tokens: Record<string, string> = {};
  const slots = {} as Record<'A1' | 'A2' | 'B1' | 'X1', Slot>;
  // ---- budgets (stats) ----
  /** Each slot's budget gets a year of its own (budgets of one category and branch may not overlap). */
  let nextBudgetYear = 2031;
  // ---- end budgets (stats) ----

  /**
   * Every table's content as a row count and a digest of its rows (in one statement): any insert, update or
   * delete anywhere changes it, and comparing two snapshots stays cheap however many probes run.
   */
  async function snapshot(): Promise<Record<string, string>> {
    const sql = allTables
      .map(
        (t) =>
          `SELECT '${t}' AS t, (SELECT count(*) || ':' || coalesce(md5(string_agg(x, E'\\n' ORDER BY x)), '')
             FROM (SELECT to_jsonb(r)::text AS x FROM "${t}" r) s) AS digest`,
      )
      .join(' UNION ALL ');
    const r = await owner.query<{ t: string; digest: string }>(sql);
    return Object.fromEntries(r.rows.map((x) => [x.t, x.digest]));
  }

  async function seedSlot(branch: string, u: TestUser, name: string): Promise<Slot> {
    const customer = await insertCustomer(owner, { branchId: branch, ownerId: u.id, name, tier: 'HIGH' });
    const contact = randomUUID();
    const freeContact = randomUUID();
    await owner.query(
      `INSERT INTO customer_contacts (branch_id, id, customer_id, name, phone, is_primary)
       VALUES ($1, $2, $3, $4, '+86 21 5555 0001', true), ($1, $5, $3, $6, NULL, false)`,
      [branch, contact, customer, `${name} Buyer`, freeContact, `${name} Spare`],
    );
    const log = randomUUID();
    await owner.query(
      `INSERT INTO contact_logs (branch_id, id, customer_id, contact_id, channel, summary, occurred_at, logged_by)
       VALUES ($1, $2, $3, $4, 'VISIT', $5, now() - interval '2 days', $6)`,
      [branch, log, customer, contact, `Visited ${name}`, u.id],
    );
    const notification = randomUUID();
    await owner.query(
      `INSERT INTO notifications (branch_id, id, user_id, kind, title, subject_type, subject_id, dedupe_key)
       VALUES ($1, $2, $3, 'CUSTOMER_CONTACT_DUE', $4, 'customer', $5, $6)`,
      [branch, notification, u.id, `Contact ${name}`, customer, `seed:${customer}`],
    );
    const contract = randomUUID();
    await owner.query(
      `INSERT INTO contracts (branch_id, id, customer_id, title, amount, currency, starts_on, ends_on, owner_id, state, created_by)
       VALUES ($1, $2, $3, $4, 50000, 'CNY', '2027-01-01', '2027-12-31', $5, 'NEGOTIATION', $5)`,
      [branch, contract, customer, `${name} supply`, u.id],
    );
    await owner.query(
      `INSERT INTO contract_negotiation_rounds (branch_id, id, contract_id, round, held_on, counterpart, points, outcome, recorded_by)
       VALUES ($1, $2, $3, 1, '2026-11-01', 'Buyer', 'Price', 'Agreed', $4)`,
      [branch, randomUUID(), contract, u.id],
    );
    await owner.query(
      `INSERT INTO contract_versions (branch_id, id, contract_id, version, status, snapshot, reason, created_by)
       VALUES ($1, $2, $3, 1, 'EFFECTIVE', '{"amount": "50000.00"}', 'Seed', $4)`,
      [branch, randomUUID(), contract, u.id],
    );
    await owner.query(
      `INSERT INTO contract_events (branch_id, id, contract_id, action, to_state, actor_id)
       VALUES ($1, $2, $3, 'CREATED', 'NEGOTIATION', $4)`,
      [branch, randomUUID(), contract, u.id],
    );
    const instalment = randomUUID();
    await owner.query(
      `INSERT INTO contract_instalments (branch_id, id, contract_id, kind, due_on, amount, currency, next_action_at, created_by)
       VALUES ($1, $2, $3, 'PREPAYMENT', '2027-01-15', 10000, 'CNY', '2027-01-14T16:00:00Z', $4)`,
      [branch, instalment, contract, u.id],
    );
    const milestone = randomUUID();
    await owner.query(
      `INSERT INTO contract_milestones (branch_id, id, contract_id, title, due_on, next_action_at, created_by)
       VALUES ($1, $2, $3, 'Delivery', '2027-02-01', '2027-01-31T16:00:00Z', $4)`,
      [branch, milestone, contract, u.id],
    );
    const risk = randomUUID();
    await owner.query(
      `INSERT INTO contract_risks (branch_id, id, contract_id, description, category, probability, impact, created_by)
       VALUES ($1, $2, $3, 'Port strike', 'DELIVERY', 4, 4, $4)`,
      [branch, risk, contract, u.id],
    );
    // ---- orders (orders branch) ----
    const order = randomUUID();
    await owner.query(
      `INSERT INTO orders (branch_id, id, customer_id, owner_id, channel, received_on, amount, currency, created_by)
       VALUES ($1, $2, $3, $4, 'PHONE', '2026-11-20', 24.00, 'CNY', $4)`,
      [branch, order, customer, u.id],
    );
    await owner.query(
      `INSERT INTO order_lines (branch_id, id, order_id, position, description, quantity, unit_price, line_total)
       VALUES ($1, $2, $3, 1, 'Seed line', 2, 12.00, 24.00)`,
      [branch, randomUUID(), order],
    );
    // ---- end orders ----
    // ---- tenders (orders branch) ----
    const tender = randomUUID();
    await owner.query(
      `INSERT INTO tenders (branch_id, id, project, issuer, customer_id, owner_id, submission_deadline, bid_amount,
         currency, deposit_amount, created_by)
       VALUES ($1, $2, $3, 'Seed issuer', $4, $5, '2030-06-01T02:00:00Z', 1000, 'CNY', 100, $5)`,
      [branch, tender, `${name} tender`, customer, u.id],
    );
    const tenderDocument = randomUUID();
    await owner.query(
      `INSERT INTO tender_documents (branch_id, id, tender_id, name) VALUES ($1, $2, $3, 'Seed licence')`,
      [branch, tenderDocument, tender],
    );
    // ---- end tenders ----
    // ---------- quotes ----------
    const quote = randomUUID();
    await owner.query(
      `INSERT INTO quotes (branch_id, id, customer_id, owner_id, title, currency, valid_until, subtotal, discount_amount,
         total, max_discount_percent, created_by)
       VALUES ($1, $2, $3, $4, $5, 'CNY', '2099-12-31', 200, 10, 190, 5, $4)`,
      [branch, quote, customer, u.id, `${name} quote`],
    );
    await owner.query(
      `INSERT INTO quote_lines (branch_id, id, quote_id, position, kind, description, quantity, unit_price,
         discount_percent, gross_amount, line_total)
       VALUES ($1, $2, $3, 1, 'PRODUCT', 'Pumps', 2, 100, 5, 200, 190)`,
      [branch, randomUUID(), quote],
    );
    // ---- channels ----
    const partner = randomUUID();
    await owner.query(
      `INSERT INTO partners (branch_id, id, kind, name, region, status, owner_id, tier, tier_period, created_by)
       VALUES ($1, $2, 'DISTRIBUTOR', $3, 'Seed region', 'ACTIVE', $4, 'B', '2026-Q2', $4)`,
      [branch, partner, `${name} partner`, u.id],
    );
    await owner.query(
      `INSERT INTO partner_contacts (branch_id, id, partner_id, name, phone, is_primary)
       VALUES ($1, $2, $3, 'Seed contact', '+86 21 5555 0002', true)`,
      [branch, randomUUID(), partner],
    );
    const partnerAgreement = randomUUID();
    await owner.query(
      `INSERT INTO partner_agreements (branch_id, id, partner_id, starts_on, ends_on, territory, terms, created_by)
       VALUES ($1, $2, $3, '2026-01-01', '2030-12-31', 'Seed territory', 'Seed terms', $4)`,
      [branch, partnerAgreement, partner, u.id],
    );
    await owner.query(
      `INSERT INTO partner_evaluations (branch_id, id, partner_id, period, sales_amount, currency, market_coverage,
         customer_feedback, sales_target, weight_sales, weight_coverage, weight_feedback, sales_score, score, tier,
         evaluated_by)
       VALUES ($1, $2, $3, '2026-Q2', 500000, 'CNY', 70, 80, 1000000, 0.5, 0.25, 0.25, 50, 62.5, 'C', $4)`,
      [branch, randomUUID(), partner, u.id],
    );
    const partnerDispute = randomUUID();
    await owner.query(
      `INSERT INTO partner_disputes (branch_id, id, partner_id, subject, description, created_by)
       VALUES ($1, $2, $3, 'Seed dispute', 'Late rebate', $4)`,
      [branch, partnerDispute, partner, u.id],
    );
    await owner.query(
      `INSERT INTO partner_support_records (branch_id, id, partner_id, kind, given_on, topic, recorded_by)
       VALUES ($1, $2, $3, 'TRAINING', '2026-10-10', 'Seed training', $4)`,
      [branch, randomUUID(), partner, u.id],
    );
    await owner.query(
      `INSERT INTO partner_end_users (branch_id, id, partner_id, name, purchased, recorded_by)
       VALUES ($1, $2, $3, 'Seed end user', 'Two pumps', $4)`,
      [branch, randomUUID(), partner, u.id],
    );
    // ---- end channels ----
    // ---- research ----
    const researchItem = randomUUID();
    await owner.query(
      `INSERT INTO research_items (branch_id, id, kind, title, source, published_on, tags, summary, relevance, created_by)
       VALUES ($1, $2, 'NEWS', $3, 'Seed wire', '2026-01-06', '{seed}', 'Seed summary', 4, $4)`,
      [branch, researchItem, `${name} news`, u.id],
    );
    // One digest per branch and week: each slot of a branch takes the next free week.
    const researchDigest = randomUUID();
    await owner.query(
      `INSERT INTO research_digests (branch_id, id, week_start, state, item_count, tag_counts, kind_counts, recipients,
         built_at)
       VALUES ($1, $2, '2026-01-05'::date + 7 * (SELECT count(*)::int FROM research_digests WHERE branch_id = $1),
         'BUILT', 1, '[{"tag": "seed", "count": 1}]', '[{"kind": "NEWS", "count": 1}]', 1, now())`,
      [branch, researchDigest],
    );
    await owner.query(
      `INSERT INTO research_digest_items (branch_id, id, digest_id, item_id, rank) VALUES ($1, $2, $3, $4, 1)`,
      [branch, randomUUID(), researchDigest, researchItem],
    );
    const competitor = randomUUID();
    await owner.query(
      `INSERT INTO competitors (branch_id, id, name, price, created_by) VALUES ($1, $2, $3, 'Seed price', $4)`,
      [branch, competitor, `${name} rival`, u.id],
    );
    await owner.query(
      `INSERT INTO competitor_observations (branch_id, id, competitor_id, observed_on, aspect, note, recorded_by)
       VALUES ($1, $2, $3, '2026-01-06', 'PRICE', 'Seed observation', $4)`,
      [branch, randomUUID(), competitor, u.id],
    );
    const segment = randomUUID();
    await owner.query(
      `INSERT INTO market_segments (branch_id, id, name, region, industry, size, market_size_score, growth_score,
         competition_score, created_by)
       VALUES ($1, $2, $3, 'Seed region', 'Seed industry', 'LARGE', 70, 60, 40, $4)`,
      [branch, segment, `${name} segment`, u.id],
    );
    const persona = randomUUID();
    await owner.query(
      `INSERT INTO segment_personas (branch_id, id, segment_id, name, profile) VALUES ($1, $2, $3, 'Seed persona', 'Seed')`,
      [branch, persona, segment],
    );
    await owner.query(
      `INSERT INTO research_events (branch_id, id, kind, name, starts_on, ends_on, attendee_ids, takeaways, created_by)
       VALUES ($1, $2, 'CONFERENCE', $3, '2026-01-05', '2026-01-06', ARRAY[$4]::uuid[], 'Seed takeaways', $4)`,
      [branch, randomUUID(), `${name} conference`, u.id],
    );
    const survey = randomUUID();
    await owner.query(
      `INSERT INTO demand_surveys (branch_id, id, title, goal, method, starts_on, ends_on, created_by)
       VALUES ($1, $2, $3, 'Seed goal', 'QUESTIONNAIRE', '2026-01-05', '2026-01-31', $4)`,
      [branch, survey, `${name} survey`, u.id],
    );
    await owner.query(
      `INSERT INTO survey_responses (branch_id, id, survey_id, respondent, responded_on, answers, recorded_by)
       VALUES ($1, $2, $3, 'Seed respondent', '2026-01-06', 'Seed answers', $4)`,
      [branch, randomUUID(), survey, u.id],
    );
    // One plan per branch, kind and period: each slot of a branch takes the next free month.
    const plan = randomUUID();
    await owner.query(
      `INSERT INTO marketing_plans (branch_id, id, kind, title, period_start, period_end, created_by)
       SELECT $1, $2, 'ANNUAL', $3, make_date(2026 + n, 1, 1), make_date(2026 + n, 12, 31), $4
       FROM (SELECT count(*)::int AS n FROM marketing_plans WHERE branch_id = $1) c`,
      [branch, plan, `${name} plan`, u.id],
    );
    const milestone2 = randomUUID();
    await owner.query(
      `INSERT INTO plan_milestones (branch_id, id, plan_id, title, due_on) VALUES ($1, $2, $3, 'Seed milestone', '2026-03-01')`,
      [branch, milestone2, plan],
    );
    const campaign = randomUUID();
    await owner.query(
      `INSERT INTO campaigns (branch_id, id, plan_id, name, type, budget, spend, currency, starts_on, ends_on,
         leads_count, created_by)
       VALUES ($1, $2, $3, $4, 'DISCOUNT', 1000, 400, 'CNY', '2026-02-01', '2026-02-28', 2, $5)`,
      [branch, campaign, plan, `${name} campaign`, u.id],
    );
    await owner.query(
      `INSERT INTO campaign_customers (branch_id, id, campaign_id, customer_id, linked_by) VALUES ($1, $2, $3, $4, $5)`,
      [branch, randomUUID(), campaign, customer, u.id],
    );
    // ---- end research ----
    // ---- leads ----
    const lead = randomUUID();
    await owner.query(
      `INSERT INTO leads (branch_id, id, source, company, contact_name, contact_role, mobile, mobile_key, owner_id, created_by)
       VALUES ($1, $2, 'TRADE_SHOW', $3, 'Seed Person', 'MANAGER', '+86 139 0000 0001', '8613900000001', $4, $4)`,
      [branch, lead, `${name} prospect`, u.id],
    );
    await owner.query(
      `INSERT INTO lead_events (branch_id, id, lead_id, kind, actor_id) VALUES ($1, $2, $3, 'CREATED', $4)`,
      [branch, randomUUID(), lead, u.id],
    );
    await owner.query(
      `INSERT INTO customer_purchases (branch_id, id, customer_id, purchased_on, amount, currency, source, recorded_by)
       VALUES ($1, $2, $3, '2026-06-01', 1500000, 'CNY', 'MANUAL', $4)`,
      [branch, randomUUID(), customer, u.id],
    );
    await owner.query(
      `INSERT INTO customer_tier_changes (branch_id, id, customer_id, from_tier, to_tier, reason, trailing_total, changed_by)
       VALUES ($1, $2, $3, 'MEDIUM', 'HIGH', 'LARGE_CHANGE', 1500000, $4)`,
      [branch, randomUUID(), customer, u.id],
    );
    // ---- end leads ----
    // ---- visits ----
    const visit = randomUUID();
    await owner.query(
      `INSERT INTO visits (branch_id, id, customer_id, owner_id, planned_on, purpose, created_by)
       VALUES ($1, $2, $3, $4, '2030-01-10', $5, $4)`,
      [branch, visit, customer, u.id, `Visit ${name}`],
    );
    await owner.query(
      `INSERT INTO visit_attendees (branch_id, id, visit_id, user_id, contact_id)
       VALUES ($1, gen_random_uuid(), $2, $3, NULL), ($1, gen_random_uuid(), $2, NULL, $4)`,
      [branch, visit, u.id, contact],
    );
    const visitTask = randomUUID();
    await owner.query(
      `INSERT INTO visit_tasks (branch_id, id, visit_id, description, assignee_id, due_on, created_by)
       VALUES ($1, $2, $3, 'Send the brochure', $4, '2030-01-12', $4)`,
      [branch, visitTask, visit, u.id],
    );
    const satisfaction = randomUUID();
    await owner.query(
      `INSERT INTO satisfaction_surveys (branch_id, id, customer_id, period, score, method, surveyed_on, recorded_by)
       VALUES ($1, $2, $3, '2026-Q3', 8, 'SURVEY', '2026-08-01', $4)`,
      [branch, satisfaction, customer, u.id],
    );
    // ---- end visits ----
    // ---- complaints ----
    const complaint = randomUUID();
    await owner.query(
      `INSERT INTO complaints (branch_id, id, customer_id, owner_id, channel, category, severity, description, state,
         received_at, response_hours, working_time, response_due_at, responded_at, created_by)
       VALUES ($1, $2, $3, $4, 'PHONE', 'DELIVERY', 'HIGH', $5, 'INVESTIGATING', now() - interval '2 hours', 24, false,
         now() + interval '22 hours', now() - interval '1 hour', $4)`,
      [branch, complaint, customer, u.id, `${name} complaint`],
    );
    await owner.query(
      `INSERT INTO complaint_events (branch_id, id, complaint_id, action, from_state, to_state, actor_id)
       VALUES ($1, $2, $3, 'RECEIVED', NULL, 'RECEIVED', $4), ($1, $5, $3, 'INVESTIGATION_STARTED', 'RECEIVED', 'INVESTIGATING', $4)`,
      [branch, randomUUID(), complaint, u.id, randomUUID()],
    );
    // ---- end complaints ----
    // ---- fulfillment ----
    const [{ organization_id: orgId }] = (
      await owner.query<{ organization_id: string }>('SELECT organization_id FROM branches WHERE id = $1', [branch])
    ).rows;
    const vendor = randomUUID();
    await owner.query(
      `INSERT INTO vendors (organization_id, id, code, name, kind, created_by) VALUES ($1, $2, $3, $4, 'MAKER_AND_SUPPLIER', $5)`,
      [orgId, vendor, `V-${name}`, `${name} Works`, u.id],
    );
    await owner.query(
      `INSERT INTO vendor_contacts (organization_id, id, vendor_id, name, phone) VALUES ($1, $2, $3, 'Seed seller', '+86 1')`,
      [orgId, randomUUID(), vendor],
    );
    const product = randomUUID();
    await owner.query(
      `INSERT INTO products (organization_id, id, code, name, unit, list_price, cost_price, maker_id, created_by)
       VALUES ($1, $2, $3, $4, 'pcs', 100, 60, $5, $6)`,
      [orgId, product, `P-${name}`, `${name} pump`, vendor, u.id],
    );
    await owner.query(
      `INSERT INTO vendor_products (organization_id, id, vendor_id, product_id, price) VALUES ($1, $2, $3, $4, 55)`,
      [orgId, randomUUID(), vendor, product],
    );
    await owner.query(
      `INSERT INTO branch_product_prices (branch_id, id, organization_id, product_id, price, updated_by)
       VALUES ($1, $2, $3, $4, 95, $5)`,
      [branch, randomUUID(), orgId, product, u.id],
    );
    const location = randomUUID();
    await owner.query(
      `INSERT INTO warehouse_locations (branch_id, id, code, name, created_by) VALUES ($1, $2, $3, 'Seed store', $4)`,
      [branch, location, `W-${name}`, u.id],
    );
    await owner.query(
      `INSERT INTO stock_levels (branch_id, id, organization_id, product_id, location_id, on_hand)
       VALUES ($1, $2, $3, $4, $5, 5)`,
      [branch, randomUUID(), orgId, product, location],
    );
    await owner.query(
      `INSERT INTO stock_movements (branch_id, id, organization_id, product_id, location_id, cause, quantity,
         on_hand_after, actor_id) VALUES ($1, $2, $3, $4, $5, 'PURCHASE_RECEIPT', 5, 5, $6)`,
      [branch, randomUUID(), orgId, product, location, u.id],
    );
    const releasedOrder = randomUUID();
    await owner.query(
      `INSERT INTO orders (branch_id, id, customer_id, owner_id, channel, contract_id, received_on, amount, currency,
         state, released_at, created_by)
       VALUES ($1, $2, $3, $4, 'PHONE', $5, '2026-11-20', 300.00, 'CNY', 'RELEASED', now(), $4)`,
      [branch, releasedOrder, customer, u.id, contract],
    );
    const releasedOrderLine = randomUUID();
    await owner.query(
      `INSERT INTO order_lines (branch_id, id, order_id, position, description, quantity, unit_price, line_total)
       VALUES ($1, $2, $3, 1, 'Seed pump', 3, 100.00, 300.00)`,
      [branch, releasedOrderLine, releasedOrder],
    );
    const shipment = randomUUID();
    await owner.query(
      `INSERT INTO shipments (branch_id, id, order_id, mode, consignee_place, consignee_person, created_by)
       VALUES ($1, $2, $3, 'DIRECT_FROM_MAKER', 'Seed site', 'Seed person', $4)`,
      [branch, shipment, releasedOrder, u.id],
    );
    await owner.query(
      `INSERT INTO shipment_lines (branch_id, id, shipment_id, order_id, order_line_id, organization_id, product_id,
         quantity) VALUES ($1, $2, $3, $4, $5, $6, $7, 1)`,
      [branch, randomUUID(), shipment, releasedOrder, releasedOrderLine, orgId, product],
    );
    await owner.query(
      `INSERT INTO shipment_events (branch_id, id, shipment_id, to_status, at, actor_id)
       VALUES ($1, $2, $3, 'PREPARED', now(), $4)`,
      [branch, randomUUID(), shipment, u.id],
    );
    // ---- end fulfillment ----
    // ---- shipping rule ----
    // The released order broke the one-working-day rule: signed 50 hours ago, due 20 hours ago, nothing shipped.
    await owner.query(
      `UPDATE orders SET signed_at = now() - interval '50 hours', ship_by = now() - interval '20 hours'
       WHERE branch_id = $1 AND id = $2`,
      [branch, releasedOrder],
    );
    // ---- end shipping rule ----
    // ---- delivery ----
    const deliveryOrder = randomUUID();
    await owner.query(
      `INSERT INTO orders (branch_id, id, customer_id, owner_id, channel, contract_id, received_on, amount, currency,
         state, released_at, created_by)
       VALUES ($1, $2, $3, $4, 'PHONE', $5, '2026-11-20', 100.00, 'CNY', 'RELEASED', now(), $4)`,
      [branch, deliveryOrder, customer, u.id, contract],
    );
    const deliveryLine = randomUUID();
    await owner.query(
      `INSERT INTO order_lines (branch_id, id, order_id, position, description, quantity, unit_price, line_total)
       VALUES ($1, $2, $3, 1, 'Seed pump', 1, 100.00, 100.00)`,
      [branch, deliveryLine, deliveryOrder],
    );
    const deliveredShipment = randomUUID();
    await owner.query(
      `INSERT INTO shipments (branch_id, id, order_id, mode, status, consignee_place, consignee_person, shipped_at,
         delivered_at, created_by)
       VALUES ($1, $2, $3, 'DIRECT_FROM_MAKER', 'DELIVERED', 'Seed site', 'Seed person', now() - interval '2 hours',
         now() - interval '1 hour', $4)`,
      [branch, deliveredShipment, deliveryOrder, u.id],
    );
    await owner.query(
      `INSERT INTO shipment_lines (branch_id, id, shipment_id, order_id, order_line_id, organization_id, product_id,
         quantity) VALUES ($1, $2, $3, $4, $5, $6, $7, 1)`,
      [branch, randomUUID(), deliveredShipment, deliveryOrder, deliveryLine, orgId, product],
    );
    // ---- end delivery ----
    // ---- purchase orders and RMA (po) ----
    const purchaseOrder = randomUUID();
    const purchaseOrderLine = randomUUID();
    await owner.query(
      `INSERT INTO purchase_orders (branch_id, id, number, order_id, organization_id, maker_id, owner_id, state, currency,
         amount, placed_at, maker_confirmed_on, maker_reference, confirmed_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'CONFIRMED', 'CNY', 55.00, now(), '2026-11-25', 'MK-1', now(), $7)`,
      [branch, purchaseOrder, `PO-${name}-1`, releasedOrder, orgId, vendor, u.id],
    );
    await owner.query(
      `INSERT INTO purchase_order_lines (branch_id, id, purchase_order_id, position, order_id, order_line_id,
         organization_id, product_id, quantity, unit_price, line_total) VALUES ($1, $2, $3, 1, $4, $5, $6, $7, 1, 55, 55)`,
      [branch, purchaseOrderLine, purchaseOrder, releasedOrder, releasedOrderLine, orgId, product],
    );
    await owner.query(
      `INSERT INTO purchase_order_counters (branch_id, year, last) VALUES ($1, 2026, 1)
       ON CONFLICT (branch_id, year) DO UPDATE SET last = purchase_order_counters.last + 1`,
      [branch],
    );
    const rma = randomUUID();
    await owner.query(
      `INSERT INTO rmas (branch_id, id, customer_id, owner_id, organization_id, product_id, problem, state_due_at,
         overdue_check_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, 'Seed fault', now() + interval '30 days', now() + interval '30 days', $4)`,
      [branch, rma, customer, u.id, orgId, product],
    );
    await owner.query(
      `INSERT INTO rma_settings (branch_id, requested_hours, engineer_confirmed_hours, checked_hours, at_maker_hours,
         returned_hours, escalation_hours) VALUES ($1, 8, 16, 16, 160, 40, 8) ON CONFLICT (branch_id) DO NOTHING`,
      [branch],
    );
    // ---- end purchase orders and RMA (po) ----
    // ---- finance ----
    const receipt = randomUUID();
    await owner.query(
      `INSERT INTO receipts (branch_id, id, kind, customer_id, amount, applied_amount, currency, received_on, reference,
         recorded_by) VALUES ($1, $2, 'BANK_TRANSFER', $3, 3000, 1000, 'CNY', '2026-11-02', $4, $5)`,
      [branch, receipt, customer, `${name} transfer`, u.id],
    );
    await owner.query(
      `INSERT INTO receipt_applications (branch_id, id, receipt_id, instalment_id, contract_id, amount, applied_by)
       VALUES ($1, $2, $3, $4, $5, 1000, $6)`,
      [branch, randomUUID(), receipt, instalment, contract, u.id],
    );
    await owner.query('UPDATE contract_instalments SET paid_amount = 1000 WHERE branch_id = $1 AND id = $2', [
      branch,
      instalment,
    ]);
    // ---- invoices (fin2) ----
    const invoice = randomUUID();
    const invoiceLine = randomUUID();
    const seq = await owner.query<{ last: number }>(
      `INSERT INTO invoice_number_counters (branch_id, series, year, last) VALUES ($1, 'INVOICE', 2026, 1)
       ON CONFLICT (branch_id, series, year) DO UPDATE SET last = invoice_number_counters.last + 1 RETURNING last`,
      [branch],
    );
    await owner.query(
      `INSERT INTO invoices (branch_id, id, kind, customer_id, contract_id, state, type, currency, amount, tax_amount,
         number, number_year, number_seq, issued_on, requested_by, issued_by)
       VALUES ($1, $2, 'INVOICE', $3, $4, 'ISSUED', 'VAT_SPECIAL', 'CNY', 1130, 130, $5, 2026, $6, '2026-11-03', $7, $7)`,
      [branch, invoice, customer, contract, `${name}-FP-2026-${seq.rows[0].last}`, seq.rows[0].last, u.id],
    );
    await owner.query(
      `INSERT INTO invoice_lines (branch_id, id, invoice_id, position, description, amount, tax_rate, tax_amount)
       VALUES ($1, $2, $3, 1, 'Pumps', 1130, 13, 130)`,
      [branch, invoiceLine, invoice],
    );
    // ---- end invoices (fin2) ----
    // ---- reconciliation (recon) ----
    // A SENT statement of the customer for the first half of 2026 with the invoice as its line; a cheque not handed
    // over; a second one handed over late and told (every new table holds a row).
    const statement = randomUUID();
    const statementLine = randomUUID();
    await owner.query(
      `INSERT INTO reconciliation_statements (branch_id, id, customer_id, period_start, period_end, currency, opening,
         invoiced, credited, received, closing, remind_at)
       VALUES ($1, $2, $3, '2026-01-01', '2026-06-30', 'CNY', 0, 1130, 0, 0, 1130, now() + interval '15 days')`,
      [branch, statement, customer],
    );
    await owner.query(
      `INSERT INTO reconciliation_lines (branch_id, id, statement_id, position, kind, source_id, day, reference, amount)
       VALUES ($1, $2, $3, 1, 'INVOICE', $4, '2026-06-03', 'Seed invoice', 1130)`,
      [branch, statementLine, statement, invoice],
    );
    const instrument = randomUUID();
    const handedCheque = randomUUID();
    for (const id of [instrument, handedCheque]) {
      await owner.query(
        `INSERT INTO receipts (branch_id, id, kind, customer_id, amount, currency, received_on, reference, recorded_by)
         VALUES ($1, $2, 'CHEQUE', $3, 500, 'CNY', '2026-11-05', $4, $5)`,
        [branch, id, customer, `${name} cheque ${id.slice(0, 4)}`, u.id],
      );
    }
    await owner.query(
      `INSERT INTO instrument_handovers (branch_id, id, receipt_id, handed_by, accepted_by, handed_at)
       VALUES ($1, $2, $3, $4, $4, '2026-11-09T10:00:00+08:00')`,
      [branch, randomUUID(), handedCheque, u.id],
    );
    await owner.query('INSERT INTO instrument_breaches (branch_id, id) VALUES ($1, $2)', [branch, handedCheque]);
    // ---- end reconciliation (recon) ----
    // ---- end finance ----
    // ---- documents ----
    const file = randomUUID();
    await owner.query(
      `INSERT INTO files (branch_id, id, kind, name, content_type, size_bytes, sha256, storage_key, uploaded_by)
       VALUES ($1, $2, 'LETTER', $3, 'application/pdf', 1024, repeat('ab', 32), $5, $4)`,
      [branch, file, `${name} letter.pdf`, u.id, `${branch}/${file}`],
    );
    const docFile = randomUUID();
    await owner.query(
      `INSERT INTO files (branch_id, id, kind, name, content_type, size_bytes, sha256, storage_key, uploaded_by)
       VALUES ($1, $2, 'NOTICE', $3, 'application/pdf', 1024, repeat('cd', 32), $5, $4)`,
      [branch, docFile, `${name} notice.pdf`, u.id, `${branch}/${docFile}`],
    );
    const document = randomUUID();
    await owner.query(
      `INSERT INTO documents (branch_id, id, kind, title, confidentiality, created_by)
       VALUES ($1, $2, 'NOTICE', $3, 'INTERNAL', $4)`,
      [branch, document, `${name} notice`, u.id],
    );
    await owner.query(
      `INSERT INTO document_versions (branch_id, id, document_id, version, file_id, created_by) VALUES ($1, $2, $3, 1, $4, $5)`,
      [branch, randomUUID(), document, docFile, u.id],
    );
    await owner.query(
      `INSERT INTO document_grants (branch_id, id, document_id, user_id, granted_by) VALUES ($1, $2, $3, $4, $4)`,
      [branch, randomUUID(), document, u.id],
    );
    await owner.query(
      `INSERT INTO document_reads (branch_id, id, document_id, reader_id, what) VALUES ($1, $2, $3, $4, 'METADATA')`,
      [branch, randomUUID(), document, u.id],
    );
    await owner.query(
      `INSERT INTO document_number_counters (branch_id, kind, year, last) VALUES ($1, 'NOTICE', 2026, 1)
       ON CONFLICT DO NOTHING`,
      [branch],
    );
    // ---- end documents ----
    // ---- documents integrity ----
    await owner.query(
      `INSERT INTO file_checks (branch_id, file_id, due_at, checked_at, result, found_sha256)
       VALUES ($1, $2, now() + interval '7 days', now(), 'MISMATCH', repeat('ef', 32))`,
      [branch, file],
    );
    const integrityProblem = randomUUID();
    await owner.query(
      `INSERT INTO file_integrity_problems (branch_id, id, file_id, problem, expected_sha256, found_sha256)
       VALUES ($1, $2, $3, 'MISMATCH', repeat('ab', 32), repeat('ef', 32))`,
      [branch, integrityProblem, file],
    );
    const issuedDocument = randomUUID();
    await owner.query(
      `INSERT INTO documents (branch_id, id, kind, title, confidentiality, state, number, number_year, number_seq,
         issued_at, created_by)
       VALUES ($1, $2, 'LETTER', $3, 'INTERNAL', 'ISSUED', $4, 2026, $5, now(), $6)`,
      [branch, issuedDocument, `${name} letter`, `HJ-${issuedDocument}`, 1 + Math.floor(Math.random() * 1e6), u.id],
    );
    const loan = randomUUID();
    await owner.query(
      `INSERT INTO document_loans (branch_id, id, document_id, borrower_id, medium, purpose, working_days, state,
         lent_at, due_on)
       VALUES ($1, $2, $3, $4, 'PHYSICAL', 'Seed loan', 5, 'LENT', now(), current_date + 5)`,
      [branch, loan, issuedDocument, u.id],
    );
    // ---- end documents integrity ----
    // ---- document shares ----
    const ndaFile = randomUUID();
    await owner.query(
      `INSERT INTO files (branch_id, id, kind, name, content_type, size_bytes, sha256, storage_key, uploaded_by)
       VALUES ($1, $2, 'AGREEMENT', $3, 'application/pdf', 1024, repeat('ee', 32), $5, $4)`,
      [branch, ndaFile, `${name} nda.pdf`, u.id, `${branch}/${ndaFile}`],
    );
    const nda = randomUUID();
    await owner.query(
      `INSERT INTO nda_records (branch_id, id, counterparty, signed_on, expires_on, file_id, recorded_by)
       VALUES ($1, $2, $3, current_date - 30, current_date + 300, $4, $5)`,
      [branch, nda, `${name} counterparty`, ndaFile, u.id],
    );
    const share = randomUUID();
    await owner.query(
      `INSERT INTO document_shares (branch_id, id, document_id, nda_id, recipient, purpose, token_sha256, expires_at,
         shared_by)
       VALUES ($1, $2, $3, $4, 'Seed recipient', 'Seed', repeat('0f', 32), now() + interval '5 days', $5)`,
      [branch, share, issuedDocument, nda, u.id],
    );
    await owner.query(
      `INSERT INTO document_share_downloads (branch_id, id, share_id, file_id, client_ip) VALUES ($1, $2, $3, $4, '10.0.0.1')`,
      [branch, randomUUID(), share, ndaFile],
    );
    // ---- end document shares ----
    // ---- attachments ----
    const attachedFile = randomUUID();
    await owner.query(
      `INSERT INTO files (branch_id, id, kind, name, content_type, size_bytes, sha256, storage_key, uploaded_by)
       VALUES ($1, $2, 'CONTRACT', $3, 'application/pdf', 1024, repeat('ab', 32), $5, $4)`,
      [branch, attachedFile, `${name} original.pdf`, u.id, `${branch}/${attachedFile}`],
    );
    await owner.query(
      `INSERT INTO file_attachments (branch_id, id, file_id, subject_type, subject_id, purpose, attached_by)
       VALUES ($1, gen_random_uuid(), $2, 'CONTRACT', $3, 'SIGNED_ORIGINAL', $5),
              ($1, gen_random_uuid(), $2, 'VISIT', $4, 'REPORT', $5),
              ($1, gen_random_uuid(), $2, 'TENDER_DOCUMENT', $6, 'PREPARED', $5)`,
      [branch, attachedFile, contract, visit, u.id, tenderDocument],
    );
    // ---- end attachments ----
    // ---- performance ----
    // A counted event of the slot's user, its rollup line, and the branch's check, difference and due row.
    await owner.query(
      `INSERT INTO kpi_events (branch_id, kpi, subject_id, person_id, day, amount, event_id)
       VALUES ($1, 'CONTRACTS_SIGNED', $2, $3, '2026-11-02', 1200, gen_random_uuid())`,
      [branch, contract, u.id],
    );
    await owner.query(
      `INSERT INTO kpi_rollups (branch_id, kpi, period_kind, period_start, person_id, count, amount)
       VALUES ($1, 'CONTRACTS_SIGNED', 'MONTH', '2026-11-01', $2, 1, 1200)`,
      [branch, u.id],
    );
    await owner.query(
      `INSERT INTO kpi_checks (branch_id, kpi, period_kind, period_start, differences)
       VALUES ($1, 'CONTRACTS_SIGNED', 'MONTH', '2026-11-01', 1) ON CONFLICT DO NOTHING`,
      [branch],
    );
    await owner.query(
      `INSERT INTO kpi_differences (branch_id, id, kpi, period_kind, period_start, person_id, expected_count,
         expected_amount, found_count, found_amount)
       VALUES ($1, gen_random_uuid(), 'CONTRACTS_SIGNED', 'MONTH', '2026-11-01', $2, 1, 1200, 2, 2400)`,
      [branch, u.id],
    );
    await owner.query(
      `INSERT INTO kpi_check_due (branch_id, due_at) VALUES ($1, '2030-01-01') ON CONFLICT DO NOTHING`,
      [branch],
    );
    // ---- end performance ----
    // ---- performance targets ----
    // The branch's target for the month (once per branch) and the slot user's share of it.
    await owner.query(
      `INSERT INTO kpi_targets (branch_id, id, kpi, measure, period_kind, period_start, target, set_by)
       VALUES ($1, gen_random_uuid(), 'CONTRACTS_SIGNED', 'AMOUNT', 'MONTH', '2026-11-01', 100000, $2)
       ON CONFLICT DO NOTHING`,
      [branch, u.id],
    );
    await owner.query(
      `INSERT INTO kpi_target_splits (branch_id, id, target_id, person_id, target, set_by)
       SELECT t.branch_id, gen_random_uuid(), t.id, $2, 10, $2 FROM kpi_targets t
       WHERE t.branch_id = $1 AND t.kpi = 'CONTRACTS_SIGNED' AND t.period_start = '2026-11-01'`,
      [branch, u.id],
    );
    // ---- end performance targets ----
    // ---- attendance ----
    await owner.query(
      `INSERT INTO attendance_settings (branch_id, grace_minutes) VALUES ($1, 20) ON CONFLICT DO NOTHING`,
      [branch],
    );
    await owner.query(
      `INSERT INTO attendance_punches (branch_id, id, person_id, kind, at, day, source, state, recorded_by)
       VALUES ($1, gen_random_uuid(), $2, 'IN', '2026-11-02T01:05:00Z', '2026-11-02', 'DEVICE', 'COUNTED', $2)`,
      [branch, u.id],
    );
    await owner.query(
      `WITH b AS (INSERT INTO leave_balances (branch_id, id, person_id, year, kind, entitled, taken)
         VALUES ($1, gen_random_uuid(), $2, 2026, 'ANNUAL', 10, 1) RETURNING branch_id, id, person_id)
       INSERT INTO leave_requests (branch_id, id, person_id, balance_id, kind, first_day, last_day, days, state)
       SELECT b.branch_id, gen_random_uuid(), b.person_id, b.id, 'ANNUAL', '2026-11-03', '2026-11-03', 1, 'APPROVED' FROM b`,
      [branch, u.id],
    );
    // ---- end attendance ----
    // ---- appraisals (appr) ----
    await owner.query(`INSERT INTO appraisal_settings (branch_id) VALUES ($1) ON CONFLICT DO NOTHING`, [branch]);
    await owner.query(`INSERT INTO appraisal_due (branch_id) VALUES ($1) ON CONFLICT DO NOTHING`, [branch]);
    await owner.query(
      `INSERT INTO appraisal_cycles (branch_id, id, kind, period, period_start, period_end, opened_on, results_weight,
         attitude_weight, teamwork_weight)
       VALUES ($1, gen_random_uuid(), 'MONTHLY', '2026-10', '2026-10-01', '2026-11-01', '2026-11-02', 60, 20, 20)
       ON CONFLICT DO NOTHING`,
      [branch],
    );
    const appraisalCycle = (
      await owner.query<{ id: string }>(
        `SELECT id FROM appraisal_cycles WHERE branch_id = $1 AND kind = 'MONTHLY' AND period = '2026-10'`,
        [branch],
      )
    ).rows[0].id;
    const appraisal = (
      await owner.query<{ id: string }>(
        `INSERT INTO appraisals (branch_id, id, cycle_id, person_id, person_role)
         VALUES ($1, gen_random_uuid(), $2, $3, $4) RETURNING id`,
        [branch, appraisalCycle, u.id, u.role],
      )
    ).rows[0].id;
    const meeting = (
      await owner.query<{ id: string }>(
        `INSERT INTO meetings (branch_id, id, kind, title, held_on, week_start, minutes, chair_id)
         VALUES ($1, gen_random_uuid(), 'PROJECT', 'Kick-off', '2026-11-02', '2026-11-02', 'Agreed the scope', $2)
         RETURNING id`,
        [branch, u.id],
      )
    ).rows[0].id;
    const actionItem = (
      await owner.query<{ id: string }>(
        `INSERT INTO meeting_action_items (branch_id, id, meeting_id, title, owner_id, due_on)
         VALUES ($1, gen_random_uuid(), $2, 'Send the offer', $3, '2030-01-10') RETURNING id`,
        [branch, meeting, u.id],
      )
    ).rows[0].id;
    const workPlan = (
      await owner.query<{ id: string }>(
        `INSERT INTO work_plans (branch_id, id, person_id, kind, period, period_start, title, content, state, approved_at)
         VALUES ($1, gen_random_uuid(), $2, 'MONTHLY', '2026-11', '2026-11-01', 'November', 'Ten visits', 'APPROVED', now())
         RETURNING id`,
        [branch, u.id],
      )
    ).rows[0].id;
    await owner.query(
      `INSERT INTO work_plan_changes (branch_id, id, plan_id, person_id, content, reason, state, decided_at)
       VALUES ($1, gen_random_uuid(), $2, $3, 'Twelve visits', 'More leads', 'REJECTED', now())`,
      [branch, workPlan, u.id],
    );
    // ---- end appraisals (appr) ----
    // ---- returns ----
    const returnOrder = randomUUID();
    await owner.query(
      `INSERT INTO orders (branch_id, id, customer_id, owner_id, channel, contract_id, received_on, amount, currency,
         state, released_at, created_by)
       VALUES ($1, $2, $3, $4, 'PHONE', $5, '2026-11-20', 100.00, 'CNY', 'RELEASED', now(), $4)`,
      [branch, returnOrder, customer, u.id, contract],
    );
    const returnOrderLine = randomUUID();
    await owner.query(
      `INSERT INTO order_lines (branch_id, id, order_id, position, description, quantity, unit_price, line_total)
       VALUES ($1, $2, $3, 1, 'Seed pump', 2, 50.00, 100.00)`,
      [branch, returnOrderLine, returnOrder],
    );
    const acceptedShipment = randomUUID();
    await owner.query(
      `INSERT INTO shipments (branch_id, id, order_id, mode, status, consignee_place, consignee_person, shipped_at,
         delivered_at, receipt_signed_by, receipt_signed_at, receipt_file_id, accepted_at, created_by)
       VALUES ($1, $2, $3, 'DIRECT_FROM_MAKER', 'ACCEPTED', 'Seed site', 'Seed person', now() - interval '3 hours',
         now() - interval '2 hours', 'Seed signer', now() - interval '1 hour', $4, now(), $5)`,
      [branch, acceptedShipment, returnOrder, file, u.id],
    );
    const acceptedLine = randomUUID();
    await owner.query(
      `INSERT INTO shipment_lines (branch_id, id, shipment_id, order_id, order_line_id, organization_id, product_id,
         quantity) VALUES ($1, $2, $3, $4, $5, $6, $7, 2)`,
      [branch, acceptedLine, acceptedShipment, returnOrder, returnOrderLine, orgId, product],
    );
    const goodsReturn = randomUUID();
    await owner.query(
      `INSERT INTO goods_returns (branch_id, id, kind, shipment_id, order_id, customer_id, owner_id, reason,
         description, amount, currency, requested_by)
       VALUES ($1, $2, 'RETURN', $3, $4, $5, $6, 'DEFECTIVE', 'Seed return', 50.00, 'CNY', $6)`,
      [branch, goodsReturn, acceptedShipment, returnOrder, customer, u.id],
    );
    await owner.query(
      `INSERT INTO goods_return_lines (branch_id, id, return_id, shipment_line_id, order_line_id, organization_id,
         product_id, quantity, unit_price, amount) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, 50.00, 50.00)`,
      [branch, randomUUID(), goodsReturn, acceptedLine, returnOrderLine, orgId, product],
    );
    // ---- end returns ----
    // ---- budgets (stats) ----
    const budgetYear = nextBudgetYear++;
    const budget = randomUUID();
    await owner.query(
      `INSERT INTO budgets (branch_id, id, category, name, period_start, period_end, currency, amount, spent, created_by)
       VALUES ($1, $2, 'TRAVEL', $3, $4, $5, 'CNY', 10000, 300, $6)`,
      [branch, budget, `${name} travel`, `${budgetYear}-01-01`, `${budgetYear}-12-31`, u.id],
    );
    const trip = randomUUID();
    const tripExpense = randomUUID();
    await owner.query(
      `INSERT INTO budget_expenses (branch_id, id, budget_id, source, source_id, description, amount, spent_on, state,
         recorded_by) VALUES ($1, $2, $3, 'TRIP', $4, 'Trip', 300, $5, 'RECORDED', $6)`,
      [branch, tripExpense, budget, trip, `${budgetYear}-03-02`, u.id],
    );
    await owner.query(
      `INSERT INTO business_trips (branch_id, id, traveller_id, budget_id, destination, purpose, starts_on, ends_on,
         estimated_amount, state, claimed_amount, expense_id)
       VALUES ($1, $2, $3, $4, 'Wuhan', 'Customer visit', $5, $5, 500, 'CLAIMED', 300, $6)`,
      [branch, trip, u.id, budget, `${budgetYear}-03-02`, tripExpense],
    );
    await owner.query(
      `INSERT INTO trip_receipts (branch_id, id, trip_id, position, description, spent_on, amount)
       VALUES ($1, gen_random_uuid(), $2, 1, 'Train', $3, 300)`,
      [branch, trip, `${budgetYear}-03-02`],
    );
    const reception = randomUUID();
    await owner.query(
      `INSERT INTO customer_receptions (branch_id, id, customer_id, host_id, budget_id, hosted_on, guests, purpose,
         per_head_ceiling, planned_amount, state) VALUES ($1, $2, $3, $4, $5, $6, 2, 'Plant tour', 300, 500, 'PLANNED')`,
      [branch, reception, customer, u.id, budget, `${budgetYear}-04-01`],
    );
    await owner.query(`INSERT INTO reception_settings (branch_id) VALUES ($1) ON CONFLICT DO NOTHING`, [branch]);
    // A contract signed in 2026: the purchase statistics of the branch have a row to hide.
    await owner.query(
      `INSERT INTO contracts (branch_id, id, customer_id, title, amount, currency, starts_on, ends_on, owner_id, state,
         created_by, number, signed_on)
       VALUES ($1, $2, $3, 'Signed supply', 800, 'CNY', '2026-05-01', '2026-12-31', $4, 'SIGNED', $4, $5, '2026-05-04')`,
      [branch, budget, customer, u.id, `SIGNED-${budget}`],
    );
    // ---- end budgets (stats) ----
    return {
      branch,
      user: u.id,
      customer,
      contact,
      freeContact,
      log,
      notification,
      request: '',
      step: '',
      contract,
      instalment,
      milestone,
      risk,
      delegation: '',
      order,
      tender,
      tenderDocument,
      quote,
      // ---- channels ----
      partner,
      partnerAgreement,
      partnerDispute,
      // ---- end channels ----
      // ---- research ----
      researchItem,
      researchDigest,
      competitor,
      segment,
      persona,
      survey,
      plan,
      milestone2,
      campaign,
      // ---- end research ----
      // ---- leads ----
      lead,
      // ---- end leads ----
      // ---- visits ----
      visit,
      visitTask,
      satisfaction,
      // ---- end visits ----
      // ---- complaints ----
      complaint,
      // ---- end complaints ----
      // ---- fulfillment ----
      product,
      vendor,
      location,
      releasedOrder,
      releasedOrderLine,
      shipment,
      // ---- end fulfillment ----
      // ---- delivery ----
      deliveredShipment,
      // ---- end delivery ----
      // ---- purchase orders and RMA (po) ----
      purchaseOrder,
      purchaseOrderLine,
      rma,
      // ---- end purchase orders and RMA (po) ----
      // ---- finance ----
      receipt,
      // ---- invoices (fin2) ----
      invoice,
      invoiceLine,
      // ---- end invoices (fin2) ----
      // ---- reconciliation (recon) ----
      statement,
      statementLine,
      instrument,
      // ---- end reconciliation (recon) ----
      // ---- end finance ----
      // ---- documents ----
      file,
      document,
      docFile,
      // ---- end documents ----
      // ---- documents integrity ----
      integrityProblem,
      issuedDocument,
      loan,
      // ---- end documents integrity ----
      // ---- document shares ----
      ndaFile,
      nda,
      share,
      // ---- end document shares ----
      // ---- attachments ----
      attachedFile,
      // ---- end attachments ----
      // ---- appraisals (appr) ----
      appraisalCycle,
      appraisal,
      meeting,
      actionItem,
      workPlan,
      // ---- end appraisals (appr) ----
      // ---- returns ----
      acceptedShipment,
      goodsReturn,
      // ---- end returns ----
      // ---- budgets (stats) ----
      budget,
      trip,
      reception,
      // ---- end budgets (stats) ----
    };
  }

  /** Submits an approval request as `u` through the engine, as a subject module would (default policy). */
  async function seedApproval(slot: Slot, org: TestOrg, u: TestUser, title: string): Promise<void> {
    const scope = { branchIds: [u.branchId], userId: u.id, ownOnly: u.role === 'SALES_REP' };
    const who = { userId: u.id, organizationId: org.id, role: u.role, headOffice: false };
    const request = await api.app.get(Database).run(scope, (tx) =>
      api.app.get(ApprovalsService).submit(RequestContext.forTransaction(tx, scope, who), {
        branchId: u.branchId,
        subjectType: 'TEST_CONTRACT',
        subjectId: slot.customer,
        title,
        amount: '1000.00',
      }),
    );
    const step = await owner.query<{ id: string }>(
      `SELECT id FROM approval_steps WHERE request_id = $1 AND status = 'PENDING'`,
      [request.id],
    );
    slot.request = request.id;
    slot.step = step.rows[0].id;
    slot.delegation = randomUUID();
    await owner.query(
      `INSERT INTO approval_delegations (branch_id, id, user_id, delegate_id, starts_on, ends_on, reason)
       VALUES ($1, $2, $3, $4, '2026-01-01', '2030-12-31', 'Probe')`,
      [u.branchId, slot.delegation, u.id, u.branchId === org.a.id ? org.users.managerA.id : org.users.managerB.id],
    );
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = await ownerClient(db.url);
    org1 = await createOrg(owner, 'one');
    org2 = await createOrg(owner, 'two');
    slots.A1 = await seedSlot(org1.a.id, org1.users.repA, 'Alpha Rep One');
    slots.A2 = await seedSlot(org1.a.id, org1.users.rep2A, 'Alpha Rep Two');
    slots.B1 = await seedSlot(org1.b.id, org1.users.repB, 'Bravo One');
    slots.X1 = await seedSlot(org2.a.id, org2.users.repA, 'Xeno One');
    // The other tenant tables get a row in every branch too, so the SQL-level checks are not vacuous.
    for (const b of [org1.hq.id, org1.a.id, org1.b.id, org2.hq.id, org2.a.id, org2.b.id]) {
      await owner.query('INSERT INTO branch_settings (branch_id, contact_cadence_high_days) VALUES ($1, 5)', [b]);
      await owner.query(
        `INSERT INTO audit_log (branch_id, id, actor_id, entity, entity_id, action, after)
         VALUES ($1, $2, NULL, 'seed', $1, 'create', '{"seed": true}')`,
        [b, randomUUID()],
      );
      await owner.query(
        `INSERT INTO outbox (branch_id, id, job_name, payload, published_at) VALUES ($1, $2, 'seed.noop', '{}', now())`,
        [b, randomUUID()],
      );
      await owner.query('INSERT INTO contract_number_counters (branch_id, year, last) VALUES ($1, 2026, 7)', [b]);
      await owner.query(`INSERT INTO contract_settings (branch_id, number_rule) VALUES ($1, 'S-{YYYY}-{NNNN}')`, [b]);
      // ---- leads ----
      await owner.query(`INSERT INTO tiering_settings (branch_id, high_above) VALUES ($1, 900000)`, [b]);
      await owner.query(`INSERT INTO tiering_runs (branch_id, quarter, finished_at) VALUES ($1, '2026-Q3', now())`, [
        b,
      ]);
      // ---- end leads ----
      // ---- complaints ----
      await owner.query('INSERT INTO complaint_settings (branch_id, critical_hours) VALUES ($1, 3)', [b]);
      // ---- end complaints ----
      // ---- visits ----
      await owner.query('INSERT INTO activity_quota_settings (branch_id, valid_leads_per_week) VALUES ($1, 8)', [b]);
      // ---- end visits ----
      // ---- channels ----
      await owner.query(
        `INSERT INTO channel_settings (branch_id, weight_sales, weight_coverage, weight_feedback, sales_target,
           tier_a_min, tier_b_min, tier_c_min) VALUES ($1, 0.4, 0.3, 0.3, 800000, 80, 65, 50)`,
        [b],
      );
      // ---- end channels ----
      // ---- research ----
      await owner.query('INSERT INTO research_settings (branch_id, digest_top_items) VALUES ($1, 5)', [b]);
      // ---- end research ----
    }
    // Everyone signs in once, below; on a loaded machine the file outlives the 15-minute default access token.
    const env = { LOGIN_MAX_PER_CLIENT: '1000', LOGIN_MAX_PER_ACCOUNT: '1000', ACCESS_TOKEN_TTL_SECONDS: '7200' };
    api = await startApp(testConfig(db.url, env), {
      imports: [TestSubjectsModule],
    });
    runtimeRole = api.config.runtimeRole;
    // The approval engine's tables: a request in each slot (policy, request, steps, approvers, events),
    // a calendar with a holiday in every branch, and a (future) out-of-office delegation in A, B and X.
    await seedApproval(slots.A1, org1, org1.users.repA, 'Alpha One contract');
    await seedApproval(slots.A2, org1, org1.users.rep2A, 'Alpha Two contract');
    await seedApproval(slots.B1, org1, org1.users.repB, 'Bravo contract');
    await seedApproval(slots.X1, org2, org2.users.repA, 'Xeno contract');
    for (const b of [org1.hq.id, org1.a.id, org1.b.id, org2.hq.id, org2.a.id, org2.b.id]) {
      await owner.query(
        `INSERT INTO branch_calendars (branch_id, work_days, day_start_minute, day_end_minute) VALUES ($1, '{1,2,3,4,5}', 540, 1080)`,
        [b],
      );
      await owner.query(
        `INSERT INTO branch_calendar_days (branch_id, day, kind, name) VALUES ($1, '2026-10-01', 'HOLIDAY', 'National Day')`,
        [b],
      );
    }
    for (const [branch, from, to] of [
      [org1.a.id, org1.users.managerA.id, org1.users.rep2A.id],
      [org1.b.id, org1.users.managerB.id, org1.users.repB.id],
      [org2.a.id, org2.users.managerA.id, org2.users.rep2A.id],
    ]) {
      await owner.query(
        `INSERT INTO approval_delegations (branch_id, id, user_id, delegate_id, starts_on, ends_on, reason)
         VALUES ($1, $2, $3, $4, '2030-01-01', '2030-01-31', 'Sabbatical')`,
        [branch, randomUUID(), from, to],
      );
    }
    for (const [tag, org] of [
      ['1', org1],
      ['2', org2],
    ] as const) {
      for (const [k, u] of Object.entries(org.users))
        tokens[`${k}${tag}`] = (await login(api.url, u.email, PASSWORD)).accessToken;
    }
    allTables = (
      await owner.query<{ t: string }>(
        `SELECT table_name AS t FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
      )
    ).rows.map((r) => r.t);
    tenantTables = (
      await owner.query<{ t: string }>(
        `SELECT c.table_name AS t FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
         WHERE c.table_schema = 'public' AND c.column_name = 'branch_id' AND t.table_type = 'BASE TABLE' ORDER BY 1`,
      )
    ).rows
      .map((r) => r.t)
      .filter((t) => !PLATFORM_TABLES.has(t));
    // A database from the migrations, two organizations and four slots: over a minute at load 20 (six runs, 2 cores).
    // Two organizations, four slots and 16 logins: past a minute when six runs share two cores (load 20).
  }, 300_000);

  afterAll(async () => {
    await api?.close();
    if (api) await cleanRedis(api.config);
    await owner?.end();
    await db?.drop();
  });

  const actor = (label: string, key: string, org: () => TestOrg, ownSlot: () => Slot): (() => Actor) => {
    return () => {
      const o = org();
      const u = o.users[key.replace(/\d$/, '') as keyof TestOrg['users']];
      return {
        label,
        token: tokens[key],
        user: u,
        headOffice: u.role.startsWith('HQ_'),
        ownBranch: ownSlot().branch,
        ownCustomer: ownSlot().customer,
        ownStep: ownSlot().step,
        ownContract: ownSlot().contract,
        // ---- channels ----
        ownPartner: ownSlot().partner,
        ownDispute: ownSlot().partnerDispute,
        // ---- end channels ----
        // ---- fulfillment ----
        ownProduct: ownSlot().product,
        ownVendor: ownSlot().vendor,
        ownLocation: ownSlot().location,
        ownReleasedOrder: ownSlot().releasedOrder,
        ownReleasedOrderLine: ownSlot().releasedOrderLine,
        // ---- end fulfillment ----
        // ---- delivery ----
        ownDeliveredShipment: ownSlot().deliveredShipment,
        // ---- end delivery ----
        // ---- purchase orders and RMA (po) ----
        ownPurchaseOrder: ownSlot().purchaseOrder,
        ownPurchaseOrderLine: ownSlot().purchaseOrderLine,
        // ---- end purchase orders and RMA (po) ----
        // ---- finance ----
        ownReceipt: ownSlot().receipt,
        // ---- invoices (fin2) ----
        ownInvoice: ownSlot().invoice,
        // ---- end invoices (fin2) ----
        // ---- reconciliation (recon) ----
        ownStatement: ownSlot().statement,
        ownInstrument: ownSlot().instrument,
        // ---- end reconciliation (recon) ----
        // ---- end finance ----
        // ---- documents ----
        ownDocument: ownSlot().document,
        // ---- end documents ----
        // ---- document shares ----
        ownIssuedDocument: ownSlot().issuedDocument,
        ownNda: ownSlot().nda,
        ownNdaFile: ownSlot().ndaFile,
        // ---- end document shares ----
      };
    };
  };

  /** Who tries, and whose ids they are given. */
  /** A target that is only a branch (the actor's own head office): branch-level operations only. */
  const branchOnly = (branch: string): Slot => ({
    branch,
    user: '',
    customer: '',
    contact: '',
    freeContact: '',
    log: '',
    notification: '',
    request: '',
    step: '',
    contract: '',
    instalment: '',
    milestone: '',
    risk: '',
    delegation: '',
    order: '',
    tender: '',
    tenderDocument: '',
    quote: '',
    // ---- channels ----
    partner: '',
    partnerAgreement: '',
    partnerDispute: '',
    // ---- end channels ----
    // ---- research ----
    researchItem: '',
    researchDigest: '',
    competitor: '',
    segment: '',
    persona: '',
    survey: '',
    plan: '',
    milestone2: '',
    campaign: '',
    // ---- end research ----
    // ---- leads ----
    lead: '',
    // ---- end leads ----
    // ---- visits ----
    visit: '',
    visitTask: '',
    satisfaction: '',
    // ---- end visits ----
    // ---- complaints ----
    complaint: '',
    // ---- end complaints ----
    // ---- fulfillment ----
    product: '',
    vendor: '',
    location: '',
    releasedOrder: '',
    releasedOrderLine: '',
    shipment: '',
    // ---- end fulfillment ----
    // ---- delivery ----
    deliveredShipment: '',
    // ---- end delivery ----
    // ---- purchase orders and RMA (po) ----
    purchaseOrder: '',
    purchaseOrderLine: '',
    rma: '',
    // ---- end purchase orders and RMA (po) ----
    // ---- finance ----
    receipt: '',
    // ---- invoices (fin2) ----
    invoice: '',
    invoiceLine: '',
    // ---- end invoices (fin2) ----
    // ---- reconciliation (recon) ----
    statement: '',
    statementLine: '',
    instrument: '',
    // ---- end reconciliation (recon) ----
    // ---- end finance ----
    // ---- documents ----
    file: '',
    document: '',
    docFile: '',
    // ---- end documents ----
    // ---- documents integrity ----
    integrityProblem: '',
    issuedDocument: '',
    loan: '',
    // ---- end documents integrity ----
    // ---- document shares ----
    ndaFile: '',
    nda: '',
    share: '',
    attachedFile: '',
    // ---- end document shares ----
    // ---- appraisals (appr) ----
    appraisalCycle: '',
    appraisal: '',
    meeting: '',
    actionItem: '',
    workPlan: '',
    // ---- end appraisals (appr) ----
    // ---- returns ----
    acceptedShipment: '',
    goodsReturn: '',
    // ---- end returns ----
    // ---- budgets (stats) ----
    budget: '',
    trip: '',
    reception: '',
    // ---- end budgets (stats) ----
  });

  // ---- fulfillment ----
  /** Which organization a branch belongs to (organization rows are shared by its branches). */
  const orgOf = (branch: string) => ([org1.hq.id, org1.a.id, org1.b.id].includes(branch) ? 1 : 2);
  // ---- end fulfillment ----

  const ATTEMPTS: { label: string; who: () => Actor; targets: () => [string, Slot][] }[] = [
    {
      label: 'manager of branch A',
      who: actor(
        'managerA',
        'managerA1',
        () => org1,
        () => slots.A1,
      ),
      targets: () => [
        ['branch B', slots.B1],
        ['org 2', slots.X1],
        ['own head office', branchOnly(org1.hq.id)],
      ],
    },
    {
      label: 'sales rep of branch A',
      who: actor(
        'repA',
        'repA1',
        () => org1,
        () => slots.A1,
      ),
      targets: () => [
        ['branch B', slots.B1],
        ['org 2', slots.X1],
        // Same branch, a colleague's customer: the own-only wall. Branch-level cases do not apply.
        ['colleague rep2A', { ...slots.A2, branch: '' }],
        ['own head office', branchOnly(org1.hq.id)],
      ],
    },
    {
      label: 'finance of branch A',
      who: actor(
        'financeA',
        'financeA1',
        () => org1,
        () => slots.A1,
      ),
      targets: () => [['branch B', slots.B1]],
    },
    {
      label: 'manager of branch B',
      who: actor(
        'managerB',
        'managerB1',
        () => org1,
        () => slots.B1,
      ),
      targets: () => [
        ['branch A', slots.A1],
        ['org 2', slots.X1],
      ],
    },
    {
      label: 'head office admin of org 2',
      who: actor(
        'hq2',
        'admin2',
        () => org2,
        () => slots.X1,
      ),
      targets: () => [
        ['org 1 branch A', slots.A1],
        ['org 1 branch B', slots.B1],
      ],
    },
    {
      label: 'head office admin of org 1',
      who: actor(
        'hq1',
        'admin1',
        () => org1,
        () => slots.A1,
      ),
      targets: () => [['org 2', slots.X1]],
    },
  ];

  it('seeds every tenant table in both organizations (so no check below passes on an empty table)', async () => {
    expect(tenantTables).toEqual(
      expect.arrayContaining([
        'customers',
        'customer_contacts',
        'contact_logs',
        'notifications',
        'approval_requests',
        'approval_steps',
        'approval_step_approvers',
        'approval_events',
        'approval_policies',
        'approval_delegations',
        'branch_calendars',
        'branch_calendar_days',
        'contracts',
        'contract_negotiation_rounds',
        'contract_versions',
        'contract_events',
        'contract_number_counters',
        'contract_settings',
        'contract_instalments',
        'contract_milestones',
        'contract_risks',
        // ---- orders (orders branch) ----
        'orders',
        'order_lines',
        // ---- tenders (orders branch) ----
        'tenders',
        'tender_documents',
        'quotes',
        'quote_lines',
        // ---- channels ----
        'partners',
        'partner_contacts',
        'partner_agreements',
        'channel_settings',
        'partner_evaluations',
        'partner_disputes',
        'partner_support_records',
        'partner_end_users',
        // ---- end channels ----
        // ---- research ----
        'research_items',
        'research_settings',
        'research_digests',
        'research_digest_items',
        'competitors',
        'competitor_observations',
        'market_segments',
        'segment_personas',
        'research_events',
        'demand_surveys',
        'survey_responses',
        'marketing_plans',
        'plan_milestones',
        'campaigns',
        'campaign_customers',
        // ---- end research ----
        // ---- leads ----
        'leads',
        'lead_events',
        'customer_purchases',
        'customer_tier_changes',
        'tiering_settings',
        'tiering_runs',
        // ---- end leads ----
        // ---- visits ----
        'visits',
        'visit_attendees',
        'visit_tasks',
        'satisfaction_surveys',
        'activity_quota_settings',
        // ---- end visits ----
        // ---- complaints ----
        'complaints',
        'complaint_events',
        'complaint_settings',
        // ---- end complaints ----
        // ---- fulfillment ----
        'branch_product_prices',
        'warehouse_locations',
        'stock_levels',
        'stock_movements',
        'shipments',
        'shipment_lines',
        'shipment_events',
        // ---- end fulfillment ----
        // ---- purchase orders and RMA (po) ----
        'purchase_orders',
        'purchase_order_lines',
        'purchase_order_counters',
        'rmas',
        'rma_settings',
        // ---- end purchase orders and RMA (po) ----
        // ---- finance ----
        'receipts',
        'receipt_applications',
        // ---- invoices (fin2) ----
        'invoices',
        'invoice_lines',
        'invoice_number_counters',
        // ---- end invoices (fin2) ----
        // ---- reconciliation (recon) ----
        'reconciliation_statements',
        'reconciliation_lines',
        'instrument_handovers',
        'instrument_breaches',
        // ---- end reconciliation (recon) ----
        // ---- end finance ----
        // ---- documents ----
        'files',
        'documents',
        'document_versions',
        'document_number_counters',
        'document_grants',
        'document_reads',
        // ---- end documents ----
        // ---- documents integrity ----
        'file_checks',
        'file_integrity_problems',
        'document_loans',
        // ---- end documents integrity ----
        // ---- document shares ----
        'nda_records',
        'document_shares',
        'document_share_downloads',
        // ---- end document shares ----
        // ---- returns ----
        'goods_returns',
        'goods_return_lines',
        // ---- end returns ----
        // ---- budgets (stats) ----
        'budgets',
        'budget_expenses',
        'business_trips',
        'trip_receipts',
        'customer_receptions',
        'reception_settings',
        // ---- end budgets (stats) ----
        // ---- performance ----
        'kpi_events',
        'kpi_rollups',
        'kpi_checks',
        'kpi_differences',
        'kpi_check_due',
        // ---- end performance ----
        // ---- performance targets ----
        'kpi_targets',
        'kpi_target_splits',
        // ---- end performance targets ----
        // ---- attendance ----
        'attendance_settings',
        'attendance_punches',
        'leave_balances',
        'leave_requests',
        // ---- end attendance ----
        // ---- appraisals (appr) ----
        'appraisal_settings',
        'appraisal_cycles',
        'appraisals',
        'appraisal_due',
        'meetings',
        'meeting_action_items',
        'work_plans',
        'work_plan_changes',
        // ---- end appraisals (appr) ----
      ]),
    );
    for (const t of tenantTables) {
      const r = await owner.query<{ branch_id: string }>(`SELECT DISTINCT branch_id FROM "${t}"`);
      const branches = r.rows.map((x) => x.branch_id);
      expect({ table: t, hasA: branches.includes(org1.a.id), hasB: branches.includes(org1.b.id) }).toEqual({
        table: t,
        hasA: true,
        hasB: true,
      });
      expect({ table: t, hasOrg2: branches.includes(org2.a.id) }).toEqual({ table: t, hasOrg2: true });
    }
  });

  // ---- budgets (stats) ----
  it('statistics downloads given another branch or organization answer as for a branch that does not exist', async () => {
    const base = api.url.replace(/\/graphql$/, '');
    const get = async (key: string, branch: string) => {
      const r = await fetch(
        `${base}/statistics/purchases.csv?period=MONTH&from=2026-01-01&to=2026-12-31&branchId=${branch}`,
        { headers: { authorization: `Bearer ${tokens[key]}` } },
      );
      return { status: r.status, body: await r.text() };
    };
    // Not vacuous: the own branch's download holds the seeded signed contract.
    expect((await get('managerA1', org1.a.id)).body.split('\r\n').filter(Boolean).length).toBeGreaterThan(1);
    const before = await snapshot();
    for (const [key, foreign] of [
      ['managerA1', org1.b.id],
      ['managerA1', org2.a.id],
      ['repA1', org1.b.id],
      ['financeA1', org1.b.id],
      ['managerB1', org1.a.id],
      ['admin1', org2.a.id],
      ['admin2', org1.a.id],
    ]) {
      const [a, b] = [await get(key, foreign), await get(key, randomUUID())];
      expect({ key, foreign, ...a }).toEqual({ key, foreign, ...b });
      expect({ key, lines: a.body.split('\r\n').filter(Boolean).length }).toEqual({ key, lines: 1 });
    }
    // A colleague's contracts are not a rep's: repA's own download lacks rep2A's signed contract.
    const own = await get('repA1', org1.a.id);
    expect(own.body).toContain('Alpha Rep One');
    expect(own.body).not.toContain('Alpha Rep Two');
    expect(await snapshot()).toEqual(before);
  });
  // ---- end budgets (stats) ----

  describe.each(ATTEMPTS.map((a) => [a.label, a.who, a.targets] as const))('%s', (_label, who, targets) => {
    it('every operation given foreign ids answers exactly as for a random id, and changes nothing', async () => {
      const me = who();
      let probes = 0;
      let before = await snapshot();
      for (const [targetName, slot] of targets()) {
        for (const c of CASES) {
          const id = slot[c.kind];
          if (!id) continue;
          if (c.colleagueAllowed && !slot.branch) continue;
          // ---- fulfillment ----
          if (c.orgLevel && (!slot.branch || orgOf(slot.branch) === orgOf(me.ownBranch))) continue;
          // ---- end fulfillment ----
          const send = (x: string) =>
            gql(api.url, c.doc, c.header ? {} : (c.vars ?? ((v: string) => ({ id: v })))(x, me), {
              token: me.token,
              branchId: c.header ? x : undefined,
            });
          const label = `${me.label} → ${targetName}: ${c.name}`;
          const foreign = await send(id);
          const random = randomUUID();
          const unknown = await send(random);
          const after = await snapshot();
          expect({ label, changed: after }).toEqual({ label, changed: before });
          before = after;
          expectNothingGiven(foreign, label);
          expect({ label, ...normalize(foreign, id) }).toEqual({ label, ...normalize(unknown, random) });
          probes++;
        }
      }
      expect(probes).toBeGreaterThanOrEqual(CASES.length - 6 - CASES.filter((c) => c.orgLevel).length);
      // Hundreds of probes, each two requests and a snapshot: minutes on a busy machine (5 of them once 6 test runs share 2 cores).
    }, 900_000);
  });

  it('createBranch and createUser by people who may not manage them are refused and change nothing', async () => {
    const before = await snapshot();
    const branch = 'mutation { createBranch(input: { code: "ZZ", name: "Probe branch" }) { id } }';
    for (const key of ['managerA1', 'repA1', 'financeA1', 'managerB1']) {
      const r = await gql(api.url, branch, {}, { token: tokens[key] });
      expect({ key, code: r.body.errors?.[0].extensions?.code }).toEqual({ key, code: 'FORBIDDEN' });
    }
    const user = `mutation($b: ID!, $role: Role!, $e: String!) { createUser(input: { branchId: $b, email: $e,
      displayName: "Probe", password: "probe-password-1", role: $role }) { id } }`;
    const tries: [string, string, string, string][] = [
      ['repA1', org1.a.id, 'SALES_REP', 'FORBIDDEN'],
      ['financeA1', org1.a.id, 'SALES_REP', 'FORBIDDEN'],
      ['managerA1', org1.a.id, 'HQ_ADMIN', 'BAD_USER_INPUT'],
      ['managerA1', org1.hq.id, 'HQ_ADMIN', 'FORBIDDEN'],
      ['admin2', org1.hq.id, 'HQ_ADMIN', 'FORBIDDEN'],
    ];
    for (const [key, b, role, code] of tries) {
      const r = await gql(
        api.url,
        user,
        { b, role, e: `probe.${key.toLowerCase()}@test.example` },
        { token: tokens[key] },
      );
      expect({ key, b, role, code: r.body.errors?.[0].extensions?.code }).toEqual({ key, b, role, code });
    }
    expect(await snapshot()).toEqual(before);
  });

  // ---- queue view ----
  it("queueViewLink: only the operating organization's head-office administrator; branches and the other organization are refused", async () => {
    // The queue holds every organization's jobs: the setting names one organization, here the first.
    const ops = await startApp(testConfig(db.url, { QUEUE_VIEW_ORGANIZATION_ID: org1.id }));
    try {
      const before = await snapshot();
      const link = 'mutation { queueViewLink { url expiresAt } }';
      for (const key of Object.keys(tokens)) {
        const r = await gql<{ queueViewLink: { url: string } }>(ops.url, link, {}, { token: tokens[key] });
        if (key === 'admin1') {
          expect(r.body.errors).toBeUndefined();
          const entered = await fetch(ops.url.replace(/\/graphql$/, '') + r.body.data!.queueViewLink.url, {
            redirect: 'manual',
          });
          expect(entered.status).toBe(303);
        } else {
          expect({ key, code: r.body.errors?.[0]?.extensions?.code, data: r.body.data ?? null }).toEqual({
            key,
            code: 'FORBIDDEN',
            data: null,
          });
        }
      }
      expect(await snapshot()).toEqual(before);
    } finally {
      await ops.close();
      await cleanRedis(ops.config);
    }
  });
  // ---- end queue view ----

  describe('what each person sees', () => {
    interface Conn {
      totalCount: number;
      edges: { node: { id: string; branchId: string; ownerId: string } }[];
    }
    const list = async (token: string, branchId?: string, filter: Record<string, unknown> = {}) => {
      const r = await gql<{ customers: Conn }>(
        api.url,
        `query($f: CustomerFilter) { customers(first: 100, filter: $f) { totalCount edges { node { id branchId ownerId } } } }`,
        { f: filter },
        { token, branchId },
      );
      expect(r.body.errors).toBeUndefined();
      const c = r.body.data!.customers;
      return { total: c.totalCount, ids: c.edges.map((e) => e.node.id).sort() };
    };

    it('a sales rep sees only the customers they own; the branch manager and finance see all of the branch', async () => {
      expect(await list(tokens.repA1)).toEqual({ total: 1, ids: [slots.A1.customer] });
      expect(await list(tokens.rep2A1)).toEqual({ total: 1, ids: [slots.A2.customer] });
      expect(await list(tokens.repA1, undefined, { ownerId: org1.users.rep2A.id })).toEqual({ total: 0, ids: [] });
      expect(await list(tokens.repA1, undefined, { search: 'Alpha' })).toEqual({ total: 1, ids: [slots.A1.customer] });
      const both = { total: 2, ids: sorted(slots.A1.customer, slots.A2.customer) };
      expect(await list(tokens.managerA1)).toEqual(both);
      expect(await list(tokens.financeA1)).toEqual(both);
      expect(await list(tokens.managerB1)).toEqual({ total: 1, ids: [slots.B1.customer] });
      expect(await list(tokens.managerA1, undefined, { search: 'Bravo' })).toEqual({ total: 0, ids: [] });

      const byId = async (token: string, id: string) =>
        (
          await gql<{ customer: { id: string; contacts: { id: string }[]; contactLogs: { id: string }[] } | null }>(
            api.url,
            'query($id: ID!) { customer(id: $id) { id contacts { id } contactLogs { id } } }',
            { id },
            { token },
          )
        ).body.data?.customer;
      expect(await byId(tokens.repA1, slots.A2.customer)).toBeNull();
      expect(await byId(tokens.managerA1, slots.A2.customer)).toEqual({
        id: slots.A2.customer,
        contacts: expect.arrayContaining([{ id: slots.A2.contact }, { id: slots.A2.freeContact }]),
        contactLogs: [{ id: slots.A2.log }],
      });
      expect(await byId(tokens.repA1, slots.A1.customer)).toEqual({
        id: slots.A1.customer,
        contacts: expect.arrayContaining([{ id: slots.A1.contact }, { id: slots.A1.freeContact }]),
        contactLogs: [{ id: slots.A1.log }],
      });
    });

    it('head office of org 1 sees branches A and B, and X-Branch-Id narrows; head office of org 2 sees none of it', async () => {
      const all = { total: 3, ids: sorted(slots.A1.customer, slots.A2.customer, slots.B1.customer) };
      expect(await list(tokens.admin1)).toEqual(all);
      expect(await list(tokens.admin1, org1.a.id)).toEqual({
        total: 2,
        ids: sorted(slots.A1.customer, slots.A2.customer),
      });
      expect(await list(tokens.admin1, org1.b.id)).toEqual({ total: 1, ids: [slots.B1.customer] });
      expect(await list(tokens.admin1, undefined, { branchId: org1.b.id })).toEqual({
        total: 1,
        ids: [slots.B1.customer],
      });
      expect(await list(tokens.admin1, org1.a.id, { branchId: org1.b.id })).toEqual({ total: 0, ids: [] });
      expect(await list(tokens.admin2)).toEqual({ total: 1, ids: [slots.X1.customer] });
      for (const s of ['Alpha', 'Bravo', 'One']) {
        const seen = await list(tokens.admin2, undefined, { search: s });
        expect(seen.ids.filter((id) => id !== slots.X1.customer)).toEqual([]);
      }
    });

    it('branches and me list only what the person may act in', async () => {
      const branches = async (token: string) =>
        (await gql<{ branches: { id: string }[] }>(api.url, '{ branches { id } }', {}, { token })).body
          .data!.branches.map((b) => b.id)
          .sort();
      expect(await branches(tokens.admin1)).toEqual(sorted(org1.hq.id, org1.a.id, org1.b.id));
      expect(await branches(tokens.admin2)).toEqual(sorted(org2.hq.id, org2.a.id, org2.b.id));
      expect(await branches(tokens.repA1)).toEqual([org1.a.id]);
      expect(await branches(tokens.managerB1)).toEqual([org1.b.id]);
      const me = await gql<{ me: { id: string; memberships: { branch: { id: string }; role: string }[] } }>(
        api.url,
        '{ me { id memberships { branch { id } role } } }',
        {},
        { token: tokens.repA1 },
      );
      expect(me.body.data!.me).toEqual({
        id: org1.users.repA.id,
        memberships: [{ branch: { id: org1.a.id }, role: 'SALES_REP' }],
      });
    });

    it('notifications: each person sees their own, in their own branch', async () => {
      const mine = async (token: string) => {
        const r = await gql<{ notifications: { totalCount: number; edges: { node: { id: string } }[] } }>(
          api.url,
          '{ notifications(first: 50) { totalCount edges { node { id } } } }',
          {},
          { token },
        );
        const n = r.body.data!.notifications;
        return { total: n.totalCount, ids: n.edges.map((e) => e.node.id) };
      };
      expect(await mine(tokens.repA1)).toEqual({ total: 1, ids: [slots.A1.notification] });
      expect(await mine(tokens.rep2A1)).toEqual({ total: 1, ids: [slots.A2.notification] });
      expect(await mine(tokens.repB1)).toEqual({ total: 1, ids: [slots.B1.notification] });
      expect(await mine(tokens.managerA1)).toEqual({ total: 0, ids: [] });
      expect(await mine(tokens.admin1)).toEqual({ total: 0, ids: [] });
      expect(await mine(tokens.repA2)).toEqual({ total: 1, ids: [slots.X1.notification] });
    });

    it('the same name may exist in two branches: a unique key never tells one branch about another', async () => {
      const r = await gql<{ createCustomer: { id: string } }>(
        api.url,
        'mutation { createCustomer(input: { name: "Alpha Rep One", tier: LOW }) { id } }',
        {},
        { token: tokens.managerB1 },
      );
      expect(r.body.errors).toBeUndefined();
      await owner.query('DELETE FROM audit_log WHERE entity_id = $1', [r.body.data!.createCustomer.id]);
      await owner.query('DELETE FROM customers WHERE id = $1', [r.body.data!.createCustomer.id]);
    });
  });

  it('the probes are not vacuous: the same operations on own ids succeed', async () => {
    const ok = async (token: string, doc: string, vars: Record<string, unknown>) => {
      const r = await gql(api.url, doc, vars, { token });
      expect({ doc, errors: r.body.errors }).toEqual({ doc, errors: undefined });
      return r.body.data as Record<string, Record<string, unknown>>;
    };
    const byName = (n: string) => CASES.find((c) => c.name === n)!.doc;
    const seeded = (await owner.query<{ id: string }>('SELECT id FROM audit_log')).rows.map((r) => r.id);
    const rep = tokens.repA1;
    expect((await ok(rep, byName('customer(id)'), { id: slots.A1.customer })).customer.id).toBe(slots.A1.customer);
    await ok(rep, byName('updateCustomer(id)'), { id: slots.A1.customer });
    await ok(rep, byName('addCustomerContact(customerId)'), { id: slots.A1.customer });
    await ok(rep, byName('updateCustomerContact(id)'), { id: slots.A1.contact });
    await ok(rep, byName('logContact(customerId)'), { id: slots.A1.customer });
    await ok(rep, byName('logContact(own customer, foreign contactId)'), {
      id: slots.A1.contact,
      customer: slots.A1.customer,
    });
    await ok(rep, byName('removeCustomerContact(id)'), { id: slots.A1.freeContact });
    await ok(rep, byName('markNotificationRead(id)'), { id: slots.A1.notification });
    expect((await ok(rep, byName('contract(id)'), { id: slots.A1.contract })).contract.id).toBe(slots.A1.contract);
    // The round first: a material edit sends the contract back to DRAFT, where no round is recorded.
    await ok(rep, byName('recordNegotiationRound(contractId)'), { id: slots.A1.contract });
    await ok(rep, byName('updateContract(id)'), { id: slots.A1.contract });
    await ok(rep, byName('submitSpecialTermsForApproval(id)'), { id: slots.A1.contract });
    expect((await ok(rep, byName('contractRisks(contractId)'), { id: slots.A1.contract })).contractRisks).toEqual([
      { id: slots.A1.risk },
    ]);
    await ok(rep, byName('addContractRisk(contractId)'), { id: slots.A1.contract });
    await ok(rep, byName('updateContractRisk(id)'), { id: slots.A1.risk });
    await ok(rep, byName('removeContractRisk(id)'), { id: slots.A1.risk });
    await ok(rep, byName('createContract(customerId)'), { id: slots.A1.customer, branch: null, owner: null });
    // ---------- quotes ----------
    expect((await ok(rep, byName('quote(id)'), { id: slots.A1.quote })).quote.id).toBe(slots.A1.quote);
    await ok(rep, byName('updateQuote(id)'), { id: slots.A1.quote });
    await ok(rep, byName('createQuote(customerId)'), { id: slots.A1.customer, branch: null, owner: null });
    expect(
      (await ok(rep, byName('submitQuoteForApproval(id)'), { id: slots.A1.quote })).submitQuoteForApproval.state,
    ).toBe('PENDING_APPROVAL');
    // ---- leads ----
    expect((await ok(rep, byName('lead(id)'), { id: slots.A1.lead })).lead.id).toBe(slots.A1.lead);
    await ok(rep, byName('addLeadNote(id)'), { id: slots.A1.lead });
    await ok(rep, byName('updateLead(id)'), { id: slots.A1.lead });
    await ok(rep, byName('screenLead(id)'), { id: slots.A1.lead });
    await ok(tokens.rep2A1, byName('convertLead(id)'), { id: slots.A2.lead });
    await ok(rep, byName('createLead(branchId)'), { id: org1.a.id, owner: undefined });
    await ok(tokens.managerA1, byName('createLead(ownerId)'), { id: org1.users.rep2A.id, branch: null });
    expect(
      (await ok(rep, byName('customer(id) { tierHistory purchases }'), { id: slots.A1.customer })).customer.tierHistory,
    ).toHaveLength(1);
    await ok(rep, byName('recordCustomerPurchase(customerId)'), { id: slots.A1.customer });
    await ok(tokens.managerA1, byName('tieringSettings(branchId)'), { id: org1.a.id });
    await ok(tokens.managerA1, byName('updateTieringSettings(branchId)'), { id: org1.a.id });
    await ok(tokens.admin1, byName('customerTierChanges(filter: { branchId })'), { id: org1.b.id });
    expect(
      (
        await ok(tokens.managerA1, byName('highValueCustomersWithoutAccountManager(filter: { branchId })'), {
          id: org1.a.id,
        })
      ).highValueCustomersWithoutAccountManager.totalCount,
    ).toBe(2);
    await ok(tokens.managerA1, byName('setCustomerAccountManager(own customer, accountManagerId: foreign user)'), {
      id: org1.users.rep2A.id,
      c: slots.A2.customer,
    });
    await ok(tokens.managerA1, byName('setCustomerAccountManager(customerId)'), { id: slots.A2.customer });
    // ---- end leads ----
    // ---- visits ----
    expect((await ok(rep, byName('visit(id)'), { id: slots.A1.visit })).visit.id).toBe(slots.A1.visit);
    await ok(rep, byName('updateVisit(id)'), { id: slots.A1.visit });
    await ok(rep, byName('updateVisitTask(id)'), { id: slots.A1.visitTask });
    await ok(rep, byName('completeVisitTask(id)'), { id: slots.A1.visitTask });
    await ok(rep, byName('planVisit(own customer, contactIds: foreign contact)'), {
      id: slots.A1.contact,
      customer: slots.A1.customer,
      branch: null,
      owner: null,
    });
    await ok(rep, byName('updateSatisfaction(id)'), { id: slots.A1.satisfaction });
    await ok(tokens.managerA1, byName('updateActivityQuotaSettings(branchId)'), { id: org1.a.id });
    expect(
      (await ok(rep, byName('repAttainment(filter: { branchId })'), { id: org1.a.id })).repAttainment.edges,
    ).toHaveLength(1);
    // ---- end visits ----
    // ---- complaints ----
    expect((await ok(rep, byName('complaint(id)'), { id: slots.A1.complaint })).complaint.id).toBe(slots.A1.complaint);
    await ok(rep, byName('recordComplaintRootCause(id)'), { id: slots.A1.complaint });
    await ok(rep, byName('createComplaint(customerId)'), { id: slots.A1.customer, branch: null, owner: null });
    await ok(tokens.managerA1, byName('updateComplaintSettings(branchId)'), { id: org1.a.id });
    // ---- end complaints ----
    // ---- finance ----
    const fin = tokens.financeA1;
    expect((await ok(fin, byName('receipt(id)'), { id: slots.A1.receipt })).receipt.id).toBe(slots.A1.receipt);
    expect(
      (await ok(fin, byName('receivables(by: CONTRACT, filter: { contractId })'), { id: slots.A1.contract }))
        .receivables.edges,
    ).toHaveLength(1);
    expect((await ok(fin, byName('branchReceivables(branchId)'), { id: org1.a.id })).branchReceivables).toHaveLength(1);
    await ok(fin, byName('applyReceipt(own receipt, foreign instalment)'), {
      id: slots.A1.instalment,
      r: slots.A1.receipt,
    });
    await ok(fin, byName('recordReceipt(customerId)'), { id: slots.A1.customer });
    await ok(fin, byName('reverseReceipt(id)'), { id: slots.A1.receipt });
    // ---- end finance ----
    // ---- documents ----
    expect((await ok(rep, byName('file(id)'), { id: slots.A1.file })).file.id).toBe(slots.A1.file);
    expect((await ok(rep, byName('fileLink(id)'), { id: slots.A1.file })).fileLink.url).toContain(slots.A1.file);
    expect((await ok(rep, byName('document(id)'), { id: slots.A1.document })).document.id).toBe(slots.A1.document);
    await ok(rep, byName('updateDocument(id)'), { id: slots.A1.document });
    await ok(tokens.managerA1, byName('documentReads(documentId)'), { id: slots.A1.document });
    await ok(tokens.managerA1, byName('revokeDocumentAccess(documentId)'), {
      id: slots.A1.document,
      u: org1.users.repA.id,
    });
    await ok(tokens.managerA1, byName('grantDocumentAccess(documentId)'), {
      id: slots.A1.document,
      u: org1.users.repA.id,
    });
    await ok(rep, byName('createDocument(fileId)'), { id: slots.A1.file, branch: null });
    // ---- end documents ----
    // ---- performance targets ----
    await ok(tokens.admin1, byName('setKpiTarget(branchId)'), { id: org1.a.id });
    await ok(tokens.managerA1, byName('splitKpiTarget(branchId)'), { id: org1.a.id, p: org1.users.repA.id });
    await ok(tokens.managerA1, byName('splitKpiTarget(personId)'), { id: org1.users.rep2A.id, b: null });
    const own = (await ok(rep, byName('kpiAttainment(by: PERSON, branchId)'), { id: org1.a.id })).kpiAttainment;
    expect(own).toEqual([expect.objectContaining({ personId: org1.users.repA.id, target: '1.00' })]);
    // ---- end performance targets ----
    // ---- attendance ----
    expect(
      (await ok(tokens.managerA1, byName('attendanceStatement(personId)'), { id: org1.users.repA.id }))
        .attendanceStatement.personId,
    ).toBe(org1.users.repA.id);
    await ok(tokens.managerA1, byName('attendanceSettings(branchId)'), { id: org1.a.id });
    await ok(tokens.managerA1, byName('updateAttendanceSettings(branchId)'), { id: org1.a.id });
    expect(
      (await ok(tokens.managerA1, byName('leaveBalances(personId)'), { id: org1.users.repA.id })).leaveBalances,
    ).toEqual([expect.objectContaining({ personId: org1.users.repA.id, entitled: 10 })]);
    await ok(tokens.managerA1, byName('setLeaveEntitlement(personId)'), { id: org1.users.rep2A.id, b: null });
    await ok(tokens.managerA1, byName('setLeaveEntitlement(branchId)'), { id: org1.a.id, p: org1.users.repA.id });
    // ---- end attendance ----
    // ---- appraisals (appr) ----
    const a1 = slots.A1.appraisal;
    expect((await ok(rep, byName('appraisal(id)'), { id: a1 })).appraisal).toEqual({
      id: a1,
      state: 'SELF_ASSESSMENT',
    });
    expect(
      (await ok(tokens.managerA1, byName('appraisals(filter: { cycleId })'), { id: slots.A1.appraisalCycle }))
        .appraisals,
    ).toEqual(expect.arrayContaining([{ id: a1, personId: org1.users.repA.id }]));
    expect(
      (await ok(tokens.managerA1, byName('appraisals(filter: { personId })'), { id: org1.users.repA.id })).appraisals,
    ).toEqual([{ id: a1, personId: org1.users.repA.id }]);
    expect(
      (await ok(tokens.managerA1, byName('appraisalCycles(filter: { branchId })'), { id: org1.a.id })).appraisalCycles,
    ).toEqual([{ id: slots.A1.appraisalCycle, period: '2026-10' }]);
    await ok(tokens.managerA1, byName('appraisalSettings(branchId)'), { id: org1.a.id });
    await ok(tokens.managerA1, byName('updateAppraisalSettings(branchId)'), { id: org1.a.id });
    await ok(rep, byName('selfAssessAppraisal(id)'), { id: a1 });
    await ok(tokens.managerA1, byName('scoreAppraisal(id)'), { id: a1 });
    await ok(tokens.admin1, byName('returnAppraisal(id)'), { id: a1 });
    await ok(tokens.managerA1, byName('scoreAppraisal(id)'), { id: a1 });
    await ok(tokens.admin1, byName('checkAppraisal(id)'), { id: a1 });
    const m1 = slots.A1.meeting;
    expect((await ok(rep, byName('meeting(id)'), { id: m1 })).meeting).toEqual({
      id: m1,
      actionItems: [{ id: slots.A1.actionItem }],
    });
    expect(
      (await ok(rep, byName('meetings(filter: { branchId })'), { id: org1.a.id })).meetings as unknown as {
        id: string;
      }[],
    ).toEqual(expect.arrayContaining([expect.objectContaining({ id: m1 })]));
    await ok(tokens.managerA1, byName('updateMeeting(id)'), { id: m1 });
    await ok(tokens.managerA1, byName('createMeeting(branchId)'), { id: org1.a.id });
    await ok(tokens.managerA1, byName('addMeetingActionItem(meetingId)'), {
      id: m1,
      o: org1.users.managerA.id,
    });
    await ok(rep, byName('completeMeetingActionItem(id)'), { id: slots.A1.actionItem });
    const p1 = slots.A1.workPlan;
    expect((await ok(rep, byName('workPlan(id)'), { id: p1 })).workPlan).toEqual({ id: p1, content: 'Ten visits' });
    expect(
      (await ok(tokens.managerA1, byName('workPlans(filter: { personId })'), { id: org1.users.repA.id })).workPlans,
    ).toEqual([{ id: p1 }]);
    expect((await ok(rep, byName('workPlanChanges(planId)'), { id: p1 })).workPlanChanges).toHaveLength(1);
    await ok(rep, byName('proposeWorkPlanChange(planId)'), { id: p1 });
    // ---- end appraisals (appr) ----
    // ---- documents integrity ----
    const problemIds = (
      await ok(tokens.managerA1, byName('fileIntegrityProblems(filter: { branchId })'), { id: org1.a.id })
    ).fileIntegrityProblems as unknown as { edges: { node: { id: string } }[] };
    const problemIdList = problemIds.edges.map((e) => e.node.id);
    expect(problemIdList.sort()).toEqual([slots.A1.integrityProblem, slots.A2.integrityProblem].sort());
    await ok(tokens.managerA1, byName('resolveFileIntegrityProblem(id)'), { id: slots.A1.integrityProblem });
    expect((await ok(rep, byName('documentLoan(id)'), { id: slots.A1.loan })).documentLoan.id).toBe(slots.A1.loan);
    expect(
      (await ok(rep, byName('documentLoans(filter: { documentId })'), { id: slots.A1.issuedDocument })).documentLoans
        .totalCount,
    ).toBe(1);
    await ok(rep, byName('requestDocumentLoan(documentId)'), { id: slots.A1.issuedDocument });
    await ok(rep, byName('renewDocumentLoan(id)'), { id: slots.A1.loan });
    await ok(tokens.managerA1, byName('returnDocumentLoan(id)'), { id: slots.A1.loan });
    // ---- end documents integrity ----
    // ---- document shares ----
    const mgrA = tokens.managerA1;
    expect(
      (await ok(mgrA, byName('ndaRecords(filter: { branchId })'), { id: org1.a.id })).ndaRecords.totalCount,
    ).toBeGreaterThanOrEqual(1);
    expect(
      (await ok(mgrA, byName('documentShares(filter: { documentId })'), { id: slots.A1.issuedDocument })).documentShares
        .totalCount,
    ).toBe(1);
    await ok(mgrA, byName('recordNda(fileId)'), { id: slots.A1.ndaFile, branch: null });
    await ok(mgrA, byName('recordNda(branchId)'), { id: org1.a.id, f: slots.A1.ndaFile });
    await ok(mgrA, byName('shareDocumentExternally(documentId)'), { id: slots.A1.issuedDocument, nda: slots.A1.nda });
    await ok(mgrA, byName('shareDocumentExternally(ndaId)'), { id: slots.A1.nda, d: slots.A1.issuedDocument });
    await ok(mgrA, byName('revokeDocumentShare(id)'), { id: slots.A1.share });
    // ---- end document shares ----
    const mgr = tokens.managerA1;
    await ok(mgr, byName('updateBranchSettings(branchId)'), { id: org1.a.id });
    await ok(mgr, byName('updateContractSettings(branchId)'), { id: org1.a.id });
    await ok(mgr, byName('createCustomer(ownerId)'), { id: org1.users.rep2A.id, branch: null });
    const reassign = byName('updateCustomer(own id, ownerId: foreign user)');
    await ok(mgr, reassign, { id: org1.users.rep2A.id, customer: slots.A1.customer });
    await ok(mgr, reassign, { id: org1.users.repA.id, customer: slots.A1.customer });
    await ok(mgr, byName('archiveCustomer(id)'), { id: slots.A1.customer });
    await ok(mgr, byName('createUser(branchId)'), { id: org1.a.id, email: 'probe.control@test.example' });
    const hq = tokens.admin1;
    await ok(hq, byName('createCustomer(branchId)'), { id: org1.b.id, owner: org1.users.repB.id });
    // ---- research ----
    expect((await ok(rep, byName('researchItem(id)'), { id: slots.A1.researchItem })).researchItem.id).toBe(
      slots.A1.researchItem,
    );
    await ok(rep, byName('updateResearchItem(id)'), { id: slots.A1.researchItem });
    expect((await ok(rep, byName('researchDigest(id)'), { id: slots.A1.researchDigest })).researchDigest.id).toBe(
      slots.A1.researchDigest,
    );
    expect(
      (await ok(rep, byName('researchItems(filter: { branchId })'), { id: org1.a.id })).researchItems.totalCount,
    ).toBe(2);
    expect(
      (await ok(mgr, byName('researchDigests(filter: { branchId })'), { id: org1.a.id })).researchDigests.totalCount,
    ).toBe(2);
    await ok(mgr, byName('researchSettings(branchId)'), { id: org1.a.id });
    await ok(mgr, byName('updateResearchSettings(branchId)'), { id: org1.a.id });
    await ok(hq, byName('createResearchItem(branchId)'), { id: org1.b.id });
    expect((await ok(rep, byName('competitor(id)'), { id: slots.A1.competitor })).competitor.id).toBe(
      slots.A1.competitor,
    );
    await ok(rep, byName('updateCompetitor(id)'), { id: slots.A1.competitor });
    await ok(rep, byName('recordCompetitorObservation(competitorId)'), { id: slots.A1.competitor });
    await ok(rep, 'query($a: ID!, $b: ID!) { competitorComparison(ids: [$a, $b]) { competitor { id } } }', {
      a: slots.A1.competitor,
      b: slots.A2.competitor,
    });
    expect((await ok(rep, byName('marketSegment(id)'), { id: slots.A1.segment })).marketSegment.id).toBe(
      slots.A1.segment,
    );
    await ok(rep, byName('updateMarketSegment(id)'), { id: slots.A1.segment });
    await ok(rep, byName('addSegmentPersona(segmentId)'), { id: slots.A1.segment });
    await ok(rep, byName('updateSegmentPersona(id)'), { id: slots.A1.persona });
    await ok(hq, byName('createCompetitor(branchId)'), { id: org1.b.id });
    await ok(hq, byName('createMarketSegment(branchId)'), { id: org1.b.id });
    await ok(rep, byName('createResearchEvent(attendeeIds)'), { id: org1.users.rep2A.id, branch: null });
    expect((await ok(rep, byName('demandSurvey(id)'), { id: slots.A1.survey })).demandSurvey.id).toBe(slots.A1.survey);
    await ok(rep, byName('recordSurveyResponse(surveyId)'), { id: slots.A1.survey });
    await ok(rep, byName('reportSurveyFindings(id)'), { id: slots.A1.survey });
    expect((await ok(rep, byName('marketingPlan(id)'), { id: slots.A1.plan })).marketingPlan.id).toBe(slots.A1.plan);
    await ok(rep, byName('addPlanMilestone(planId)'), { id: slots.A1.plan });
    await ok(rep, byName('setPlanMilestoneDone(id)'), { id: slots.A1.milestone2 });
    expect((await ok(rep, byName('campaign(id)'), { id: slots.A1.campaign })).campaign.id).toBe(slots.A1.campaign);
    await ok(rep, byName('updateCampaign(id)'), { id: slots.A1.campaign });
    await ok(rep, byName('createCampaign(planId)'), { id: slots.A1.plan, branch: null });
    expect(
      (await ok(mgr, byName('campaignEvaluations(filter: { branchId })'), { id: org1.a.id })).campaignEvaluations
        .totalCount,
    ).toBe(3);
    await ok(hq, byName('createDemandSurvey(branchId)'), { id: org1.b.id });
    await ok(hq, byName('createMarketingPlan(branchId)'), { id: org1.b.id });
    await ok(hq, byName('createCampaign(branchId)'), { id: org1.b.id });
    // ---- end research ----
    // The approval operations, on ids of one's own.
    const request = (await ok(rep, byName('approvalRequest(id)'), { id: slots.A1.request })).approvalRequest;
    expect(request.id).toBe(slots.A1.request);
    await ok(rep, byName('commentOnApproval(requestId)'), { id: slots.A1.request });
    await ok(mgr, byName('approvalPolicy(branchId)'), { id: org1.a.id });
    await ok(mgr, byName('setApprovalPolicy(branchId)'), { id: org1.a.id });
    await ok(mgr, byName('setApprovalPolicy(named approver: foreign user)'), {
      id: org1.users.financeA.id,
      branch: null,
    });
    await ok(mgr, byName('branchCalendar(branchId)'), { id: org1.a.id });
    await ok(mgr, byName('setBranchCalendar(branchId)'), { id: org1.a.id });
    await ok(mgr, byName('setApprovalDelegation(delegateId)'), { id: org1.users.rep2A.id });
    await ok(mgr, byName('delegateStep(own step, toUserId: foreign user)'), {
      id: org1.users.financeA.id,
      step: slots.A1.step,
    });
    expect((await ok(mgr, byName('approveStep(stepId)'), { id: slots.A1.step })).approveStep.status).toBe('APPROVED');
    await ok(tokens.rep2A1, byName('withdrawApproval(requestId)'), { id: slots.A2.request });
    expect((await ok(tokens.managerB1, byName('rejectStep(stepId)'), { id: slots.B1.step })).rejectStep.status).toBe(
      'REJECTED',
    );
    expect((await ok(tokens.managerA2, byName('returnStep(stepId)'), { id: slots.X1.step })).returnStep.status).toBe(
      'RETURNED',
    );
    await ok(hq, byName('stalledApprovals(branchId)'), { id: org1.a.id });
    await ok(hq, byName('approvalOverview with X-Branch-Id'), {});
    // ---- dashboard figures ----
    for (const name of ['salesPipeline(branchId)', 'approvalCycleTimes(branchId)', 'customerTierCounts(branchId)'])
      expect(Object.values(await ok(hq, byName(name), { id: org1.a.id }))[0]).toEqual(expect.any(Array));
    const ownPipeline = await ok(hq, byName('salesPipeline(branchId)'), { id: org1.a.id });
    expect((ownPipeline.salesPipeline as unknown as { branchId: string }[]).map((p) => p.branchId)).toEqual([
      org1.a.id,
    ]);
    const pending = await ok(hq, byName('pendingApprovals(branchId)'), { id: org1.a.id });
    expect(pending.pendingApprovals.totalCount).toBeGreaterThan(0);
    // ---- end dashboard figures ----
    // ---- channels ----
    expect((await ok(rep, byName('partner(id)'), { id: slots.A1.partner })).partner.id).toBe(slots.A1.partner);
    await ok(rep, byName('updatePartner(id)'), { id: slots.A1.partner });
    await ok(rep, byName('addPartnerContact(partnerId)'), { id: slots.A1.partner });
    await ok(rep, byName('createPartnerAgreement(partnerId)'), { id: slots.A1.partner });
    await ok(rep, byName('updatePartnerAgreement(id)'), { id: slots.A1.partnerAgreement });
    await ok(rep, byName('terminatePartnerAgreement(id)'), { id: slots.A1.partnerAgreement });
    await ok(rep, byName('partners(filter: { branchId })'), { id: org1.a.id });
    await ok(rep, byName('partnerScorecard(partnerId)'), { id: slots.A1.partner });
    await ok(rep, byName('openPartnerDispute(partnerId)'), { id: slots.A1.partner });
    await ok(rep, byName('recordPartnerSupport(partnerId)'), { id: slots.A1.partner });
    await ok(rep, byName('recordPartnerEndUser(partnerId)'), { id: slots.A1.partner });
    expect(
      (await ok(rep, byName('partnerDisputes(filter: { partnerId })'), { id: slots.A1.partner })).partnerDisputes
        .totalCount,
    ).toBe(2);
    await ok(mgr, byName('createPartner(ownerId)'), { id: org1.users.rep2A.id, branch: null });
    await ok(mgr, byName('updatePartner(own id, ownerId: foreign user)'), {
      id: org1.users.rep2A.id,
      partner: slots.A1.partner,
    });
    await ok(hq, byName('createPartner(branchId)'), { id: org1.b.id, owner: org1.users.repB.id });
    await ok(mgr, byName('handlePartnerDispute(own dispute, handlerId: foreign user)'), {
      id: org1.users.rep2A.id,
      d: slots.A1.partnerDispute,
    });
    await ok(mgr, byName('closePartnerDispute(id)'), { id: slots.A1.partnerDispute });
    await ok(mgr, byName('channelSettings(branchId)'), { id: org1.a.id });
    await ok(mgr, byName('updateChannelSettings(branchId)'), { id: org1.a.id });
    expect(
      (await ok(mgr, byName('recordPartnerEvaluation(partnerId)'), { id: slots.A2.partner })).recordPartnerEvaluation
        .tier,
    ).toBe('D');
    expect(
      (await ok(hq, byName('partnerScorecards(filter: { branchId })'), { id: org1.a.id })).partnerScorecards.totalCount,
    ).toBe(3);
    const tiers = (await ok(hq, byName('partnerCountsByTier(branchId)'), { id: org1.b.id })).partnerCountsByTier;
    expect(tiers).toEqual([
      { branch: { id: org1.b.id }, tier: 'B', count: 1 },
      { branch: { id: org1.b.id }, tier: null, count: 1 },
    ]);
    // ---- end channels ----
    // Audit rows were written for each, in the branch of the change.
    const audit = await owner.query<{ branch_id: string; n: number }>(
      `SELECT branch_id, count(*)::int AS n FROM audit_log WHERE entity <> 'seed' AND NOT (id = ANY($1)) GROUP BY 1`,
      [seeded],
    );
    expect(audit.rows.map((r) => r.branch_id).sort()).toEqual(sorted(org1.a.id, org1.b.id, org2.a.id));
  });

  // ---- fulfillment ----
  it('fulfillment probes are not vacuous: own organization and branch ids succeed', async () => {
    const ok = async (token: string, doc: string, vars: Record<string, unknown>) => {
      const r = await gql(api.url, doc, vars, { token });
      expect({ doc, errors: r.body.errors }).toEqual({ doc, errors: undefined });
      return r.body.data as Record<string, Record<string, unknown>>;
    };
    const byName = (n: string) => CASES.find((c) => c.name === n)!.doc;
    // A branch of org 1 reads a product and a vendor its head office keeps (here: seeded with branch B's slot).
    expect((await ok(tokens.managerA1, byName('product(id)'), { id: slots.B1.product })).product.id).toBe(
      slots.B1.product,
    );
    expect((await ok(tokens.repA1, byName('vendor(id)'), { id: slots.B1.vendor })).vendor.id).toBe(slots.B1.vendor);
    await ok(tokens.managerA1, byName('setBranchPrice(productId)'), { id: slots.B1.product, branch: null });
    await ok(tokens.admin1, byName('updateProduct(id)'), { id: slots.A1.product });
    await ok(tokens.admin1, byName('addVendorContact(vendorId)'), { id: slots.A1.vendor });
    const levels = await ok(tokens.managerA1, byName('stockLevels(filter: { locationId })'), { id: slots.A1.location });
    expect(levels.stockLevels.totalCount).toBe(1);
    await ok(tokens.managerA1, byName('receiveStock(locationId)'), { id: slots.A1.location, p: slots.A1.product });
    await ok(tokens.managerA1, byName('issueStock(locationId)'), { id: slots.A1.location, p: slots.A1.product });
    const moves = await ok(tokens.managerA1, byName('stockMovements(productId)'), { id: slots.A1.product });
    expect(moves.stockMovements.totalCount).toBe(3);
    const values = await ok(tokens.admin1, byName('stockValues(branchId)'), { id: org1.b.id });
    expect(values.stockValues).toEqual([{ branchId: org1.b.id, value: '300.00' }]);
    const shipments = await ok(tokens.managerA1, byName('shipments(filter: { orderId })'), {
      id: slots.A1.releasedOrder,
    });
    expect(shipments.shipments.totalCount).toBe(1);
    await ok(tokens.managerA1, byName('orderShipping(orderId)'), { id: slots.A1.releasedOrder });
    await ok(tokens.managerA1, byName('createShipment(orderLineId)'), {
      id: slots.A1.releasedOrderLine,
      o: slots.A1.releasedOrder,
      p: slots.A1.product,
    });
    await ok(tokens.managerA1, byName('createShipment(locationId)'), {
      id: slots.A1.location,
      o: slots.A1.releasedOrder,
      l: slots.A1.releasedOrderLine,
      p: slots.A1.product,
    });
    await ok(tokens.managerA1, byName('recordShipmentEvent(id)'), { id: slots.A1.shipment });
    await ok(tokens.managerB1, byName('cancelShipment(id)'), { id: slots.B1.shipment });
  });
  // ---- end fulfillment ----
  // ---- shipping rule ----
  it('shipping-rule probes are not vacuous: own branch ids list the seeded breach and figures', async () => {
    const ok = async (token: string, doc: string, vars: Record<string, unknown>) => {
      const r = await gql(api.url, doc, vars, { token });
      expect({ doc, errors: r.body.errors }).toEqual({ doc, errors: undefined });
      return r.body.data as Record<string, Record<string, unknown>>;
    };
    const byName = (n: string) => CASES.find((c) => c.name === n)!.doc;
    const mine = await ok(tokens.managerA1, byName('shippingBreaches(filter: { branchId })'), { id: org1.a.id });
    const edges = mine.shippingBreaches.edges as { node: { id: string } }[];
    expect(edges.map((e) => e.node.id).sort()).toEqual([slots.A1.releasedOrder, slots.A2.releasedOrder].sort());
    const hq = await ok(tokens.admin1, byName('shippingBreaches(filter: { branchId })'), { id: org1.b.id });
    expect(hq.shippingBreaches.edges).toEqual([{ node: { id: slots.B1.releasedOrder } }]);
    const times = await ok(tokens.admin1, byName('signingToShipment(branchId)'), { id: org1.b.id });
    expect(times.signingToShipment).toEqual([{ branchId: org1.b.id, signed: 1, breaches: 1, awaitingRelease: 0 }]);
  });
  // ---- end shipping rule ----
  // ---- delivery ----
  it('delivery probes are not vacuous: the own branch records a receipt with its file, accepts, the order closes', async () => {
    const call = (token: string, doc: string, vars: Record<string, unknown>) => gql(api.url, doc, vars, { token });
    const byName = (n: string) => CASES.find((c) => c.name === n)!.doc;
    const s = slots.A1.deliveredShipment;
    const receipt = await call(tokens.managerA1, byName('recordDeliveryReceipt(scanFileId)'), {
      id: slots.A1.file,
      s,
    });
    expect(receipt.body).toEqual({ data: { recordDeliveryReceipt: { id: s, status: 'RECEIPT_SIGNED' } } });
    const accepted = await call(tokens.managerA1, byName('acceptShipment(id)'), { id: s });
    expect(accepted.body).toEqual({ data: { acceptShipment: { id: s, status: 'ACCEPTED' } } });
    const order = await owner.query<{ state: string }>(
      'SELECT o.state FROM orders o JOIN shipments s ON s.branch_id = o.branch_id AND s.id = $1 AND o.id = s.order_id',
      [s],
    );
    expect(order.rows).toEqual([{ state: 'CLOSED' }]);
  });
  // ---- end delivery ----
  // ---- purchase orders and RMA (po) ----
  it('purchase order and RMA probes are not vacuous: own ids succeed', async () => {
    const ok = async (token: string, doc: string, vars: Record<string, unknown>) => {
      const r = await gql(api.url, doc, vars, { token });
      expect({ doc, errors: r.body.errors }).toEqual({ doc, errors: undefined });
      return r.body.data as Record<string, Record<string, unknown>>;
    };
    const byName = (n: string) => CASES.find((c) => c.name === n)!.doc;
    const m = tokens.managerA1;
    // Branch A's second slot: the other fulfillment probes count the first slot's stock movements.
    const po = await ok(m, byName('purchaseOrder(id)'), { id: slots.A2.purchaseOrder });
    expect(po.purchaseOrder.id).toBe(slots.A2.purchaseOrder);
    const listed = await ok(m, byName('purchaseOrders(filter: { orderId })'), { id: slots.A2.releasedOrder });
    expect(listed.purchaseOrders.totalCount).toBe(1);
    await ok(m, byName('createPurchaseOrder(orderId)'), {
      o: slots.A2.releasedOrder,
      l: slots.A2.releasedOrderLine,
      p: slots.A2.product,
      m: slots.A2.vendor,
    });
    const received = await ok(m, byName('receivePurchaseOrder(id)'), {
      po: slots.A2.purchaseOrder,
      loc: slots.A2.location,
      line: slots.A2.purchaseOrderLine,
    });
    expect(received.receivePurchaseOrder.state).toBe('RECEIVED');
    await ok(m, byName('closePurchaseOrder(id)'), { id: slots.A2.purchaseOrder });
    const rep = tokens.repA1;
    expect((await ok(rep, byName('rma(id)'), { id: slots.A1.rma })).rma.id).toBe(slots.A1.rma);
    const rmas = await ok(rep, byName('rmas(filter: { customerId })'), { id: slots.A1.customer });
    expect(rmas.rmas.totalCount).toBe(1);
    await ok(rep, byName('createRma(customerId)'), { id: slots.A1.customer, branch: null, owner: null });
    await ok(rep, byName('moveRma(id)'), { id: slots.A1.rma });
    await ok(m, byName('updateRmaSettings(branchId)'), { id: org1.a.id });
    const ages = await ok(tokens.admin1, byName('openRmasByAge(branchId)'), { id: org1.a.id });
    expect((ages.openRmasByAge as unknown as unknown[]).length).toBeGreaterThan(0);
  });
  // ---- end purchase orders and RMA (po) ----
  // ---- reconciliation (recon) ----
  it('reconciliation probes are not vacuous: own statements, lines and instruments are found and answered', async () => {
    const call = (token: string, doc: string, vars: Record<string, unknown>) => gql(api.url, doc, vars, { token });
    const byName = (n: string) => CASES.find((c) => c.name === n)!.doc;
    const fin = tokens.financeA1;
    const got = await call(fin, byName('reconciliationStatement(id)'), { id: slots.A1.statement });
    expect(got.body.data).toMatchObject({ reconciliationStatement: { id: slots.A1.statement, closing: '1130.00' } });
    const listed = await call(fin, byName('reconciliationStatements(filter: { customerId })'), {
      id: slots.A1.customer,
    });
    expect(listed.body.data).toMatchObject({ reconciliationStatements: { totalCount: 1 } });
    const breaches = await call(fin, byName('instrumentBreaches(branchId)'), { id: org1.a.id });
    const ids = (
      breaches.body.data as { instrumentBreaches: { edges: { node: { id: string } }[] } }
    ).instrumentBreaches.edges.map((e) => e.node.id);
    expect(ids).toEqual(expect.arrayContaining([slots.A1.instrument, slots.A2.instrument]));
    const handed = await call(fin, byName('recordInstrumentHandover(receiptId)'), {
      id: slots.A1.instrument,
      u: org1.users.repA.id,
    });
    expect(handed.body.errors).toBeUndefined();
    const disputed = await call(fin, byName('disputeReconciliationStatement(foreign lineId)'), {
      id: slots.A1.statementLine,
      s: slots.A1.statement,
    });
    expect(disputed.body.data).toEqual({
      disputeReconciliationStatement: { id: slots.A1.statement, state: 'DISPUTED' },
    });
    const resolved = await call(fin, byName('resolveStatementLine(lineId)'), { id: slots.A1.statementLine });
    expect(resolved.body.data).toEqual({ resolveStatementLine: { id: slots.A1.statement, state: 'RESOLVED' } });
  });

  it('reconciliation PDF downloads: another branch’s or organization’s statement answers exactly as an unknown one', async () => {
    const base = api.url.replace(/\/graphql$/, '');
    const download = async (token: string, id: string) => {
      const r = await fetch(`${base}/reconciliation-statements/${id}/pdf`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = Buffer.from(await r.arrayBuffer());
      return { status: r.status, type: r.headers.get('content-type') ?? '', body };
    };
    const own = await download(tokens.financeA1, slots.A1.statement);
    expect([own.status, own.type, own.body.subarray(0, 5).toString('latin1')]).toEqual([
      200,
      'application/pdf',
      '%PDF-',
    ]);
    const probes: [string, string][] = [
      ['managerA1', slots.B1.statement],
      ['managerA1', slots.X1.statement],
      ['financeA1', slots.B1.statement],
      ['managerB1', slots.A1.statement],
    ];
    for (const [who, id] of probes) {
      const foreign = await download(tokens[who], id);
      const random = randomUUID();
      const unknown = await download(tokens[who], random);
      expect({ who, status: foreign.status, body: foreign.body.toString().replaceAll(id, 'ID') }).toEqual({
        who,
        status: unknown.status,
        body: unknown.body.toString().replaceAll(random, 'ID'),
      });
      expect(foreign.status).toBe(404);
    }
    // A sales rep may not read statements at all: the same refusal for their own branch's and another's.
    const rep = [await download(tokens.repA1, slots.A1.statement), await download(tokens.repA1, slots.B1.statement)];
    expect(rep.map((r) => r.status)).toEqual([403, 403]);
  });
  // ---- end reconciliation (recon) ----
  // ---- returns ----
  it('returns probes are not vacuous: the own branch reads its return and checks it; the owner rep reads it', async () => {
    const call = (token: string, doc: string, vars: Record<string, unknown>) => gql(api.url, doc, vars, { token });
    const byName = (n: string) => CASES.find((c) => c.name === n)!.doc;
    const id = slots.A1.goodsReturn;
    const read = await call(tokens.repA1, byName('goodsReturn(id)'), { id });
    expect((read.body.data as { goodsReturn: { id: string } }).goodsReturn.id).toBe(id);
    const listed = await call(tokens.managerA1, byName('goodsReturns(filter: { shipmentId })'), {
      id: slots.A1.acceptedShipment,
    });
    expect((listed.body.data as { goodsReturns: { totalCount: number } }).goodsReturns.totalCount).toBe(1);
    const checked = await call(tokens.managerA1, byName('checkGoodsReturn(id)'), { id });
    expect(checked.body).toEqual({ data: { checkGoodsReturn: { id, status: 'GOODS_CHECKED' } } });
  });
  // ---- end returns ----

  describe('the SQL wall, as the runtime role the app uses', () => {
    let rt: pg.Client;

    /** Connects the way the API's pool does: superuser login, session role = the runtime role. */
    async function runtimeClient(): Promise<pg.Client> {
      const c = new pg.Client({ connectionString: db.url, options: `-c role=${runtimeRole}` });
      await c.connect();
      return c;
    }

    /** Runs one statement in a savepoint; returns its row count or the SQLSTATE it failed with. */
    async function attempt(c: pg.Client, sql: string, params: unknown[] = []) {
      await c.query('SAVEPOINT probe');
      try {
        const r = await c.query(sql, params);
        await c.query('RELEASE SAVEPOINT probe');
        return { rows: r.rows as Record<string, unknown>[], count: r.rowCount ?? 0, code: undefined };
      } catch (e) {
        await c.query('ROLLBACK TO SAVEPOINT probe');
        return { rows: [], count: 0, code: (e as { code?: string }).code ?? 'error' };
      }
    }

    /** Opens a transaction with the settings Database.begin() sends for a tenant transaction. */
    const scope = async (c: pg.Client, branches: string[], extra: { userId?: string; ownOnly?: boolean } = {}) => {
      const parts = [`set_config('app.branch_ids', $1, true)`];
      const params: unknown[] = [`{${branches.join(',')}}`];
      if (extra.userId) {
        params.push(extra.userId);
        parts.push(`set_config('app.user_id', $${params.length}, true)`);
      }
      if (extra.ownOnly) parts.push(`set_config('app.own_only', 'on', true)`);
      await c.query('BEGIN');
      await c.query(`SELECT ${parts.join(', ')}`, params);
    };

    const privileges = async (t: string) =>
      (
        await owner.query<{ s: boolean; i: boolean; u: boolean; d: boolean }>(
          `SELECT has_table_privilege($1, $2, 'SELECT') AS s, has_table_privilege($1, $2, 'INSERT') AS i,
                  has_table_privilege($1, $2, 'UPDATE') AS u, has_table_privilege($1, $2, 'DELETE') AS d`,
          [runtimeRole, `public."${t}"`],
        )
      ).rows[0];

    beforeAll(async () => {
      rt = await runtimeClient();
    });

    afterAll(async () => {
      await rt?.end();
    });

    it('the connection really is the runtime role: no superuser, no BYPASSRLS, not the tables owner', async () => {
      const r = await rt.query(
        `SELECT current_user AS who, rolsuper, rolbypassrls,
                (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' AND pg_has_role(current_user, c.relowner, 'MEMBER')) AS owns
         FROM pg_roles WHERE rolname = current_user`,
      );
      expect(r.rows).toEqual([{ who: runtimeRole, rolsuper: false, rolbypassrls: false, owns: 0 }]);
    });

    it('with branch A set, SELECT * with no WHERE returns exactly the branch A rows of every tenant table', async () => {
      await scope(rt, [org1.a.id]);
      try {
        for (const t of tenantTables) {
          const p = await privileges(t);
          const got = await attempt(rt, `SELECT * FROM "${t}"`);
          if (!p.s) {
            // No grant at all is a stronger wall than RLS (the outbox is read by definer functions only).
            expect({ t, code: got.code }).toEqual({ t, code: '42501' });
            continue;
          }
          const expected = await owner.query(`SELECT count(*)::int AS n FROM "${t}" WHERE branch_id = $1`, [org1.a.id]);
          expect({ t, code: got.code, n: got.rows.length }).toEqual({ t, code: undefined, n: expected.rows[0].n });
          expect({ t, branches: [...new Set(got.rows.map((r) => r.branch_id))] }).toEqual({ t, branches: [org1.a.id] });
        }
        // Views the runtime role reads filter by the branch set themselves.
        const dir = await attempt(rt, 'SELECT DISTINCT branch_id FROM branch_directory');
        expect(dir.rows).toEqual([{ branch_id: org1.a.id }]);
        const sb = await attempt(rt, 'SELECT id FROM scope_branches');
        expect(sb.rows).toEqual([{ id: org1.a.id }]);
      } finally {
        await rt.query('ROLLBACK');
      }
    });

    it('with no branch set, or an emptied one, every relation the runtime role can read is empty', async () => {
      const readable = (
        await owner.query<{ t: string }>(
          `SELECT c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
             AND has_table_privilege($1, c.oid, 'SELECT') ORDER BY 1`,
          [runtimeRole],
        )
      ).rows.map((r) => r.t);
      expect(readable).toEqual(expect.arrayContaining(['customers', 'branch_directory', 'scope_branches']));
      const counts = async () => {
        const out: Record<string, number | string> = {};
        for (const t of readable) {
          const r = await attempt(rt, `SELECT count(*)::int AS n FROM "${t}"`);
          out[t] = r.code ?? (r.rows[0].n as number);
        }
        return out;
      };
      const zeros = Object.fromEntries(readable.map((t) => [t, 0]));
      // A fresh session (never set), outside any transaction.
      const fresh = await runtimeClient();
      try {
        for (const t of readable) {
          const r = await fresh.query(`SELECT count(*)::int AS n FROM "${t}"`);
          expect({ t, n: r.rows[0].n }).toEqual({ t, n: 0 });
        }
      } finally {
        await fresh.end();
      }
      await rt.query('BEGIN');
      expect(await counts()).toEqual(zeros);
      await rt.query('ROLLBACK');
      // After a transaction that had branch A, the setting is reset (to ''), not kept on the connection.
      await scope(rt, [org1.a.id]);
      await rt.query('COMMIT');
      await rt.query('BEGIN');
      expect(await counts()).toEqual(zeros);
      await rt.query(`SELECT set_config('app.branch_ids', '', true)`);
      expect(await counts()).toEqual(zeros);
      await rt.query(`SELECT set_config('app.branch_ids', '{}', true)`);
      expect(await counts()).toEqual(zeros);
      await rt.query('ROLLBACK');
    });

    it('the platform tables are closed to the runtime role', async () => {
      await scope(rt, [org1.a.id]);
      try {
        for (const t of ['organizations', 'branches', 'users', 'memberships', 'refresh_tokens']) {
          const r = await attempt(rt, `SELECT * FROM "${t}" LIMIT 1`);
          expect({ t, code: r.code }).toEqual({ t, code: '42501' });
        }
      } finally {
        await rt.query('ROLLBACK');
      }
    });

    it('with branch A set, INSERT / UPDATE / DELETE of branch B rows fail or touch nothing (committed, then checked)', async () => {
      const before = await snapshot();
      const results: Record<string, Record<string, number | string>> = {};
      await scope(rt, [org1.a.id]);
      try {
        for (const t of tenantTables) {
          const p = await privileges(t);
          const cols = (
            await owner.query<{ c: string }>(
              `SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
              [t],
            )
          ).rows.map((r) => r.c);
          const bRow = (
            await owner.query(`SELECT to_jsonb(r) AS j FROM "${t}" r WHERE branch_id = $1 LIMIT 1`, [org1.b.id])
          ).rows[0].j as Record<string, unknown>;
          const copy = { ...bRow, ...(cols.includes('id') ? { id: randomUUID() } : {}) };
          const aCount = (await owner.query(`SELECT count(*)::int AS n FROM "${t}" WHERE branch_id = $1`, [org1.a.id]))
            .rows[0].n as number;
          const r: Record<string, number | string> = {};
          const run = async (key: string, sql: string, params: unknown[] = []) => {
            const x = await attempt(rt, sql, params);
            r[key] = x.code ?? x.count;
          };
          await run('insert B row', `INSERT INTO "${t}" SELECT * FROM jsonb_populate_record(NULL::"${t}", $1)`, [copy]);
          await run('update B rows', `UPDATE "${t}" SET branch_id = branch_id WHERE branch_id = $1`, [org1.b.id]);
          await run('update all rows', `UPDATE "${t}" SET branch_id = branch_id`);
          await run('move A rows to B', `UPDATE "${t}" SET branch_id = $1 WHERE branch_id = $2`, [
            org1.b.id,
            org1.a.id,
          ]);
          await run('delete B rows', `DELETE FROM "${t}" WHERE branch_id = $1`, [org1.b.id]);
          await run('delete non-A rows', `DELETE FROM "${t}" WHERE branch_id <> $1`, [org1.a.id]);
          results[t] = r;
          const denied = '42501';
          expect({ t, r }).toEqual({
            t,
            r: {
              'insert B row': denied,
              'update B rows': p.u ? 0 : denied,
              'update all rows': p.u ? aCount : denied,
              'move A rows to B': denied,
              'delete B rows': p.d ? 0 : denied,
              'delete non-A rows': p.d ? 0 : denied,
            },
          });
        }
      } finally {
        await rt.query('COMMIT');
      }
      expect(Object.keys(results).sort()).toEqual([...tenantTables].sort());
      expect(await snapshot()).toEqual(before);
    });

    it('composite foreign keys refuse a row of branch A that points at a branch B row', async () => {
      await scope(rt, [org1.a.id]);
      try {
        const log = await attempt(
          rt,
          `INSERT INTO contact_logs (branch_id, id, customer_id, channel, summary, occurred_at, logged_by)
           VALUES ($1, $2, $3, 'PHONE', 'cross', now(), $4)`,
          [org1.a.id, randomUUID(), slots.B1.customer, org1.users.managerA.id],
        );
        expect(log.code).toBe('23503');
        const contact = await attempt(
          rt,
          `INSERT INTO contact_logs (branch_id, id, customer_id, contact_id, channel, summary, occurred_at, logged_by)
           VALUES ($1, $2, $3, $4, 'PHONE', 'cross', now(), $5)`,
          [org1.a.id, randomUUID(), slots.A1.customer, slots.B1.contact, org1.users.managerA.id],
        );
        expect(contact.code).toBe('23503');
        const customer = await attempt(
          rt,
          `INSERT INTO customers (branch_id, id, name, tier, owner_id, next_contact_due_at)
           VALUES ($1, $2, 'Cross Owner', 'LOW', $3, now())`,
          [org1.a.id, randomUUID(), org1.users.repB.id],
        );
        expect(customer.code).toBe('23503');
      } finally {
        await rt.query('ROLLBACK');
      }
    });

    it('own_only: a sales rep sees and writes only their own customers, and only their contacts and logs', async () => {
      const rep = org1.users.repA.id;
      const expected = async (sql: string) =>
        (await owner.query<{ id: string }>(sql, [org1.a.id, rep])).rows.map((r) => r.id).sort();
      const own = {
        customers: await expected('SELECT id FROM customers WHERE branch_id = $1 AND owner_id = $2'),
        customer_contacts: await expected(
          `SELECT k.id FROM customer_contacts k JOIN customers c ON c.branch_id = k.branch_id AND c.id = k.customer_id
           WHERE k.branch_id = $1 AND c.owner_id = $2`,
        ),
        contact_logs: await expected(
          `SELECT l.id FROM contact_logs l JOIN customers c ON c.branch_id = l.branch_id AND c.id = l.customer_id
           WHERE l.branch_id = $1 AND c.owner_id = $2`,
        ),
        notifications: await expected('SELECT id FROM notifications WHERE branch_id = $1 AND user_id = $2'),
        contracts: await expected('SELECT id FROM contracts WHERE branch_id = $1 AND owner_id = $2'),
        contract_events: await expected(
          `SELECT e.id FROM contract_events e JOIN contracts k ON k.branch_id = e.branch_id AND k.id = e.contract_id
           WHERE e.branch_id = $1 AND k.owner_id = $2`,
        ),
        contract_risks: await expected(
          `SELECT r.id FROM contract_risks r JOIN contracts k ON k.branch_id = r.branch_id AND k.id = r.contract_id
           WHERE r.branch_id = $1 AND k.owner_id = $2`,
        ),
        // ---------- quotes ----------
        quotes: await expected('SELECT id FROM quotes WHERE branch_id = $1 AND owner_id = $2'),
        quote_lines: await expected(
          `SELECT l.id FROM quote_lines l JOIN quotes k ON k.branch_id = l.branch_id AND k.id = l.quote_id
           WHERE l.branch_id = $1 AND k.owner_id = $2`,
        ),
        // ---- channels ----
        partners: await expected('SELECT id FROM partners WHERE branch_id = $1 AND owner_id = $2'),
        partner_disputes: await expected(
          `SELECT d.id FROM partner_disputes d JOIN partners p ON p.branch_id = d.branch_id AND p.id = d.partner_id
           WHERE d.branch_id = $1 AND p.owner_id = $2`,
        ),
        partner_end_users: await expected(
          `SELECT u.id FROM partner_end_users u JOIN partners p ON p.branch_id = u.branch_id AND p.id = u.partner_id
           WHERE u.branch_id = $1 AND p.owner_id = $2`,
        ),
        partner_agreements: await expected(
          `SELECT a.id FROM partner_agreements a JOIN partners p ON p.branch_id = a.branch_id AND p.id = a.partner_id
           WHERE a.branch_id = $1 AND p.owner_id = $2`,
        ),
        partner_evaluations: await expected(
          `SELECT e.id FROM partner_evaluations e JOIN partners p ON p.branch_id = e.branch_id AND p.id = e.partner_id
           WHERE e.branch_id = $1 AND p.owner_id = $2`,
        ),
        // ---- end channels ----
      };
      expect(own.contracts).toContain(slots.A1.contract);
      expect(own.customers).toContain(slots.A1.customer);
      expect(own.contact_logs).toContain(slots.A1.log);
      const before = await snapshot();
      await scope(rt, [org1.a.id], { userId: rep, ownOnly: true });
      try {
        for (const [t, ids] of Object.entries(own)) {
          const r = await attempt(rt, `SELECT id FROM "${t}"`);
          expect({ t, ids: r.rows.map((x) => x.id).sort() }).toEqual({ t, ids });
        }
        const colleague = org1.users.rep2A.id;
        const upd = await attempt(rt, 'UPDATE customers SET notes = $1 WHERE owner_id = $2', ['x', colleague]);
        expect(upd).toMatchObject({ count: 0, code: undefined });
        const del = await attempt(rt, 'DELETE FROM contact_logs WHERE customer_id = $1', [slots.A2.customer]);
        expect(del).toMatchObject({ count: 0, code: undefined });
        const ins = await attempt(
          rt,
          `INSERT INTO customers (branch_id, id, name, tier, owner_id, next_contact_due_at)
           VALUES ($1, $2, 'For A Colleague', 'LOW', $3, now())`,
          [org1.a.id, randomUUID(), colleague],
        );
        expect(ins.code).toBe('42501');
        const give = await attempt(rt, 'UPDATE customers SET owner_id = $1 WHERE id = $2', [
          colleague,
          slots.A1.customer,
        ]);
        expect(give.code).toBe('42501');
        const child = await attempt(
          rt,
          `INSERT INTO contact_logs (branch_id, id, customer_id, channel, summary, occurred_at, logged_by)
           VALUES ($1, $2, $3, 'PHONE', 'not mine', now(), $4)`,
          [org1.a.id, randomUUID(), slots.A2.customer, rep],
        );
        expect(child.code).toBe('42501');
        const contract = await attempt(
          rt,
          `INSERT INTO contracts (branch_id, id, customer_id, title, amount, currency, starts_on, ends_on, owner_id, created_by)
           VALUES ($1, $2, $3, 'For A Colleague', 1, 'CNY', '2027-01-01', '2027-01-31', $4, $5)`,
          [org1.a.id, randomUUID(), slots.A1.customer, colleague, rep],
        );
        expect(contract.code).toBe('42501');
        const theirs = await attempt(rt, 'UPDATE contracts SET title = $1 WHERE id = $2', ['x', slots.A2.contract]);
        expect(theirs).toMatchObject({ count: 0, code: undefined });
        const round = await attempt(
          rt,
          `INSERT INTO contract_negotiation_rounds (branch_id, id, contract_id, round, held_on, counterpart, points, outcome, recorded_by)
           VALUES ($1, $2, $3, 9, '2026-11-01', 'x', 'x', 'x', $4)`,
          [org1.a.id, randomUUID(), slots.A2.contract, rep],
        );
        expect(round.code).toBe('42501');
        const risk = await attempt(
          rt,
          `INSERT INTO contract_risks (branch_id, id, contract_id, description, category, probability, impact, created_by)
           VALUES ($1, $2, $3, 'x', 'OTHER', 1, 1, $4)`,
          [org1.a.id, randomUUID(), slots.A2.contract, rep],
        );
        expect(risk.code).toBe('42501');
        const theirRisk = await attempt(rt, 'UPDATE contract_risks SET impact = 1 WHERE id = $1', [slots.A2.risk]);
        expect(theirRisk).toMatchObject({ count: 0, code: undefined });
      } finally {
        await rt.query('COMMIT');
      }
      expect(await snapshot()).toEqual(before);
    });

    // ---- fulfillment ----
    it('organization rows: a branch of org 2 reads and writes only org 2’s catalogue, vendors and supplies', async () => {
      const orgTables = ['products', 'vendors', 'vendor_contacts', 'vendor_products'];
      const before = await snapshot();
      await scope(rt, [org2.a.id]);
      try {
        for (const t of orgTables) {
          const got = await attempt(rt, `SELECT organization_id FROM "${t}"`);
          const expected = await owner.query(`SELECT count(*)::int AS n FROM "${t}" WHERE organization_id = $1`, [
            org2.id,
          ]);
          expect({ t, code: got.code, n: got.rows.length }).toEqual({ t, code: undefined, n: expected.rows[0].n });
          expect({ t, orgs: [...new Set(got.rows.map((r) => r.organization_id))] }).toEqual({ t, orgs: [org2.id] });
          const upd = await attempt(
            rt,
            `UPDATE "${t}" SET organization_id = organization_id WHERE organization_id = $1`,
            [org1.id],
          );
          expect({ t, upd: upd.code ?? upd.count }).toEqual({ t, upd: 0 });
          const move = await attempt(rt, `UPDATE "${t}" SET organization_id = $1`, [org1.id]);
          expect({ t, move: move.code }).toEqual({ t, move: '42501' });
          const row = (
            await owner.query(`SELECT to_jsonb(r) AS j FROM "${t}" r WHERE organization_id = $1 LIMIT 1`, [org1.id])
          ).rows[0].j as Record<string, unknown>;
          const ins = await attempt(rt, `INSERT INTO "${t}" SELECT * FROM jsonb_populate_record(NULL::"${t}", $1)`, [
            { ...row, id: randomUUID(), code: `Z-${randomUUID().slice(0, 6)}` },
          ]);
          expect({ t, ins: ins.code }).toEqual({ t, ins: '42501' });
        }
        // Org 1's product by id: invisible; a branch row of org 2 cannot point at it, whatever organization it claims.
        const p = await attempt(rt, 'SELECT id FROM products WHERE id = $1', [slots.A1.product]);
        expect(p.rows).toEqual([]);
        const claimOwn = await attempt(
          rt,
          `INSERT INTO branch_product_prices (branch_id, id, organization_id, product_id, price, updated_by)
           VALUES ($1, $2, $3, $4, 1, $5)`,
          [org2.a.id, randomUUID(), org2.id, slots.A1.product, org2.users.managerA.id],
        );
        expect(claimOwn.code).toBe('23503');
        const claimTheirs = await attempt(
          rt,
          `INSERT INTO stock_levels (branch_id, id, organization_id, product_id, location_id, on_hand)
           VALUES ($1, $2, $3, $4, $5, 1)`,
          [org2.a.id, randomUUID(), org1.id, slots.A1.product, slots.X1.location],
        );
        expect(claimTheirs.code).toBe('42501');
        // The branch wall holds inside the organization: branch A's stock is not B's.
        const levels = await attempt(rt, 'SELECT DISTINCT branch_id FROM stock_levels');
        expect(levels.rows).toEqual([{ branch_id: org2.a.id }]);
      } finally {
        await rt.query('COMMIT');
      }
      expect(await snapshot()).toEqual(before);
      // Head office of org 1 (all its branches in scope) sees org 1's catalogue only.
      await scope(rt, [org1.hq.id, org1.a.id, org1.b.id]);
      try {
        const got = await attempt(rt, 'SELECT DISTINCT organization_id FROM products');
        expect(got.rows).toEqual([{ organization_id: org1.id }]);
      } finally {
        await rt.query('ROLLBACK');
      }
    });
    // ---- end fulfillment ----

    it('notifications: with a user set, only that person’s rows are read or marked', async () => {
      await scope(rt, [org1.a.id], { userId: org1.users.repA.id });
      try {
        const r = await attempt(rt, 'SELECT id FROM notifications');
        expect(r.rows.map((x) => x.id)).toEqual(
          (
            await owner.query('SELECT id FROM notifications WHERE branch_id = $1 AND user_id = $2', [
              org1.a.id,
              org1.users.repA.id,
            ])
          ).rows.map((x) => x.id),
        );
        const mark = await attempt(rt, 'UPDATE notifications SET read_at = now() WHERE id = $1', [
          slots.A2.notification,
        ]);
        expect(mark).toMatchObject({ count: 0, code: undefined });
      } finally {
        await rt.query('ROLLBACK');
      }
    });
  });
});
