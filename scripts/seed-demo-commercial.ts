import type { INestApplicationContext } from '@nestjs/common';
import type { RequestContext } from '@app/core';
import { EvaluationsService } from '../src/modules/channels/evaluations.service.js';
import { PartnerRecordsService } from '../src/modules/channels/partner-records.service.js';
import { PartnerKind, PartnerStatus, SupportKind } from '../src/modules/channels/channel.enums.js';
import { PartnerAgreementsService } from '../src/modules/channels/partner-agreements.service.js';
import { PartnersService } from '../src/modules/channels/partners.service.js';
import { ComplaintCategory, ComplaintChannel, ComplaintSeverity } from '../src/modules/complaints/complaint.enums.js';
import { ComplaintsService } from '../src/modules/complaints/complaints.service.js';
import { CustomerTierEnum } from '../src/modules/customers/customer.enums.js';
import { LeadContactRole, LeadScreening, LeadSource } from '../src/modules/customers/lead.enums.js';
import { LeadsService } from '../src/modules/customers/leads.service.js';
import { TieringService } from '../src/modules/customers/tiering.service.js';
import { CompetitorsService } from '../src/modules/market-research/competitors.service.js';
import { MarketingService } from '../src/modules/market-research/marketing.service.js';
import { ResearchActivitiesService } from '../src/modules/market-research/research-activities.service.js';
import { ResearchItemsService } from '../src/modules/market-research/research-items.service.js';
import {
  CampaignType,
  CustomerSize,
  ObservationAspect,
  ResearchEventKind,
  ResearchItemKind,
} from '../src/modules/market-research/research.enums.js';
import { SegmentsService } from '../src/modules/market-research/segments.service.js';
import { SatisfactionService } from '../src/modules/visits/satisfaction.service.js';
import { SatisfactionMethod } from '../src/modules/visits/satisfaction.types.js';
import { VisitsService } from '../src/modules/visits/visits.service.js';
import type { DemoBranch, DemoPerson } from './seed-demo-work.js';

/** Runs `work` as `who`, in one transaction of their scope (as the API would for their request). */
export type ActAs = <T>(who: DemoPerson, work: (ctx: RequestContext) => Promise<T>) => Promise<T>;

/**
 * One module's part of the demo. It is seeded into every branch when `table` has no row in the demo
 * organization yet, so a demo database made before the module existed gets it on the next run, once.
 */
export interface DemoSlice {
  table: string;
  seed(b: DemoBranch): Promise<void>;
}

const CITY: Record<string, string> = { SH: 'Shanghai', BJ: 'Beijing', SZ: 'Shenzhen' };
const TZ = 'Asia/Shanghai';
const dayOf = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(d);
/** A business day `offset` days from today, in the demo branches' time zone (YYYY-MM-DD). */
export const day = (offset: number) => dayOf(new Date(Date.now() + offset * 864e5));
/** The quarter `back` quarters before the current one, e.g. 2026-Q4. */
const quarter = (back = 0) => {
  const [y, m] = day(0).split('-').map(Number);
  const q = y * 4 + Math.floor((m - 1) / 3) - back;
  return `${Math.floor(q / 4)}-Q${(q % 4) + 1}`;
};
/** A day of the last ISO week (0 = Monday), so the weekly research digest picks it up. */
const lastWeek = (weekday: number) => {
  const today = new Date(`${day(0)}T00:00:00Z`);
  const sinceMonday = (today.getUTCDay() + 6) % 7;
  return day(-sinceMonday - 7 + weekday);
};

