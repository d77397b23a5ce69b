import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@app/core';
import { SqlFilter, checkPeriod, inPeriodSql, type BranchPeriodInput } from '@app/graphql';
import { Customers } from './customer.entity.js';
import { CustomerStatusEnum, type CustomerTierEnum } from './customer.enums.js';
import type { BranchLeadFunnel, CustomerTierCount } from './customer-figures.types.js';
import { Leads } from './lead.entity.js';
import { LeadScreening } from './lead.enums.js';

/**
 * Head-office figures over the customers module's own tables, each one statement whatever the number of branches
 * or rows: customers per tier with their overdue contacts, and the lead end of the sales pipeline.
 */
@Injectable()
export class CustomerFiguresService {
  /** Active customers per branch in scope and tier, with how many are overdue for contact now. */
  async tierCounts(ctx: RequestContext, branchId?: string): Promise<CustomerTierCount[]> {
    const f = new SqlFilter()
      .branches(ctx, branchId, Customers.col('branchId', 'c'))
      .owner(ctx, Customers.col('ownerId', 'c'))
      .eq(Customers.col('status', 'c'), CustomerStatusEnum.ACTIVE);
    const tx = await ctx.tx();
    const rows = await tx.query<{ branch_id: string; tier: CustomerTierEnum; n: number; overdue: number }>(
      `SELECT c.branch_id, c.tier, count(*)::int AS n,
         (count(*) FILTER (WHERE ${Customers.col('nextContactDueAt', 'c')} <= now()))::int AS overdue
       FROM customers c WHERE ${f.sql}
       GROUP BY c.branch_id, c.tier
       ORDER BY c.branch_id, array_position('{HIGH,MEDIUM,LOW}'::text[], c.tier)`,
      f.params,
    );
    return rows.map((r) => ({ branchId: r.branch_id, tier: r.tier, customers: r.n, overdueContacts: r.overdue }));
  }

  /** Leads created and qualified in the period, per branch in scope (a sales rep: their own). */
  async leadFunnel(ctx: RequestContext, input: BranchPeriodInput): Promise<BranchLeadFunnel[]> {
    checkPeriod(input);
    const f = new SqlFilter().branches(ctx, input.branchId, 'sb.id').where(`sb.kind = 'BRANCH'`);
    const from = f.param(input.from, 'date');
    const to = f.param(input.to, 'date');
    const l = (p: Parameters<typeof Leads.col>[0]) => Leads.col(p, 'l');
    const mine = ctx.ownOnly ? `AND ${l('ownerId')} = ${f.param(ctx.actor!.userId, 'uuid')}` : '';
    const fit = f.param(LeadScreening.FIT);
    const tx = await ctx.tx();
    // Two counts per branch, each an index range on its own instant (an OR of both would read the whole branch).
    const rows = await tx.query<{ branch_id: string; created: number; qualified: number }>(
      `SELECT sb.id AS branch_id,
         (SELECT count(*) FROM leads l WHERE ${l('branchId')} = sb.id
            AND ${inPeriodSql(l('createdAt'), from, to, 'sb.time_zone')} ${mine})::int AS created,
         (SELECT count(*) FROM leads l WHERE ${l('branchId')} = sb.id AND ${l('screening')} = ${fit} AND ${l('valid')}
            AND ${inPeriodSql(l('screenedAt'), from, to, 'sb.time_zone')} ${mine})::int AS qualified
       FROM scope_branches sb WHERE ${f.sql}`,
      f.params,
    );
    return rows.map((r) => ({ branchId: r.branch_id, created: r.created, qualified: r.qualified }));
  }
}
