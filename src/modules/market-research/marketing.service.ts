import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  ForbiddenError,
  NotFoundError,
  clean,
  todayIn,
  writeAudit,
  type RequestContext,
  parseMoney,
} from '@app/core';
import { keysetPage, type ConnectionShape } from '@app/graphql';
import { actingBranch } from '../branches/acting-branch.js';
import { BranchesService } from '../branches/branches.service.js';
import { CustomersService } from '../customers/customers.service.js';
import type {
  AddMilestoneInput,
  CreateCampaignInput,
  CreateMarketingPlanInput,
  MilestoneInput,
  UpdateCampaignInput,
} from './dto/plans.input.js';
import { planPeriod } from './plan-period.js';
import {
  CampaignCustomers,
  Campaigns,
  MarketingPlans,
  PlanMilestones,
  type Campaign,
  type MarketingPlan,
  type PlanMilestone,
} from './plans.entity.js';
import type { CampaignEvaluation, CampaignFilter, ResearchPeriodFilter } from './plans.types.js';
import { checkPeriod, periodFilter } from './research-activities.service.js';
import { MarketingPlanKind } from './research.enums.js';

/** Orders that count as revenue: decided and firm (not drafts, pending, rejected or cancelled ones). */
const REVENUE_STATES = `'APPROVED', 'CONFIRMED', 'RELEASED'`;
/** Orders received up to this many days after a campaign's end are still attributed to it. */
export const ATTRIBUTION_DAYS = 90;

/**
 * A campaign's evaluation, computed by PostgreSQL in numeric, one row per campaign: customers are the
 * linked ones when any are linked, else the count entered; revenue is the orders of the linked customers.
 */
const EVALUATIONS = `(SELECT c.*, coalesce(l.n, 0) AS linked,
      CASE WHEN coalesce(l.n, 0) > 0 THEN l.n ELSE c.customers_count END AS attributed,
      coalesce(r.revenue, 0) AS revenue
    FROM campaigns c
    LEFT JOIN LATERAL (SELECT count(*)::int AS n FROM campaign_customers cc
      WHERE cc.branch_id = c.branch_id AND cc.campaign_id = c.id) l ON true
    LEFT JOIN LATERAL (SELECT sum(o.amount) AS revenue FROM campaign_customers cc
      JOIN orders o ON o.branch_id = cc.branch_id AND o.customer_id = cc.customer_id
      WHERE cc.branch_id = c.branch_id AND cc.campaign_id = c.id AND o.state IN (${REVENUE_STATES})
        AND o.currency = c.currency AND o.received_on BETWEEN c.starts_on AND c.ends_on + ${ATTRIBUTION_DAYS}) r ON true
  ) ev`;

const EVALUATION_COLUMNS = `${Campaigns.cols('ev')}, attributed,
  CASE WHEN leads_count > 0 THEN round(spend / leads_count, 2)::text END AS "costPerLead",
  CASE WHEN attributed > 0 THEN round(spend / attributed, 2)::text END AS "costPerCustomer",
  round(revenue, 2)::text AS "revenueAttributed", (budget - spend)::text AS "budgetLeft"`;

type EvaluationRow = Campaign & {
  attributed: number;
  costPerLead: string | null;
  costPerCustomer: string | null;
  revenueAttributed: string;
  budgetLeft: string;
};

/** Marketing plans (annual, quarterly, monthly) with milestones, and campaigns with their evaluation. */
@Injectable()
export class MarketingService {
  constructor(
    private readonly branches: BranchesService,
    private readonly customers: CustomersService,
  ) {}

  plan(ctx: RequestContext, id: string): Promise<MarketingPlan | null> {
    return MarketingPlans.findInScope(ctx, id);
  }

