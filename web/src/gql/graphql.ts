/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Whether a branch is the head office or a branch office */
export type BranchKind =
  /** A branch office (a tenant): sees only its own data */
  | 'BRANCH'
  /** The head office: sees and compares every branch of the organization */
  | 'HEAD_OFFICE';

/** A period of business days (each branch’s own time zone), and optionally one branch */
export type BranchPeriodInput = {
  /** Head office: narrow to one branch (branch staff see their own) */
  branchId?: string | number | null | undefined;
  /** First business day, inclusive */
  from: string;
  /** Last business day, inclusive; at most 366 days after from */
  to: string;
};

/** Sets the response deadline (per-branch complaint settings) */
export type ComplaintSeverity =
  /** Critical: answer within the shortest window (default 4 hours) */
  | 'CRITICAL'
  /** High (default 24 hours) */
  | 'HIGH'
  /** Low (default 120 hours) */
  | 'LOW'
  /** Medium (default 72 hours) */
  | 'MEDIUM';

/** RECEIVED -> INVESTIGATING -> RESOLVED -> CLOSED (the customer confirmed); "not fixed" reopens */
export type ComplaintState =
  /** The customer confirmed the fix */
  | 'CLOSED'
  /** Answered; root cause being investigated */
  | 'INVESTIGATING'
  /** Taken in, waiting for the response (escalated when late) */
  | 'RECEIVED'
  /** Fixed; waiting for the customer's confirmation */
  | 'RESOLVED';

/** Value tier; sets how often the customer must be contacted */
export type CustomerTier =
  /** High value (purchases above the branch's high threshold, default 1,000,000): contact weekly, with a dedicated account manager */
  | 'HIGH'
  /** Low value: contact monthly */
  | 'LOW'
  /** Medium value (above the medium threshold, default 200,000): contact twice a month */
  | 'MEDIUM';

/** A key performance indicator kept in the rollups */
export type Kpi =
  /** Receipts applied to contract instalments (回款), by contract owner and day received; a reversal takes its applications back */
  | 'COLLECTIONS'
  /** Complaints resolved whose response met its deadline (投诉及时处理), by owner and day resolved */
  | 'COMPLAINTS_RESOLVED_IN_TIME'
  /** Contracts signed (合同签订), count and amount, by owner and signing day */
  | 'CONTRACTS_SIGNED'
  /** Effective visits (有效拜访), by owner and day visited */
  | 'EFFECTIVE_VISITS'
  /** Gross profit of closed orders (毛利): amount minus cost of goods at cost prices fixed at closing; orders whose goods could not be valued (a cost price in another currency) are not in it (compare its count with SALES_AMOUNT); a return takes back its amount less its goods at cost, a price correction its amount */
  | 'GROSS_PROFIT'
  /** Customers created (客户新增), by owner and day created */
  | 'NEW_CUSTOMERS'
  /** Quotes sent (报价/方案发送), count and total amount, by owner and day sent */
  | 'QUOTES_SENT'
  /** Orders closed (销售额): count and amount, by owner and the branch’s closing day; goods returned and price corrections by credit note take their amount back (count unchanged) on their own day, for the same owner */
  | 'SALES_AMOUNT'
  /** Customer satisfaction scores (满意度, 1-10): count of responses and the sum of scores (average = sum / count) */
  | 'SATISFACTION'
  /** Leads that became valid (有效线索), by owner and day validated */
  | 'VALID_LEADS';

/** Attainment of a KPI against its targets in a period */
export type KpiAttainmentInput = {
  /** Only this branch; omit for every branch in scope */
  branchId?: string | number | null | undefined;
  /** Branches, or people within each branch */
  by?: KpiRankBy;
  /** The KPI */
  kpi: Kpi;
  /** The targets' measure: AMOUNT for the money KPIs (QUOTES_SENT, CONTRACTS_SIGNED, SALES_AMOUNT, GROSS_PROFIT, COLLECTIONS), COUNT otherwise, unless given (never AVERAGE) */
  measure?: KpiMeasure | null | undefined;
  /** The period: a month (2026-12), a quarter (2026-Q4) or a year (2026), in the branch's time zone */
  period: string;
};