/** The issue-4 modules' slices, in dependency order (visits use the quote the work-in-progress sent). */
export function commercialSlices(app: INestApplicationContext, as: ActAs): DemoSlice[] {
  const leads = app.get(LeadsService);
  const partners = app.get(PartnersService);
  const agreements = app.get(PartnerAgreementsService);
  const evaluations = app.get(EvaluationsService);
  const records = app.get(PartnerRecordsService);
  const research = app.get(ResearchItemsService);
  const competitors = app.get(CompetitorsService);
  const segments = app.get(SegmentsService);
  const visits = app.get(VisitsService);
  const satisfaction = app.get(SatisfactionService);
  const tiering = app.get(TieringService);
  const complaints = app.get(ComplaintsService);
  const activities = app.get(ResearchActivitiesService);
  const marketing = app.get(MarketingService);

  // Leads: a valid one converted into a customer, an invalid one (only a switchboard), a valid one and its
  // duplicate by mobile number (written differently), and one the manager keeps (the rep does not see it).
  const leadSlice: DemoSlice = {
    table: 'leads',
    async seed({ code, rep: r, manager: m }) {
      const city = CITY[code];
      const converted = await as(r, (ctx) =>
        leads.create(ctx, {
          source: LeadSource.WEB,
          company: `${city} Hengda Packaging`,
          contactName: 'Wang Wei',
          contactRole: LeadContactRole.MANAGER,
          mobile: '+86 139 1000 0001',
          email: `wang.wei@hengda-${code.toLowerCase()}.example`,
          note: 'Asked for a quote through the web form',
        }),
      );
      await as(r, (ctx) => leads.screen(ctx, converted.id, { outcome: LeadScreening.FIT, note: 'Budget confirmed' }));
      await as(r, (ctx) =>
        leads.convert(ctx, converted.id, { tier: CustomerTierEnum.LOW, industry: 'Packaging', region: city }),
      );
      await as(r, (ctx) =>
        leads.create(ctx, {
          source: LeadSource.TRADE_SHOW,
          company: `${city} Golden Bridge Trading`,
          contactName: 'Reception desk',
          contactRole: LeadContactRole.OTHER,
          switchboard: '+86 21 5000 1000',
          note: 'Only the switchboard from the trade-show badge: find the purchasing manager',
        }),
      );
      await as(r, (ctx) =>
        leads.create(ctx, {
          source: LeadSource.REFERRAL,
          company: `${city} Riverside Foods`,
          contactName: 'Chen Jing',
          contactRole: LeadContactRole.SUPERVISOR,
          mobile: '+86 137 2000 0002',
          note: 'Referred by Orient Machinery',
        }),
      );
      await as(r, (ctx) =>
        leads.create(ctx, {
          source: LeadSource.RESEARCH,
          company: `${city} Riverside Foods Co., Ltd.`,
          contactName: 'Chen Jing',
          contactRole: LeadContactRole.SUPERVISOR,
          mobile: '+86 (137) 2000-0002',
        }),
      );
      await as(m, (ctx) =>
        leads.create(ctx, {
          source: LeadSource.PARTNER,
          company: `${city} Harbour Medical Devices`,
          contactName: 'Liu Yang',
          contactRole: LeadContactRole.STAFF_IN_CHARGE,
          messagingAccount: `liuyang_${code.toLowerCase()}`,
          note: 'Introduced by our distributor',
        }),
      );
    },
  };

  // Channels: the manager's distributor (buying under the manager's customer Summit Construction, 3 % rebate),
  // its agreement ending in 60 days (the first reminder is due
  // today), evaluated last quarter (C) and this one (B, the trend), with a dispute, training and an end user;
  // the rep's online store evaluated this quarter (C), so head office sees partners in two tiers per branch.
  const channelSlice: DemoSlice = {
    table: 'partners',
    async seed({ code, rep: r, manager: m, customers }) {
      const city = CITY[code];
      const distributor = await as(m, (ctx) =>
        partners.create(ctx, {
          kind: PartnerKind.DISTRIBUTOR,
          name: `${city} Eastern Distribution`,
          region: `${city} and surroundings`,
          status: PartnerStatus.ACTIVE,
          customerId: customers['Summit Construction'],
          contacts: [{ name: 'Zhao Min', title: 'General manager', phone: '+86 138 3000 0003', isPrimary: true }],
        }),
      );
      await as(m, (ctx) =>
        agreements.create(ctx, {
          partnerId: distributor.id,
          startsOn: day(-305),
          endsOn: day(60),
          territory: `${city} municipality`,
          terms: 'Exclusive distribution of spare parts; 12 % margin; payment 30 days after delivery; 3 % rebate',
          rebateRate: '3',
        }),
      );
      for (const [period, sales, coverage, feedback] of [
        [quarter(1), '610000.00', '55', '70'],
        [quarter(0), '820000.00', '65', '80'],
      ]) {
        await as(m, (ctx) =>
          evaluations.record(ctx, {
            partnerId: distributor.id,
            period,
            salesAmount: sales,
            marketCoverage: coverage,
            customerFeedback: feedback,
          }),
        );
      }
      await as(m, (ctx) =>
        records.openDispute(ctx, {
          partnerId: distributor.id,
          subject: 'Sales outside the territory',
          description: 'Two deliveries to a customer in a neighbouring province',
        }),
      );
      await as(m, (ctx) =>
        records.recordSupport(ctx, {
          partnerId: distributor.id,
          kind: SupportKind.TRAINING,
          givenOn: day(-14),
          topic: 'Product training: hoists and installation',
          attendees: 8,
        }),
      );
      await as(m, (ctx) =>
        records.recordEndUser(ctx, {
          partnerId: distributor.id,
          name: `${city} Port Warehousing`,
          industry: 'Logistics',
          purchased: 'Six hoists with installation',
          purchasedOn: day(-20),
        }),
      );
      const store = await as(r, (ctx) =>
        partners.create(ctx, {
          kind: PartnerKind.ECOMMERCE_PLATFORM,
          name: `${city} Online Store`,
          region: 'Online',
          status: PartnerStatus.ACTIVE,
        }),
      );
      await as(m, (ctx) =>
        evaluations.record(ctx, {
          partnerId: store.id,
          period: quarter(0),
          salesAmount: '500000.00',
          marketCoverage: '60',
          customerFeedback: '80',
        }),
      );
    },
  };

  // Market research: a news and a policy item of last week (the weekly digest's), two competitors with
  // dated observations to compare side by side, and a focus segment with a persona.
  const researchSlice: DemoSlice = {
    table: 'research_items',
    async seed({ code, rep: r, manager: m }) {
      const city = CITY[code];
      await as(r, (ctx) =>
        research.create(ctx, {
          kind: ResearchItemKind.NEWS,
          title: `${city} logistics park opens its second phase`,
          source: 'Logistics Daily',
          publishedOn: lastWeek(1),
          tags: ['logistics', 'warehousing'],
          summary: 'Forty new warehouses to be fitted out next year: handling equipment demand ahead',
          relevance: 4,
        }),
      );
      await as(m, (ctx) =>
        research.create(ctx, {
          kind: ResearchItemKind.POLICY,
          title: 'Subsidies for replacing old industrial equipment',
          source: 'Municipal Commission of Economy',
          publishedOn: lastWeek(3),
          tags: ['policy', 'manufacturing'],
          summary: 'Up to 15 % of the price of energy-efficient replacements is refunded to manufacturers',
          relevance: 5,
        }),
      );
      for (const [name, product, price, observed] of [
        ['Apex Lifting', 'Hoists and cranes, broad range', 'About 8 % below us', 'Cut hoist prices by 5 % for Q4'],
        ['Delta Handling', 'Warehouse trucks, few hoists', 'On par with us', 'Opened a showroom downtown'],
      ]) {
        const c = await as(m, (ctx) =>
          competitors.create(ctx, {
            name,
            product,
            price,
            channel: 'Direct sales and two distributors',
            promotion: 'Trade shows, online ads',
          }),
        );
        await as(m, (ctx) =>
          competitors.recordObservation(ctx, {
            competitorId: c.id,
            observedOn: day(-5),
            aspect: name === 'Apex Lifting' ? ObservationAspect.PRICE : ObservationAspect.CHANNEL,
            note: observed,
            source: 'Customer visit',
          }),
        );
      }
      const segment = await as(m, (ctx) =>
        segments.create(ctx, {
          name: `${city} mid-size manufacturers`,
          region: city,
          industry: 'Manufacturing',
          size: CustomerSize.MEDIUM,
          marketSizeScore: 70,
          growthScore: 60,
          competitionScore: 40,
          focus: true,
        }),
      );
      await as(m, (ctx) =>
        segments.addPersona(ctx, {
          segmentId: segment.id,
          name: 'Plant maintenance manager',
          profile: 'Engineer, 40-50, runs a team of ten, owns the spare-parts budget',
          needs: 'Short delivery times, local installation',
        }),
      );
    },
  };

  // Visits: one planned in three days; one the customer asked for after the sent quote, reported today
  // (effective) with a commitment that became a follow-up task, waiting for the manager's review; a cold
  // call reported and reviewed (not effective).
  const visitSlice: DemoSlice = {
    table: 'visits',
    async seed({ customers: c, rep: r, manager: m }) {
      await as(r, (ctx) =>
        visits.plan(ctx, {
          customerId: c['Orient Machinery'],
          plannedOn: day(3),
          purpose: 'Present the second call-off and the spare-parts catalogue',
          memberIds: [m.id],
        }),
      );
      const quoteId = await as(r, async (ctx) => {
        const rows = await (
          await ctx.tx()
        ).query<{ id: string }>(
          `SELECT id FROM quotes WHERE customer_id = $1 AND sent_at IS NOT NULL ORDER BY sent_at DESC LIMIT 1`,
          [c['Lotus Retail']],
        );
        return rows[0]?.id;
      });
      const asked = await as(r, (ctx) =>
        visits.plan(ctx, {
          customerId: c['Lotus Retail'],
          plannedOn: day(0),
          purpose: 'Discuss the shelving quote with the store manager',
          requestedByCustomer: true,
          quoteId,
        }),
      );
      await as(r, (ctx) =>
        visits.fileReport(ctx, asked.id, {
          summary: 'Walked both stores; the quote fits, they want a second colour',
          customerNeeds: 'Shelves in grey for the second store; delivery before the spring sale',
          commitments: [{ description: 'Send the revised quote with grey shelves', dueOn: day(2) }],
        }),
      );
      const cold = await as(r, (ctx) =>
        visits.plan(ctx, {
          customerId: c['Pearl Logistics'],
          plannedOn: day(0),
          purpose: 'Introduce our handling equipment',
        }),
      );
      await as(r, (ctx) =>
        visits.fileReport(ctx, cold.id, { summary: 'Met the warehouse lead; no project before next year' }),
      );
      await as(m, (ctx) => visits.review(ctx, cold.id, 'Call again in January, when their budget is set'));
    },
  };

  const satisfactionSlice: DemoSlice = {
    table: 'satisfaction_surveys',
    async seed({ customers: c, rep: r }) {
      for (const [name, score, method] of [
        ['Orient Machinery', 9, SatisfactionMethod.SURVEY],
        ['Pearl Logistics', 6, SatisfactionMethod.RETURN_VISIT],
      ] as const) {
        await as(r, (ctx) =>
          satisfaction.record(ctx, { customerId: c[name], period: quarter(0), score, method, surveyedOn: day(0) }),
        );
      }
    },
  };

  // Tiering: Pearl Logistics (MEDIUM) buys a second large order and becomes HIGH at once (a LARGE_CHANGE in
  // its tier history); the customer converted from a lead (LOW) becomes MEDIUM with its first order.
  const tieringSlice: DemoSlice = {
    table: 'customer_purchases',
    async seed({ customers: c, rep: r }) {
      const converted = await as(r, async (ctx) => {
        const rows = await (
          await ctx.tx()
        ).query<{ customer_id: string }>(`SELECT customer_id FROM leads WHERE state = 'CONVERTED' LIMIT 1`);
        return rows[0]?.customer_id;
      });
      const purchases: [string | undefined, number, string, string][] = [
        [c['Pearl Logistics'], -150, '260000.00', 'Racking for the Pudong warehouse'],
        [c['Pearl Logistics'], -12, '880000.00', 'Handling equipment for the new distribution centre'],
        [converted, -3, '240000.00', 'First order: packaging line conveyors'],
      ];
      for (const [customerId, offset, amount, note] of purchases) {
        if (!customerId) continue;
        await as(r, (ctx) => tiering.recordPurchase(ctx, { customerId, purchasedOn: day(offset), amount, note }));
      }
    },
  };

  // Complaints: one received today (HIGH: a response is due within the branch's 24 hours, escalated to the
  // manager if nobody answers), and one investigated, resolved and confirmed by the customer (CLOSED).
  const complaintSlice: DemoSlice = {
    table: 'complaints',
    async seed({ customers: c, rep: r }) {
      await as(r, (ctx) =>
        complaints.create(ctx, {
          customerId: c['Orient Machinery'],
          channel: ComplaintChannel.PHONE,
          category: ComplaintCategory.DELIVERY,
          severity: ComplaintSeverity.HIGH,
          description: 'Two hoists of the first call-off arrived with damaged packaging and a bent hook',
        }),
      );
      const done = await as(r, (ctx) =>
        complaints.create(ctx, {
          customerId: c['Lotus Retail'],
          channel: ComplaintChannel.EMAIL,
          category: ComplaintCategory.BILLING,
          severity: ComplaintSeverity.LOW,
          description: 'The invoice shows 42 shelf units; 40 were delivered',
        }),
      );
      await as(r, (ctx) =>
        complaints.startInvestigation(ctx, done.id, 'Checking the delivery note with the warehouse'),
      );
      await as(r, (ctx) =>
        complaints.resolve(ctx, done.id, {
          rootCause: 'The invoice was drawn from the order before two units were cancelled',
          resolution: 'Credit note for two units sent',
        }),
      );
      await as(r, (ctx) =>
        complaints.followUp(ctx, done.id, { confirmed: true, note: 'The store manager received the credit note' }),
      );
    },
  };

  // Research activities: last month's trade show with its takeaways, and this month's campaign with the
  // customer it brought in (for the campaign evaluation).
  const activitySlice: DemoSlice = {
    table: 'research_events',
    async seed({ customers: c, rep: r, manager: m }) {
      await as(m, (ctx) =>
        activities.createEvent(ctx, {
          kind: ResearchEventKind.TRADE_SHOW,
          name: 'China International Logistics Equipment Fair',
          location: 'National Exhibition and Convention Center',
          startsOn: day(-33),
          endsOn: day(-31),
          attendeeIds: [m.id, r.id],
          takeaways: 'Automated racking is what warehouses ask about; two competitors showed lower-priced hoists',
        }),
      );
      const campaign = await as(m, (ctx) =>
        marketing.createCampaign(ctx, {
          name: 'Warehouse week: 10 % off installation',
          type: CampaignType.DISCOUNT,
          budget: '30000.00',
          spend: '12000.00',
          startsOn: day(-10),
          endsOn: day(20),
        }),
      );
      await as(m, (ctx) => marketing.linkCustomer(ctx, campaign.id, c['Pearl Logistics']));
    },
  };

  return [
    leadSlice,
    channelSlice,
    researchSlice,
    visitSlice,
    satisfactionSlice,
    tieringSlice,
    complaintSlice,
    activitySlice,
  ];
}