  async plans(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: ResearchPeriodFilter },
  ): Promise<ConnectionShape<MarketingPlan>> {
    return keysetPage(ctx, args, {
      columns: MarketingPlans.cols(),
      from: 'marketing_plans',
      filter: periodFilter(ctx, args.filter ?? {}, 'period_start'),
      order: { column: 'period_start', cast: 'date', desc: true, value: (p: MarketingPlan) => p.periodStart },
      map: MarketingPlans.map,
    });
  }

  /** The milestones of many plans ("branchId:planId" keys), by due day, in one statement. */
  milestonesLoader(ctx: RequestContext): DataLoader<string, PlanMilestone[]> {
    return PlanMilestones.childLoader(ctx, 'planId', 'x.due_on, x.title');
  }

  async createPlan(ctx: RequestContext, input: CreateMarketingPlanInput): Promise<MarketingPlan> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    const period = planPeriod(input.kind as MarketingPlanKind, input.periodStart);
    const milestones = input.milestones ?? [];
    milestones.forEach((m, i) => this.checkMilestone(m, period, `milestones[${i}].dueOn`));
    const tx = await ctx.tx();
    const after = await MarketingPlans.insert(tx, {
      branchId,
      id: randomUUID(),
      kind: input.kind,
      title: input.title.trim(),
      periodStart: period.start,
      periodEnd: period.end,
      productStrategy: clean(input.productStrategy) ?? null,
      priceStrategy: clean(input.priceStrategy) ?? null,
      channelStrategy: clean(input.channelStrategy) ?? null,
      promotionStrategy: clean(input.promotionStrategy) ?? null,
      createdById: actor.userId,
    });
    if (milestones.length) {
      await tx.query(
        `INSERT INTO plan_milestones (branch_id, id, plan_id, title, due_on)
         SELECT $1, gen_random_uuid(), $2, x.t, x.d FROM unnest($3::text[], $4::date[]) AS x(t, d)`,
        [branchId, after.id, milestones.map((m) => m.title.trim()), milestones.map((m) => m.dueOn)],
      );
    }
    await writeAudit(ctx, { branchId, entity: 'marketing_plan', entityId: after.id, action: 'create', after });
    return after;
  }

  async addMilestone(ctx: RequestContext, input: AddMilestoneInput): Promise<PlanMilestone> {
    const plan = await MarketingPlans.lock(ctx, input.planId.toLowerCase());
    this.checkMilestone(input, { start: plan.periodStart, end: plan.periodEnd }, 'dueOn');
    const after = await PlanMilestones.insert(await ctx.tx(), {
      branchId: plan.branchId,
      id: randomUUID(),
      planId: plan.id,
      title: input.title.trim(),
      dueOn: input.dueOn,
    });
    await writeAudit(ctx, {
      branchId: plan.branchId,
      entity: 'plan_milestone',
      entityId: after.id,
      action: 'create',
      after,
    });
    return after;
  }

  /** Marks a milestone done on the branch's today, or not done again. */
  async setMilestoneDone(ctx: RequestContext, id: string, done: boolean): Promise<PlanMilestone> {
    const before = await PlanMilestones.findInScope(ctx, id, { lock: true });
    if (!before) throw new NotFoundError('Milestone', id);
    const branch = await this.branches.branchLoader(ctx).load(before.branchId);
    const after = await PlanMilestones.update(await ctx.tx(), PlanMilestones.keyOf(before), {
      done,
      doneOn: done ? (before.doneOn ?? todayIn(branch!.timeZone)) : null,
    });
    await writeAudit(ctx, {
      branchId: before.branchId,
      entity: 'plan_milestone',
      entityId: id,
      action: done ? 'done' : 'reopen',
      before,
      after,
    });
    return after;
  }

  campaign(ctx: RequestContext, id: string): Promise<Campaign | null> {
    return Campaigns.findInScope(ctx, id);
  }

  async campaigns(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: CampaignFilter },
  ): Promise<ConnectionShape<Campaign>> {
    return keysetPage(ctx, args, {
      columns: Campaigns.cols(),
      from: 'campaigns',
      filter: this.campaignFilter(ctx, args.filter ?? {}),
      order: { column: 'starts_on', cast: 'date', desc: true, value: (c: Campaign) => c.startsOn },
      map: Campaigns.map,
    });
  }

  /**
   * Cost per lead and per customer and the revenue attributed, for a page of campaigns in one statement
   * (head office: every branch). Not for sales reps: they see only their own orders and customers.
   */
  async evaluations(
    ctx: RequestContext,
    args: { first?: number; after?: string; filter?: CampaignFilter },
  ): Promise<ConnectionShape<CampaignEvaluation>> {
    if (ctx.ownOnly) {
      throw new ForbiddenError('Campaign evaluation covers every customer and order of the branch: ask your manager');
    }
    return keysetPage(ctx, args, {
      columns: EVALUATION_COLUMNS,
      from: EVALUATIONS,
      filter: this.campaignFilter(ctx, args.filter ?? {}),
      order: { column: 'starts_on', cast: 'date', desc: true, value: (e: CampaignEvaluation) => e.campaign.startsOn },
      map: (r: EvaluationRow) => {
        const { attributed, costPerLead, costPerCustomer, revenueAttributed, budgetLeft, ...campaign } = r;
        return {
          id: campaign.id,
          campaign,
          leads: campaign.leadsCount,
          customers: attributed,
          costPerLead,
          costPerCustomer,
          revenueAttributed,
          budgetLeft,
        };
      },
    });
  }

  async createCampaign(ctx: RequestContext, input: CreateCampaignInput): Promise<Campaign> {
    const actor = ctx.requireActor();
    const branchId = actingBranch(ctx, input.branchId);
    const budget = parseMoney('budget', input.budget);
    const spend = parseMoney('spend', input.spend ?? '0');
    checkPeriod(input.startsOn, input.endsOn);
    const tx = await ctx.tx();
    let planId: string | null = null;
    if (input.planId) {
      const plan = await this.plan(ctx, input.planId.toLowerCase());
      if (!plan || plan.branchId !== branchId) throw new NotFoundError('Marketing plan', input.planId);
      planId = plan.id;
    }
    const branch = await this.branches.branchLoader(ctx).load(branchId);
    if (!branch) throw new NotFoundError('Branch', branchId);
    const after = await Campaigns.insert(tx, {
      branchId,
      id: randomUUID(),
      planId,
      name: input.name.trim(),
      type: input.type,
      budget,
      spend,
      currency: branch.currency,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      createdById: actor.userId,
    });
    await writeAudit(ctx, { branchId, entity: 'campaign', entityId: after.id, action: 'create', after });
    return after;
  }

  async updateCampaign(ctx: RequestContext, id: string, input: UpdateCampaignInput): Promise<Campaign> {
    const budget = input.budget != null ? parseMoney('budget', input.budget) : undefined;
    const spend = input.spend != null ? parseMoney('spend', input.spend) : undefined;
    const before = await Campaigns.lock(ctx, id);
    const startsOn = input.startsOn ?? before.startsOn;
    const endsOn = input.endsOn ?? before.endsOn;
    checkPeriod(startsOn, endsOn);
    return Campaigns.change(
      ctx,
      before,
      {
        name: input.name?.trim() ?? before.name,
        budget: budget ?? before.budget,
        spend: spend ?? before.spend,
        startsOn,
        endsOn,
        leadsCount: input.leadsCount ?? before.leadsCount,
        customersCount: input.customersCount ?? before.customersCount,
        lessons: input.lessons !== undefined ? clean(input.lessons) : before.lessons,
      },
      'update',
    );
  }

  /** Attributes a customer of the campaign's branch to it (once). */
  async linkCustomer(ctx: RequestContext, campaignId: string, customerId: string): Promise<Campaign> {
    const actor = ctx.requireActor();
    const tx = await ctx.tx();
    const campaign = await Campaigns.lock(ctx, campaignId);
    const customer = await this.customers.findOne(ctx, customerId);
    if (!customer || customer.branchId !== campaign.branchId) throw new NotFoundError('Customer', customerId);
    await CampaignCustomers.insert(tx, {
      branchId: campaign.branchId,
      id: randomUUID(),
      campaignId: campaign.id,
      customerId: customer.id,
      linkedById: actor.userId,
    });
    await writeAudit(ctx, {
      branchId: campaign.branchId,
      entity: 'campaign',
      entityId: campaign.id,
      action: 'link_customer',
      after: { customerId: customer.id },
    });
    return campaign;
  }

  private campaignFilter(ctx: RequestContext, f: CampaignFilter) {
    const filter = periodFilter(ctx, f, 'starts_on').eq('type', f.type);
    if (f.planId) filter.eq('plan_id', f.planId.toLowerCase(), 'uuid');
    return filter;
  }

  private checkMilestone(m: MilestoneInput, period: { start: string; end: string }, field: string): void {
    if (m.dueOn < period.start || m.dueOn > period.end) {
      throw BadUserInputError.field(field, `must be within the plan period, ${period.start} to ${period.end}`);
    }
  }
}