/** What a ranking orders by */
export type KpiMeasure =
  /** The money (KPIs with an amount: QUOTES_SENT, CONTRACTS_SIGNED, SALES_AMOUNT, GROSS_PROFIT, COLLECTIONS) */
  | 'AMOUNT'
  /** Amount per item: the average score of SATISFACTION, or the average of a money KPI */
  | 'AVERAGE'
  /** How many (every KPI) */
  | 'COUNT';

/** What a ranking ranks */
export type KpiRankBy =
  /** The branches in scope (head office and branch managers) */
  | 'BRANCH'
  /** The people of each branch, ranked within their branch; a sales rep sees their own line */
  | 'PERSON';

/** Which KPI, period and population to rank */
export type KpiRankingInput = {
  /** Only this branch (people of one branch); omit for all in scope */
  branchId?: string | number | null | undefined;
  /** Branches, or people within each branch */
  by?: KpiRankBy;
  /** The KPI */
  kpi: Kpi;
  /** Order by count, amount (money KPIs) or average (KPIs with an amount, e.g. SATISFACTION) */
  measure?: KpiMeasure;
  /** The period: 2026-12-07 (day), 2026-W49 (ISO week), 2026-12 (month), 2026-Q4 or 2026, in the branch's time zone */
  period: string;
};

/** A KPI over the last periods up to one */
export type KpiTrendInput = {
  /** Only this branch; omit for every branch in scope together */
  branchId?: string | number | null | undefined;
  /** The KPI */
  kpi: Kpi;
  /** The measure the growth rates compare: COUNT, AMOUNT (money KPIs) or AVERAGE (KPIs with an amount) */
  measure?: KpiMeasure;
  /** The last period of the trend: 2026-12-07 (day), 2026-W49 (ISO week), 2026-12 (month), 2026-Q4 or 2026, in the branch's time zone */
  period: string;
  /** How many periods, 1 to 60, ending with `period` */
  periods?: number;
  /** Only this person (a sales rep: only themselves) */
  personId?: string | number | null | undefined;
};

/** Sign-in credentials */
export type LoginInput = {
  /** Sign-in e-mail */
  email: string;
  /** Only needed when the same e-mail and password open accounts in more than one organization */
  organizationId?: string | number | null | undefined;
  /** Password */
  password: string;
};

/** From the evaluation score: A is best */
export type PartnerTier =
  /** Best evaluated */
  | 'A'
  /** Good */
  | 'B'
  /** Fair */
  | 'C'
  /** Weakest */
  | 'D';

/** Valid leads collected and proposals (quotes) sent per ISO week; effective visits per month */
export type QuotaMetric =
  /** Effective visits per month (the customer asked after showing interest in a proposal) */
  | 'EFFECTIVE_VISITS'
  /** Quotes sent per ISO week */
  | 'PROPOSALS_SENT'
  /** Valid leads collected per ISO week */
  | 'VALID_LEADS';

/** Where a quote is: beyond the branch discount limit it is approved before it is sent */
export type QuoteState =
  /** The customer accepted (on or before validUntil); may become a contract */
  | 'ACCEPTED'
  /** Beyond the discount limit and approved; may be sent */
  | 'APPROVED'
  /** The customer declined, with a reason */
  | 'DECLINED'
  /** Being written; terms and lines may change */
  | 'DRAFT'
  /** Sent but not answered by validUntil (set by the worker) */
  | 'EXPIRED'
  /** Beyond the branch's discount limit: waiting for approval */
  | 'PENDING_APPROVAL'
  /** Sent to the customer, waiting for the answer */
  | 'SENT';

