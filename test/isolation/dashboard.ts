import { expect } from '@jest/globals';
import { org1, tokens, byName, ok, type Case } from './harness.js';

/** Isolation cases of Head-office dashboard figures. */
export const cases: Case[] = [
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
];

export async function ownIds(): Promise<void> {
  const hq = tokens.admin1;
  for (const name of ['salesPipeline(branchId)', 'approvalCycleTimes(branchId)', 'customerTierCounts(branchId)'])
    expect(Object.values(await ok(hq, byName(name), { id: org1.a.id }))[0]).toEqual(expect.any(Array));
  const ownPipeline = await ok(hq, byName('salesPipeline(branchId)'), { id: org1.a.id });
  expect((ownPipeline.salesPipeline as unknown as { branchId: string }[]).map((p) => p.branchId)).toEqual([org1.a.id]);
  const pending = await ok(hq, byName('pendingApprovals(branchId)'), { id: org1.a.id });
  expect(pending.pendingApprovals.totalCount).toBeGreaterThan(0);
}
