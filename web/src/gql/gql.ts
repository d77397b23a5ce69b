/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation DashboardLogin($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      refreshToken\n    }\n  }\n": typeof types.DashboardLoginDocument,
    "\n  mutation DashboardRefresh($token: String!) {\n    refreshToken(token: $token) {\n      accessToken\n      refreshToken\n    }\n  }\n": typeof types.DashboardRefreshDocument,
    "\n  mutation DashboardLogout($token: String!) {\n    logout(refreshToken: $token)\n  }\n": typeof types.DashboardLogoutDocument,
    "\n  query DashboardMe {\n    me {\n      id\n      displayName\n      memberships {\n        role\n        branch {\n          id\n          code\n          name\n          kind\n          currency\n          timeZone\n        }\n      }\n    }\n    branches {\n      id\n      code\n      name\n      kind\n      currency\n      timeZone\n    }\n  }\n": typeof types.DashboardMeDocument,
    "\n  query DashboardRanking($input: KpiRankingInput!) {\n    kpiRanking(input: $input) {\n      rank\n      branchId\n      personId\n      name\n      count\n      amount\n      currency\n      branch {\n        code\n        name\n      }\n    }\n  }\n": typeof types.DashboardRankingDocument,
    "\n  query DashboardAttainment($input: KpiAttainmentInput!) {\n    kpiAttainment(input: $input) {\n      rank\n      branchId\n      personId\n      name\n      measure\n      target\n      actual\n      attainment\n      currency\n    }\n  }\n": typeof types.DashboardAttainmentDocument,
    "\n  query DashboardTrend($input: KpiTrendInput!) {\n    kpiTrend(input: $input) {\n      period\n      from\n      to\n      count\n      amount\n    }\n  }\n": typeof types.DashboardTrendDocument,
    "\n  query DashboardReceivables($branchId: ID) {\n    branchReceivables(branchId: $branchId) {\n      branchId\n      currency\n      asOf\n      outstanding\n      notDue\n      days0to30\n      days31to60\n      days61to90\n      over90\n    }\n  }\n": typeof types.DashboardReceivablesDocument,
    "\n  query DashboardApprovalOverview {\n    approvalOverview {\n      branch {\n        id\n        code\n        name\n      }\n      pending\n      stalled\n      oldestPendingHours\n    }\n  }\n": typeof types.DashboardApprovalOverviewDocument,
    "\n  query DashboardStalled($branchId: ID) {\n    stalledApprovals(branchId: $branchId, first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          submittedAt\n          amount\n          currency\n          requester {\n            displayName\n          }\n        }\n      }\n    }\n  }\n": typeof types.DashboardStalledDocument,
    "\n  query DashboardMyApprovals {\n    myPendingApprovals(first: 10) {\n      totalCount\n      edges {\n        node {\n          request {\n            id\n            title\n            submittedAt\n            amount\n            currency\n          }\n        }\n      }\n    }\n  }\n": typeof types.DashboardMyApprovalsDocument,
    "\n  query DashboardComplaintCounts($branchId: ID) {\n    complaintCounts(filter: { branchId: $branchId }) {\n      branchId\n      state\n      severity\n      count\n      overdue\n      branch {\n        code\n        name\n      }\n    }\n  }\n": typeof types.DashboardComplaintCountsDocument,
    "\n  query DashboardOverdueContacts($userId: ID!) {\n    customers(filter: { overdue: true, ownerId: $userId }, first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          nextContactDueAt\n        }\n      }\n    }\n  }\n": typeof types.DashboardOverdueContactsDocument,
    "\n  query DashboardMyTasks($userId: ID!) {\n    visitTasks(filter: { open: true, assigneeId: $userId }, first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          description\n          dueOn\n          overdue\n        }\n      }\n    }\n  }\n": typeof types.DashboardMyTasksDocument,
    "\n  query DashboardMyQuotes($userId: ID!) {\n    sent: quotes(filter: { ownerId: $userId, state: SENT }, first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          total\n          currency\n          state\n        }\n      }\n    }\n    pendingApproval: quotes(filter: { ownerId: $userId, state: PENDING_APPROVAL }, first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          total\n          currency\n          state\n        }\n      }\n    }\n  }\n": typeof types.DashboardMyQuotesDocument,
    "\n  query DashboardMyQuota($userId: ID!, $period: String!) {\n    repAttainment(period: $period, filter: { userId: $userId }, first: 1) {\n      edges {\n        node {\n          period\n          metrics {\n            metric\n            target\n            actual\n            percent\n          }\n        }\n      }\n    }\n  }\n": typeof types.DashboardMyQuotaDocument,
    "\n  mutation DashboardQueueViewLink {\n    queueViewLink {\n      url\n      expiresAt\n    }\n  }\n": typeof types.DashboardQueueViewLinkDocument,
    "\n  query DashboardPipeline($input: BranchPeriodInput!) {\n    salesPipeline(input: $input) {\n      branchId\n      branch {\n        id\n        name\n      }\n      leadsCreated\n      leadsQualified\n      quotesSent\n      quotesWon\n      quotesLost\n      contractsSigned\n      signedAmount\n      currency\n      winRate\n    }\n  }\n": typeof types.DashboardPipelineDocument,
    "\n  query DashboardCustomerTiers($branchId: ID) {\n    customerTierCounts(branchId: $branchId) {\n      branchId\n      branch {\n        id\n        name\n      }\n      tier\n      customers\n      overdueContacts\n    }\n  }\n": typeof types.DashboardCustomerTiersDocument,
    "\n  query DashboardCycleTimes($input: BranchPeriodInput!) {\n    approvalCycleTimes(input: $input) {\n      branchId\n      branch {\n        id\n        name\n      }\n      subjectType\n      decided\n      medianHours\n      p90Hours\n    }\n  }\n": typeof types.DashboardCycleTimesDocument,
    "\n  query DashboardPartnerTiers($branchId: ID) {\n    partnerCountsByTier(branchId: $branchId) {\n      branch {\n        id\n        name\n      }\n      tier\n      count\n    }\n  }\n": typeof types.DashboardPartnerTiersDocument,
    "\n  query DashboardDrillOverdue($branchId: ID!, $after: String) {\n    customers(filter: { overdue: true, branchId: $branchId }, first: 10, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          tier\n          nextContactDueAt\n          owner {\n            displayName\n          }\n        }\n      }\n    }\n  }\n": typeof types.DashboardDrillOverdueDocument,
    "\n  query DashboardDrillPending($branchId: ID!, $after: String) {\n    pendingApprovals(branchId: $branchId, first: 10, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          title\n          subjectType\n          submittedAt\n          amount\n          currency\n        }\n      }\n    }\n  }\n": typeof types.DashboardDrillPendingDocument,
};
const documents: Documents = {
    "\n  mutation DashboardLogin($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      refreshToken\n    }\n  }\n": types.DashboardLoginDocument,
    "\n  mutation DashboardRefresh($token: String!) {\n    refreshToken(token: $token) {\n      accessToken\n      refreshToken\n    }\n  }\n": types.DashboardRefreshDocument,
    "\n  mutation DashboardLogout($token: String!) {\n    logout(refreshToken: $token)\n  }\n": types.DashboardLogoutDocument,
    "\n  query DashboardMe {\n    me {\n      id\n      displayName\n      memberships {\n        role\n        branch {\n          id\n          code\n          name\n          kind\n          currency\n          timeZone\n        }\n      }\n    }\n    branches {\n      id\n      code\n      name\n      kind\n      currency\n      timeZone\n    }\n  }\n": types.DashboardMeDocument,
    "\n  query DashboardRanking($input: KpiRankingInput!) {\n    kpiRanking(input: $input) {\n      rank\n      branchId\n      personId\n      name\n      count\n      amount\n      currency\n      branch {\n        code\n        name\n      }\n    }\n  }\n": types.DashboardRankingDocument,
    "\n  query DashboardAttainment($input: KpiAttainmentInput!) {\n    kpiAttainment(input: $input) {\n      rank\n      branchId\n      personId\n      name\n      measure\n      target\n      actual\n      attainment\n      currency\n    }\n  }\n": types.DashboardAttainmentDocument,
    "\n  query DashboardTrend($input: KpiTrendInput!) {\n    kpiTrend(input: $input) {\n      period\n      from\n      to\n      count\n      amount\n    }\n  }\n": types.DashboardTrendDocument,
    "\n  query DashboardReceivables($branchId: ID) {\n    branchReceivables(branchId: $branchId) {\n      branchId\n      currency\n      asOf\n      outstanding\n      notDue\n      days0to30\n      days31to60\n      days61to90\n      over90\n    }\n  }\n": types.DashboardReceivablesDocument,
    "\n  query DashboardApprovalOverview {\n    approvalOverview {\n      branch {\n        id\n        code\n        name\n      }\n      pending\n      stalled\n      oldestPendingHours\n    }\n  }\n": types.DashboardApprovalOverviewDocument,
    "\n  query DashboardStalled($branchId: ID) {\n    stalledApprovals(branchId: $branchId, first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          submittedAt\n          amount\n          currency\n          requester {\n            displayName\n          }\n        }\n      }\n    }\n  }\n": types.DashboardStalledDocument,
    "\n  query DashboardMyApprovals {\n    myPendingApprovals(first: 10) {\n      totalCount\n      edges {\n        node {\n          request {\n            id\n            title\n            submittedAt\n            amount\n            currency\n          }\n        }\n      }\n    }\n  }\n": types.DashboardMyApprovalsDocument,
    "\n  query DashboardComplaintCounts($branchId: ID) {\n    complaintCounts(filter: { branchId: $branchId }) {\n      branchId\n      state\n      severity\n      count\n      overdue\n      branch {\n        code\n        name\n      }\n    }\n  }\n": types.DashboardComplaintCountsDocument,
    "\n  query DashboardOverdueContacts($userId: ID!) {\n    customers(filter: { overdue: true, ownerId: $userId }, first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          nextContactDueAt\n        }\n      }\n    }\n  }\n": types.DashboardOverdueContactsDocument,
    "\n  query DashboardMyTasks($userId: ID!) {\n    visitTasks(filter: { open: true, assigneeId: $userId }, first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          description\n          dueOn\n          overdue\n        }\n      }\n    }\n  }\n": types.DashboardMyTasksDocument,
    "\n  query DashboardMyQuotes($userId: ID!) {\n    sent: quotes(filter: { ownerId: $userId, state: SENT }, first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          total\n          currency\n          state\n        }\n      }\n    }\n    pendingApproval: quotes(filter: { ownerId: $userId, state: PENDING_APPROVAL }, first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          total\n          currency\n          state\n        }\n      }\n    }\n  }\n": types.DashboardMyQuotesDocument,
    "\n  query DashboardMyQuota($userId: ID!, $period: String!) {\n    repAttainment(period: $period, filter: { userId: $userId }, first: 1) {\n      edges {\n        node {\n          period\n          metrics {\n            metric\n            target\n            actual\n            percent\n          }\n        }\n      }\n    }\n  }\n": types.DashboardMyQuotaDocument,
    "\n  mutation DashboardQueueViewLink {\n    queueViewLink {\n      url\n      expiresAt\n    }\n  }\n": types.DashboardQueueViewLinkDocument,
    "\n  query DashboardPipeline($input: BranchPeriodInput!) {\n    salesPipeline(input: $input) {\n      branchId\n      branch {\n        id\n        name\n      }\n      leadsCreated\n      leadsQualified\n      quotesSent\n      quotesWon\n      quotesLost\n      contractsSigned\n      signedAmount\n      currency\n      winRate\n    }\n  }\n": types.DashboardPipelineDocument,
    "\n  query DashboardCustomerTiers($branchId: ID) {\n    customerTierCounts(branchId: $branchId) {\n      branchId\n      branch {\n        id\n        name\n      }\n      tier\n      customers\n      overdueContacts\n    }\n  }\n": types.DashboardCustomerTiersDocument,
    "\n  query DashboardCycleTimes($input: BranchPeriodInput!) {\n    approvalCycleTimes(input: $input) {\n      branchId\n      branch {\n        id\n        name\n      }\n      subjectType\n      decided\n      medianHours\n      p90Hours\n    }\n  }\n": types.DashboardCycleTimesDocument,
    "\n  query DashboardPartnerTiers($branchId: ID) {\n    partnerCountsByTier(branchId: $branchId) {\n      branch {\n        id\n        name\n      }\n      tier\n      count\n    }\n  }\n": types.DashboardPartnerTiersDocument,
    "\n  query DashboardDrillOverdue($branchId: ID!, $after: String) {\n    customers(filter: { overdue: true, branchId: $branchId }, first: 10, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          tier\n          nextContactDueAt\n          owner {\n            displayName\n          }\n        }\n      }\n    }\n  }\n": types.DashboardDrillOverdueDocument,
    "\n  query DashboardDrillPending($branchId: ID!, $after: String) {\n    pendingApprovals(branchId: $branchId, first: 10, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          title\n          subjectType\n          submittedAt\n          amount\n          currency\n        }\n      }\n    }\n  }\n": types.DashboardDrillPendingDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardLogin($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      refreshToken\n    }\n  }\n"): typeof import('./graphql').DashboardLoginDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardRefresh($token: String!) {\n    refreshToken(token: $token) {\n      accessToken\n      refreshToken\n    }\n  }\n"): typeof import('./graphql').DashboardRefreshDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardLogout($token: String!) {\n    logout(refreshToken: $token)\n  }\n"): typeof import('./graphql').DashboardLogoutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardMe {\n    me {\n      id\n      displayName\n      memberships {\n        role\n        branch {\n          id\n          code\n          name\n          kind\n          currency\n          timeZone\n        }\n      }\n    }\n    branches {\n      id\n      code\n      name\n      kind\n      currency\n      timeZone\n    }\n  }\n"): typeof import('./graphql').DashboardMeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardRanking($input: KpiRankingInput!) {\n    kpiRanking(input: $input) {\n      rank\n      branchId\n      personId\n      name\n      count\n      amount\n      currency\n      branch {\n        code\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardRankingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardAttainment($input: KpiAttainmentInput!) {\n    kpiAttainment(input: $input) {\n      rank\n      branchId\n      personId\n      name\n      measure\n      target\n      actual\n      attainment\n      currency\n    }\n  }\n"): typeof import('./graphql').DashboardAttainmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardTrend($input: KpiTrendInput!) {\n    kpiTrend(input: $input) {\n      period\n      from\n      to\n      count\n      amount\n    }\n  }\n"): typeof import('./graphql').DashboardTrendDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardReceivables($branchId: ID) {\n    branchReceivables(branchId: $branchId) {\n      branchId\n      currency\n      asOf\n      outstanding\n      notDue\n      days0to30\n      days31to60\n      days61to90\n      over90\n    }\n  }\n"): typeof import('./graphql').DashboardReceivablesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardApprovalOverview {\n    approvalOverview {\n      branch {\n        id\n        code\n        name\n      }\n      pending\n      stalled\n      oldestPendingHours\n    }\n  }\n"): typeof import('./graphql').DashboardApprovalOverviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardStalled($branchId: ID) {\n    stalledApprovals(branchId: $branchId, first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          submittedAt\n          amount\n          currency\n          requester {\n            displayName\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardStalledDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardMyApprovals {\n    myPendingApprovals(first: 10) {\n      totalCount\n      edges {\n        node {\n          request {\n            id\n            title\n            submittedAt\n            amount\n            currency\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardMyApprovalsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardComplaintCounts($branchId: ID) {\n    complaintCounts(filter: { branchId: $branchId }) {\n      branchId\n      state\n      severity\n      count\n      overdue\n      branch {\n        code\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardComplaintCountsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardOverdueContacts($userId: ID!) {\n    customers(filter: { overdue: true, ownerId: $userId }, first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          nextContactDueAt\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardOverdueContactsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardMyTasks($userId: ID!) {\n    visitTasks(filter: { open: true, assigneeId: $userId }, first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          description\n          dueOn\n          overdue\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardMyTasksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardMyQuotes($userId: ID!) {\n    sent: quotes(filter: { ownerId: $userId, state: SENT }, first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          total\n          currency\n          state\n        }\n      }\n    }\n    pendingApproval: quotes(filter: { ownerId: $userId, state: PENDING_APPROVAL }, first: 10) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          total\n          currency\n          state\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardMyQuotesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardMyQuota($userId: ID!, $period: String!) {\n    repAttainment(period: $period, filter: { userId: $userId }, first: 1) {\n      edges {\n        node {\n          period\n          metrics {\n            metric\n            target\n            actual\n            percent\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardMyQuotaDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DashboardQueueViewLink {\n    queueViewLink {\n      url\n      expiresAt\n    }\n  }\n"): typeof import('./graphql').DashboardQueueViewLinkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardPipeline($input: BranchPeriodInput!) {\n    salesPipeline(input: $input) {\n      branchId\n      branch {\n        id\n        name\n      }\n      leadsCreated\n      leadsQualified\n      quotesSent\n      quotesWon\n      quotesLost\n      contractsSigned\n      signedAmount\n      currency\n      winRate\n    }\n  }\n"): typeof import('./graphql').DashboardPipelineDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardCustomerTiers($branchId: ID) {\n    customerTierCounts(branchId: $branchId) {\n      branchId\n      branch {\n        id\n        name\n      }\n      tier\n      customers\n      overdueContacts\n    }\n  }\n"): typeof import('./graphql').DashboardCustomerTiersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardCycleTimes($input: BranchPeriodInput!) {\n    approvalCycleTimes(input: $input) {\n      branchId\n      branch {\n        id\n        name\n      }\n      subjectType\n      decided\n      medianHours\n      p90Hours\n    }\n  }\n"): typeof import('./graphql').DashboardCycleTimesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardPartnerTiers($branchId: ID) {\n    partnerCountsByTier(branchId: $branchId) {\n      branch {\n        id\n        name\n      }\n      tier\n      count\n    }\n  }\n"): typeof import('./graphql').DashboardPartnerTiersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardDrillOverdue($branchId: ID!, $after: String) {\n    customers(filter: { overdue: true, branchId: $branchId }, first: 10, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          tier\n          nextContactDueAt\n          owner {\n            displayName\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardDrillOverdueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardDrillPending($branchId: ID!, $after: String) {\n    pendingApprovals(branchId: $branchId, first: 10, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          title\n          subjectType\n          submittedAt\n          amount\n          currency\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardDrillPendingDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