/** What a person does in a branch (or at head office) */
export type Role =
  /** Archivist (档案管理): keeps documents and originals */
  | 'ARCHIVIST'
  /** Department head of a branch (商务部经理): manages staff, approves, sees the whole branch */
  | 'BRANCH_MANAGER'
  /** Sales back-office clerk (销售内勤): orders, shipping, records */
  | 'CLERK'
  /** Finance reviewer (财务部): reads contracts and money */
  | 'FINANCE'
  /** Head-office administrator: every branch, settings and staff */
  | 'HQ_ADMIN'
  /** Head-office staff: every branch, day-to-day */
  | 'HQ_STAFF'
  /** Human resources (人力资源) */
  | 'HR'
  /** Company leadership (公司领导): approves the largest items */
  | 'LEADERSHIP'
  /** Legal reviewer (法务): reviews contracts */
  | 'LEGAL'
  /** Commercial specialist or sales representative (商务专员): sees the customers and work they own */
  | 'SALES_REP';

export type DashboardLoginMutationVariables = Exact<{
  input: LoginInput;
}>;


export type DashboardLoginMutation = { login: { accessToken: string, refreshToken: string } | null };

export type DashboardRefreshMutationVariables = Exact<{
  token: string;
}>;


export type DashboardRefreshMutation = { refreshToken: { accessToken: string, refreshToken: string } };

export type DashboardLogoutMutationVariables = Exact<{
  token: string;
}>;


export type DashboardLogoutMutation = { logout: boolean };

export type DashboardMeQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardMeQuery = { me: { id: string, displayName: string, memberships: Array<{ role: Role, branch: { id: string, code: string, name: string, kind: BranchKind, currency: string, timeZone: string } }> }, branches: Array<{ id: string, code: string, name: string, kind: BranchKind, currency: string, timeZone: string }> };

export type DashboardRankingQueryVariables = Exact<{
  input: KpiRankingInput;
}>;


export type DashboardRankingQuery = { kpiRanking: Array<{ rank: number, branchId: string, personId: string | null, name: string, count: number, amount: string | null, currency: string, branch: { code: string, name: string } }> };

export type DashboardAttainmentQueryVariables = Exact<{
  input: KpiAttainmentInput;
}>;


export type DashboardAttainmentQuery = { kpiAttainment: Array<{ rank: number, branchId: string, personId: string | null, name: string, measure: KpiMeasure, target: string | null, actual: string, attainment: string | null, currency: string | null }> };

export type DashboardTrendQueryVariables = Exact<{
  input: KpiTrendInput;
}>;


export type DashboardTrendQuery = { kpiTrend: Array<{ period: string, from: string, to: string, count: number, amount: string | null }> };

export type DashboardReceivablesQueryVariables = Exact<{
  branchId?: string | number | null | undefined;
}>;


export type DashboardReceivablesQuery = { branchReceivables: Array<{ branchId: string, currency: string, asOf: string | null, outstanding: string, notDue: string, days0to30: string, days31to60: string, days61to90: string, over90: string }> };

export type DashboardApprovalOverviewQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardApprovalOverviewQuery = { approvalOverview: Array<{ pending: number, stalled: number, oldestPendingHours: number | null, branch: { id: string, code: string, name: string } }> };

export type DashboardStalledQueryVariables = Exact<{
  branchId?: string | number | null | undefined;
}>;


export type DashboardStalledQuery = { stalledApprovals: { totalCount: number, edges: Array<{ node: { id: string, title: string, submittedAt: string, amount: string | null, currency: string | null, requester: { displayName: string } | null } }> } };

export type DashboardMyApprovalsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardMyApprovalsQuery = { myPendingApprovals: { totalCount: number, edges: Array<{ node: { request: { id: string, title: string, submittedAt: string, amount: string | null, currency: string | null } } }> } };

export type DashboardComplaintCountsQueryVariables = Exact<{
  branchId?: string | number | null | undefined;
}>;


export type DashboardComplaintCountsQuery = { complaintCounts: Array<{ branchId: string, state: ComplaintState, severity: ComplaintSeverity, count: number, overdue: number, branch: { code: string, name: string } }> };

