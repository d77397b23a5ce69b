import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Database, RequestContext, type AppConfig } from '@app/core';
import { AppModule } from '../src/app.module.js';
import { ApprovalDecisionsService } from '../src/modules/approvals/approval-decisions.service.js';
import { ContractReviewsService } from '../src/modules/contracts/contract-reviews.service.js';
import { ContractRisksService } from '../src/modules/contracts/contract-risks.service.js';
import { ContractSchedulesService } from '../src/modules/contracts/contract-schedules.service.js';
import { ContractSigningService } from '../src/modules/contracts/contract-signing.service.js';
import { ContractsService } from '../src/modules/contracts/contracts.service.js';
import { InstalmentKind, RiskCategory, SignatorySide } from '../src/modules/contracts/contract.enums.js';
import { QuoteLifecycleService } from '../src/modules/contracts/quote-lifecycle.service.js';
import { QuoteLineKind } from '../src/modules/contracts/quote.enums.js';
import { QuotesService } from '../src/modules/contracts/quotes.service.js';
import { OrderChannel } from '../src/modules/orders/order.enums.js';
import { OrdersService } from '../src/modules/orders/orders.service.js';
import { TendersService } from '../src/modules/tenders/tenders.service.js';
import { commercialSlices, day, type ActAs } from './seed-demo-commercial.js';
import { returnsSlices } from './seed-demo-ret.js';
import { operationsSlices } from './seed-demo-operations.js';
import { purchaseOrderSlices } from './seed-demo-po.js';
import { procurementSlices } from './seed-demo-proc.js';
import { apprSlices } from './seed-demo-appr.js';
import { reconSlices } from './seed-demo-recon.js';
import { statsSlices } from './seed-demo-stats.js';
import { finSlices } from './seed-demo-fin.js';
import { kpiSlices } from './seed-demo-kpi.js';
import { contractLineSlices } from './seed-demo-lines.js';

/** Who acts: the ids the SQL part of the seed gave the demo people. */
export interface DemoPerson {
  id: string;
  role: string;
  branchId: string;
  headOffice: boolean;
}

export interface DemoBranch {
  id: string;
  code: string;
  manager: DemoPerson;
  rep: DemoPerson;
  /** The branch's legal reviewer (decides the LEGAL_REVIEW requests). */
  legal: DemoPerson;
  /** The branch's finance reviewer and its back-office clerk (with the manager: a tender's evaluation committee). */
  finance: DemoPerson;
  clerk: DemoPerson;
  /** Customer ids by the demo customer's short name. */
  customers: Record<string, string>;
}

/**
 * The working part of the demo: contracts, approvals, quotes, a phone order and a tender in every branch,
 * made through the product's own services (so every row, approval step, timeline entry and outbox job
 * is what the API would have written). Runs once: a database that already has contracts keeps its work in
 * progress. Then each module slice of seed-demo-commercial.ts (leads, channels, research, visits,
 * satisfaction, tiering, complaints, research events and campaigns) goes in once, when its table is empty. True when anything was seeded.
 */
export async function seedDemoWork(
  config: AppConfig,
  org: { id: string; allBranchIds: string[]; leader: DemoPerson; admin: DemoPerson; branches: DemoBranch[] },
): Promise<boolean> {
  const app = await NestFactory.create(AppModule.forRoot(config), { logger: false });
  await app.init();
  try {
    const db = app.get(Database);
    const as: ActAs = <T>(who: DemoPerson, work: (ctx: RequestContext) => Promise<T>): Promise<T> => {
      const scope = {
        branchIds: who.headOffice ? org.allBranchIds : [who.branchId],
        userId: who.id,
        ownOnly: who.role === 'SALES_REP',
      };
      const actor = { userId: who.id, organizationId: org.id, role: who.role, headOffice: who.headOffice };
      return db.run(scope, (tx) => work(RequestContext.forTransaction(tx, scope, actor)));
    };
    // Head office's leadership sees every branch: an empty table here is empty in the whole demo.
    const isEmpty = async (table: string) =>
      (await as(org.leader, async (ctx) => (await ctx.tx()).query(`SELECT 1 FROM ${table} LIMIT 1`))).length === 0;
    let seeded = false;
    if (await isEmpty('contracts')) {
      await seedWorkInProgress(app, as, org);
      seeded = true;
    }
    for (const slice of [
      ...commercialSlices(app, as),
      ...operationsSlices(app, as, org.leader),
      ...purchaseOrderSlices(app, as, org.leader),
      ...procurementSlices(app, as, org.leader),
      ...apprSlices(app, as),
      ...reconSlices(app, as, org.admin),
      ...returnsSlices(app, as, org.leader),
      ...statsSlices(app, as),
      ...finSlices(app, as, org.leader),
      ...kpiSlices(app, as, org.leader),
      ...contractLineSlices(app, as, org.leader),
    ]) {
      if (!(await isEmpty(slice.table))) continue;
      for (const b of org.branches) await slice.seed(b);
      seeded = true;
    }
    return seeded;
  } finally {
    await app.close();
  }
}

