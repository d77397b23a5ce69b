import { graphql } from './gql';

/** Every operation the dashboard sends; web/src/gql holds their generated types (npm run web:codegen). */

export const MeDoc = graphql(`
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
`);

export const RankingDoc = graphql(`
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
`);

export const AttainmentDoc = graphql(`
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
`);

export const TrendDoc = graphql(`
  query DashboardTrend($input: KpiTrendInput!) {
    kpiTrend(input: $input) {
      period
      from
      to
      count
      amount
    }
  }
`);

export const ReceivablesDoc = graphql(`
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
`);

export const ApprovalOverviewDoc = graphql(`
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
`);

export const StalledDoc = graphql(`
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
`);

export const MyApprovalsDoc = graphql(`
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
`);

export const ComplaintCountsDoc = graphql(`
  query DashboardComplaintCounts($branchId: ID) {
    complaintCounts(filter: { branchId: $branchId }) {
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
`);

export const OverdueContactsDoc = graphql(`
  query DashboardOverdueContacts($userId: ID!) {
    customers(filter: { overdue: true, ownerId: $userId }, first: 10) {
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
`);

export const MyTasksDoc = graphql(`
  query DashboardMyTasks($userId: ID!) {
    visitTasks(filter: { open: true, assigneeId: $userId }, first: 10) {
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
`);

export const MyQuotesDoc = graphql(`
  query DashboardMyQuotes($userId: ID!) {
    sent: quotes(filter: { ownerId: $userId, state: SENT }, first: 10) {
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
    pendingApproval: quotes(filter: { ownerId: $userId, state: PENDING_APPROVAL }, first: 10) {
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
`);

export const MyQuotaDoc = graphql(`
  query DashboardMyQuota($userId: ID!, $period: String!) {
    repAttainment(period: $period, filter: { userId: $userId }, first: 1) {
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
`);

export const QueueViewLinkDoc = graphql(`
  mutation DashboardQueueViewLink {
    queueViewLink {
      url
      expiresAt
    }
  }
`);

export const PipelineDoc = graphql(`
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
`);

export const CustomerTiersDoc = graphql(`
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
`);

export const CycleTimesDoc = graphql(`
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
`);

export const PartnerTiersDoc = graphql(`
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
`);

export const DrillOverdueDoc = graphql(`
  query DashboardDrillOverdue($branchId: ID!, $after: String) {
    customers(filter: { overdue: true, branchId: $branchId }, first: 10, after: $after) {
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
`);

export const DrillPendingDoc = graphql(`
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
`);