export type DashboardOverdueContactsQueryVariables = Exact<{
  userId: string | number;
}>;


export type DashboardOverdueContactsQuery = { customers: { totalCount: number, edges: Array<{ node: { id: string, name: string, nextContactDueAt: string } }> } };

export type DashboardMyTasksQueryVariables = Exact<{
  userId: string | number;
}>;


export type DashboardMyTasksQuery = { visitTasks: { totalCount: number, edges: Array<{ node: { id: string, description: string, dueOn: string, overdue: boolean } }> } };

export type DashboardMyQuotesQueryVariables = Exact<{
  userId: string | number;
}>;


export type DashboardMyQuotesQuery = { sent: { totalCount: number, edges: Array<{ node: { id: string, title: string, total: string, currency: string, state: QuoteState } }> }, pendingApproval: { totalCount: number, edges: Array<{ node: { id: string, title: string, total: string, currency: string, state: QuoteState } }> } };

export type DashboardMyQuotaQueryVariables = Exact<{
  userId: string | number;
  period: string;
}>;


export type DashboardMyQuotaQuery = { repAttainment: { edges: Array<{ node: { period: string, metrics: Array<{ metric: QuotaMetric, target: number, actual: number, percent: string | null }> } }> } };

export type DashboardQueueViewLinkMutationVariables = Exact<{ [key: string]: never; }>;


export type DashboardQueueViewLinkMutation = { queueViewLink: { url: string, expiresAt: string } };

export type DashboardPipelineQueryVariables = Exact<{
  input: BranchPeriodInput;
}>;


export type DashboardPipelineQuery = { salesPipeline: Array<{ branchId: string, leadsCreated: number, leadsQualified: number, quotesSent: number, quotesWon: number, quotesLost: number, contractsSigned: number, signedAmount: string, currency: string, winRate: string | null, branch: { id: string, name: string } }> };

export type DashboardCustomerTiersQueryVariables = Exact<{
  branchId?: string | number | null | undefined;
}>;


export type DashboardCustomerTiersQuery = { customerTierCounts: Array<{ branchId: string, tier: CustomerTier, customers: number, overdueContacts: number, branch: { id: string, name: string } }> };

export type DashboardCycleTimesQueryVariables = Exact<{
  input: BranchPeriodInput;
}>;


export type DashboardCycleTimesQuery = { approvalCycleTimes: Array<{ branchId: string, subjectType: string, decided: number, medianHours: string, p90Hours: string, branch: { id: string, name: string } }> };

export type DashboardPartnerTiersQueryVariables = Exact<{
  branchId?: string | number | null | undefined;
}>;


export type DashboardPartnerTiersQuery = { partnerCountsByTier: Array<{ tier: PartnerTier | null, count: number, branch: { id: string, name: string } }> };

export type DashboardDrillOverdueQueryVariables = Exact<{
  branchId: string | number;
  after?: string | null | undefined;
}>;


export type DashboardDrillOverdueQuery = { customers: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, name: string, tier: CustomerTier, nextContactDueAt: string, owner: { displayName: string } | null } }> } };

export type DashboardDrillPendingQueryVariables = Exact<{
  branchId: string | number;
  after?: string | null | undefined;
}>;


export type DashboardDrillPendingQuery = { pendingApprovals: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, title: string, subjectType: string, submittedAt: string, amount: string | null, currency: string | null } }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const DashboardLoginDocument = new TypedDocumentString(`
    mutation DashboardLogin($input: LoginInput!) {
  login(input: $input) {
    accessToken
    refreshToken
  }
}
    `) as unknown as TypedDocumentString<DashboardLoginMutation, DashboardLoginMutationVariables>;
export const DashboardRefreshDocument = new TypedDocumentString(`
    mutation DashboardRefresh($token: String!) {
  refreshToken(token: $token) {
    accessToken
    refreshToken
  }
}
    `) as unknown as TypedDocumentString<DashboardRefreshMutation, DashboardRefreshMutationVariables>;