/** Contracts, approvals, quotes, a phone order and a tender in every branch. */
async function seedWorkInProgress(
  app: INestApplicationContext,
  as: ActAs,
  org: { leader: DemoPerson; branches: DemoBranch[] },
): Promise<void> {
  const contracts = app.get(ContractsService);
  const signing = app.get(ContractSigningService);
  const reviews = app.get(ContractReviewsService);
  const risks = app.get(ContractRisksService);
  const schedules = app.get(ContractSchedulesService);
  const approvals = app.get(ApprovalDecisionsService);
  const quotes = app.get(QuotesService);
  const quoteMoves = app.get(QuoteLifecycleService);
  const orders = app.get(OrdersService);
  const tenders = app.get(TendersService);
  const pendingStep = (requestId: string | null) =>
    as(org.leader, async (ctx) => {
      const rows = await (
        await ctx.tx()
      ).query<{ id: string }>(`SELECT id FROM approval_steps WHERE request_id = $1 AND status = 'PENDING'`, [
        requestId,
      ]);
      return rows[0].id;
    });

  for (const b of org.branches) {
    // The customers below are the sales rep's own (a rep sees only those).
    const { manager: m, rep: r, customers: c } = b;
    /** The rep sends the contract to legal review; the branch's legal reviewer approves it into NEGOTIATION. */
    const throughLegal = async (id: string, comment: string) => {
      const sent = await as(r, (ctx) => reviews.submitForLegalReview(ctx, id));
      await as(b.legal, async (ctx) => approvals.approve(ctx, await pendingStep(sent.legalReviewRequestId), comment));
    };
    // 1. An active contract, signed and numbered, with its payment schedule and a milestone.
    const active = await as(r, (ctx) =>
      contracts.create(ctx, {
        customerId: c['Orient Machinery'],
        title: 'Annual supply of spare parts',
        amount: '360000.00',
        startsOn: day(-30),
        endsOn: day(335),
      }),
    );
    await throughLegal(active.id, 'Standard terms; liability cap checked');
    await as(r, (ctx) =>
      contracts.recordRound(ctx, {
        contractId: active.id,
        heldOn: day(-35),
        counterpart: 'Purchasing department',
        points: 'Delivery within 10 days of each call-off; 30 % prepayment',
        outcome: 'Agreed, prepayment lowered from 40 %',
      }),
    );
    const submitted = await as(r, (ctx) => signing.submitForApproval(ctx, active.id));
    await as(m, async (ctx) => approvals.approve(ctx, await pendingStep(submitted.approvalRequestId), 'Fine'));
    await as(m, (ctx) =>
      signing.sign(ctx, active.id, {
        signedOn: day(0),
        signatories: [
          { name: 'Branch manager', side: SignatorySide.OURS },
          { name: 'Purchasing director', side: SignatorySide.CUSTOMER },
        ],
        originalReceived: true,
      }),
    );
    await as(m, (ctx) => contracts.step(ctx, active.id, 'ACTIVATE'));
    for (const [kind, dueOn, amount] of [
      [InstalmentKind.PREPAYMENT, day(-25), '108000.00'],
      [InstalmentKind.PROGRESS, day(5), '126000.00'],
      [InstalmentKind.FINAL, day(320), '126000.00'],
    ] as const) {
      await as(r, (ctx) => schedules.addInstalment(ctx, { contractId: active.id, kind, dueOn, amount }));
    }
    await as(r, (ctx) =>
      schedules.addMilestone(ctx, { contractId: active.id, title: 'First call-off delivered', dueOn: day(12) }),
    );

    // 2. A contract waiting for the branch manager.
    const waiting = await as(r, (ctx) =>
      contracts.create(ctx, {
        customerId: c['Pearl Logistics'],
        title: 'Warehouse handling equipment',
        amount: '120000.00',
        startsOn: day(20),
        endsOn: day(385),
      }),
    );
    await throughLegal(waiting.id, 'No remarks');
    await as(r, (ctx) => signing.submitForApproval(ctx, waiting.id));

    // 3. A large contract the branch manager approved: above 500,000 it now waits for leadership.
    const large = await as(r, (ctx) =>
      contracts.create(ctx, {
        customerId: c['Orient Machinery'],
        title: 'Plant logistics system, three sites',
        amount: '820000.00',
        startsOn: day(30),
        endsOn: day(760),
        specialTerms: 'Acceptance per site; 5 % retention for 12 months',
      }),
    );
    await throughLegal(large.id, 'Retention clause acceptable; see the risk register for acceptance per site');
    const big = await as(r, (ctx) => signing.submitForApproval(ctx, large.id));
    await as(m, async (ctx) => approvals.approve(ctx, await pendingStep(big.approvalRequestId), 'Supported'));
    // Its special terms wait for their own approval (the branch manager first), and its risk register.
    await as(r, (ctx) => reviews.submitSpecialTerms(ctx, large.id));
    await as(r, (ctx) =>
      risks.add(ctx, {
        contractId: large.id,
        description: 'Site 3 acceptance depends on the customer finishing its building works',
        category: RiskCategory.DELIVERY,
        probability: 3,
        impact: 5,
        response: { mitigation: 'Acceptance of site 3 separated from sites 1-2', ownerId: r.id, dueOn: day(25) },
      }),
    );
    await as(r, (ctx) =>
      risks.add(ctx, {
        contractId: large.id,
        description: '5 % retention ties up cash for 12 months',
        category: RiskCategory.FINANCIAL,
        probability: 4,
        impact: 2,
      }),
    );

    // 3b. A new application waiting for the branch's legal reviewer.
    const review = await as(r, (ctx) =>
      contracts.create(ctx, {
        customerId: c['Pearl Logistics'],
        title: 'Forklift maintenance, two years',
        amount: '86000.00',
        startsOn: day(40),
        endsOn: day(770),
      }),
    );
    await as(r, (ctx) => reviews.submitForLegalReview(ctx, review.id));

    // 4. Quotes: one beyond the discount limit waiting for approval, one sent to the customer.
    const special = await as(r, (ctx) =>
      quotes.create(ctx, {
        customerId: c['Pearl Logistics'],
        title: 'Loading equipment, spring campaign',
        validUntil: day(14),
        lines: [
          {
            kind: QuoteLineKind.PRODUCT,
            description: 'Hoist, 2 t',
            quantity: '4',
            unitPrice: '38500.00',
            discountPercent: '15',
          },
          {
            kind: QuoteLineKind.SERVICE,
            description: 'Installation',
            quantity: '4',
            unitPrice: '2200.00',
            discountPercent: '0',
          },
        ],
      }),
    );
    await as(r, (ctx) => quoteMoves.submitForApproval(ctx, special.id));
    const standard = await as(r, (ctx) =>
      quotes.create(ctx, {
        customerId: c['Lotus Retail'],
        title: 'Shelving for two stores',
        validUntil: day(2),
        lines: [
          {
            kind: QuoteLineKind.PRODUCT,
            description: 'Shelf unit',
            quantity: '40',
            unitPrice: '860.00',
            discountPercent: '5',
          },
        ],
      }),
    );
    await as(r, (ctx) => quoteMoves.send(ctx, standard.id));

    // 5. An order taken by phone without a contract: it waits for the manager, then leadership.
    const order = await as(r, (ctx) =>
      orders.create(ctx, {
        customerId: c['Lotus Retail'],
        channel: OrderChannel.PHONE,
        receivedOn: day(0),
        reference: 'Call from the store manager',
        lines: [{ description: 'Shelf unit, urgent', quantity: '6', unitPrice: '860.00' }],
      }),
    );
    await as(r, (ctx) => orders.confirm(ctx, order.id));

    // 6. A tender being prepared, due in ten days, one qualification file still missing.
    await as(r, (ctx) =>
      tenders.create(ctx, {
        project: `${b.code} municipal hospital equipment`,
        issuer: 'Municipal Health Commission',
        submissionDeadline: new Date(Date.now() + 10 * 864e5),
        openingPlace: 'Public resource trading centre',
        scope: 'Supply and installation of logistics equipment',
        bidAmount: '1450000.00',
        depositAmount: '29000.00',
        documents: [
          { name: 'Business licence', required: true },
          { name: 'ISO 9001 certificate', required: true },
          { name: 'Reference letters', required: false },
        ],
      }),
    );
  }
}