export const DashboardLogoutDocument = new TypedDocumentString(`
    mutation DashboardLogout($token: String!) {
  logout(refreshToken: $token)
}
    `) as unknown as TypedDocumentString<DashboardLogoutMutation, DashboardLogoutMutationVariables>;
export const DashboardMeDocument = new TypedDocumentString(`
    query DashboardMe {
  me {
    id
    displayName
    memberships {
      role
      branch {
        id
        code
        name
        kind
        currency
        timeZone
      }
    }
  }
  branches {
    id
    code
    name
    kind
    currency
    timeZone
  }
}
    `) as unknown as TypedDocumentString<DashboardMeQuery, DashboardMeQueryVariables>;
export const DashboardRankingDocument = new TypedDocumentString(`
    query DashboardRanking($input: KpiRankingInput!) {
  kpiRanking(input: $input) {
    rank
    branchId
    personId
    name
    count
    amount
    currency
    branch {
      code
      name
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardRankingQuery, DashboardRankingQueryVariables>;
export const DashboardAttainmentDocument = new TypedDocumentString(`
    query DashboardAttainment($input: KpiAttainmentInput!) {
  kpiAttainment(input: $input) {
    rank
    branchId
    personId
    name
    measure
    target
    actual
    attainment
    currency
  }
}
    `) as unknown as TypedDocumentString<DashboardAttainmentQuery, DashboardAttainmentQueryVariables>;
export const DashboardTrendDocument = new TypedDocumentString(`
    query DashboardTrend($input: KpiTrendInput!) {
  kpiTrend(input: $input) {
    period
    from
    to
    count
    amount
  }
}
    `) as unknown as TypedDocumentString<DashboardTrendQuery, DashboardTrendQueryVariables>;
export const DashboardReceivablesDocument = new TypedDocumentString(`
    query DashboardReceivables($branchId: ID) {
  branchReceivables(branchId: $branchId) {
    branchId
    currency
    asOf
    outstanding
    notDue
    days0to30
    days31to60
    days61to90
    over90
  }
}
    `) as unknown as TypedDocumentString<DashboardReceivablesQuery, DashboardReceivablesQueryVariables>;
export const DashboardApprovalOverviewDocument = new TypedDocumentString(`
    query DashboardApprovalOverview {
  approvalOverview {
    branch {
      id
      code
      name
    }
    pending
    stalled
    oldestPendingHours
  }
}
    `) as unknown as TypedDocumentString<DashboardApprovalOverviewQuery, DashboardApprovalOverviewQueryVariables>;
export const DashboardStalledDocument = new TypedDocumentString(`
    query DashboardStalled($branchId: ID) {
  stalledApprovals(branchId: $branchId, first: 10) {
    totalCount
    edges {
      node {
        id
        title
        submittedAt
        amount
        currency
        requester {
          displayName
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardStalledQuery, DashboardStalledQueryVariables>;
export const DashboardMyApprovalsDocument = new TypedDocumentString(`
    query DashboardMyApprovals {
  myPendingApprovals(first: 10) {
    totalCount
    edges {
      node {
        request {
          id
          title
          submittedAt
          amount
          currency
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardMyApprovalsQuery, DashboardMyApprovalsQueryVariables>;
export const DashboardComplaintCountsDocument = new TypedDocumentString(`
    query DashboardComplaintCounts($branchId: ID) {
  complaintCounts(filter: {branchId: $branchId}) {
    branchId
    state
    severity
    count
    overdue
    branch {
      code
      name
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardComplaintCountsQuery, DashboardComplaintCountsQueryVariables>;
export const DashboardOverdueContactsDocument = new TypedDocumentString(`
    query DashboardOverdueContacts($userId: ID!) {
  customers(filter: {overdue: true, ownerId: $userId}, first: 10) {
    totalCount
    edges {
      node {
        id
        name
        nextContactDueAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardOverdueContactsQuery, DashboardOverdueContactsQueryVariables>;
export const DashboardMyTasksDocument = new TypedDocumentString(`
    query DashboardMyTasks($userId: ID!) {
  visitTasks(filter: {open: true, assigneeId: $userId}, first: 10) {
    totalCount
    edges {
      node {
        id
        description
        dueOn
        overdue
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardMyTasksQuery, DashboardMyTasksQueryVariables>;
export const DashboardMyQuotesDocument = new TypedDocumentString(`
    query DashboardMyQuotes($userId: ID!) {
  sent: quotes(filter: {ownerId: $userId, state: SENT}, first: 10) {
    totalCount
    edges {
      node {
        id
        title
        total
        currency
        state
      }
    }
  }
  pendingApproval: quotes(
    filter: {ownerId: $userId, state: PENDING_APPROVAL}
    first: 10
  ) {
    totalCount
    edges {
      node {
        id
        title
        total
        currency
        state
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardMyQuotesQuery, DashboardMyQuotesQueryVariables>;
export const DashboardMyQuotaDocument = new TypedDocumentString(`
    query DashboardMyQuota($userId: ID!, $period: String!) {
  repAttainment(period: $period, filter: {userId: $userId}, first: 1) {
    edges {
      node {
        period
        metrics {
          metric
          target
          actual
          percent
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardMyQuotaQuery, DashboardMyQuotaQueryVariables>;
export const DashboardQueueViewLinkDocument = new TypedDocumentString(`
    mutation DashboardQueueViewLink {
  queueViewLink {
    url
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<DashboardQueueViewLinkMutation, DashboardQueueViewLinkMutationVariables>;
export const DashboardPipelineDocument = new TypedDocumentString(`
    query DashboardPipeline($input: BranchPeriodInput!) {
  salesPipeline(input: $input) {
    branchId
    branch {
      id
      name
    }
    leadsCreated
    leadsQualified
    quotesSent
    quotesWon
    quotesLost
    contractsSigned
    signedAmount
    currency
    winRate
  }
}
    `) as unknown as TypedDocumentString<DashboardPipelineQuery, DashboardPipelineQueryVariables>;
export const DashboardCustomerTiersDocument = new TypedDocumentString(`
    query DashboardCustomerTiers($branchId: ID) {
  customerTierCounts(branchId: $branchId) {
    branchId
    branch {
      id
      name
    }
    tier
    customers
    overdueContacts
  }
}
    `) as unknown as TypedDocumentString<DashboardCustomerTiersQuery, DashboardCustomerTiersQueryVariables>;
export const DashboardCycleTimesDocument = new TypedDocumentString(`
    query DashboardCycleTimes($input: BranchPeriodInput!) {
  approvalCycleTimes(input: $input) {
    branchId
    branch {
      id
      name
    }
    subjectType
    decided
    medianHours
    p90Hours
  }
}
    `) as unknown as TypedDocumentString<DashboardCycleTimesQuery, DashboardCycleTimesQueryVariables>;
export const DashboardPartnerTiersDocument = new TypedDocumentString(`
    query DashboardPartnerTiers($branchId: ID) {
  partnerCountsByTier(branchId: $branchId) {
    branch {
      id
      name
    }
    tier
    count
  }
}
    `) as unknown as TypedDocumentString<DashboardPartnerTiersQuery, DashboardPartnerTiersQueryVariables>;
export const DashboardDrillOverdueDocument = new TypedDocumentString(`
    query DashboardDrillOverdue($branchId: ID!, $after: String) {
  customers(
    filter: {overdue: true, branchId: $branchId}
    first: 10
    after: $after
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        name
        tier
        nextContactDueAt
        owner {
          displayName
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardDrillOverdueQuery, DashboardDrillOverdueQueryVariables>;
export const DashboardDrillPendingDocument = new TypedDocumentString(`
    query DashboardDrillPending($branchId: ID!, $after: String) {
  pendingApprovals(branchId: $branchId, first: 10, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        title
        subjectType
        submittedAt
        amount
        currency
      }
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardDrillPendingQuery, DashboardDrillPendingQueryVariables>;