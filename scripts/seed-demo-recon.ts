import type { INestApplicationContext } from '@nestjs/common';
import { addDays } from '@app/core';
import { DocumentKind } from '../src/modules/documents/document.enums.js';
import { ReceiptKind } from '../src/modules/finance/receipt.enums.js';
import { ReceiptsService } from '../src/modules/finance/receipts.service.js';
import { ReconciliationGenerationService } from '../src/modules/finance/reconciliation-generation.service.js';
import { PartnersService } from '../src/modules/channels/partners.service.js';
import { lastMonthEnd, lastPeriod } from '../src/modules/finance/reconciliation-period.js';
import type { ReconciliationStatement } from '../src/modules/finance/reconciliation.entity.js';
import { ReconciliationService } from '../src/modules/finance/reconciliation.service.js';
import { day, type ActAs, type DemoSlice } from './seed-demo-commercial.js';
import { demoUpload } from './seed-demo-operations.js';
import type { DemoPerson } from './seed-demo-work.js';

/**
 * The demo's reconciliation slice, in every branch: two customers paid on account in the last half-year (head
 * office's finance administrator records the transfers), their statements generated as the worker does, one left
 * SENT and one signed back with its scan; and the branch's distributor (buying under Summit Construction, 3 % rebate)
 * paid on account last month, with that month's partner statement. Through the services, as the API and the worker
 * would have done it.
 */
export function reconSlices(app: INestApplicationContext, as: ActAs, admin: DemoPerson): DemoSlice[] {
  const receipts = app.get(ReceiptsService);
  const generation = app.get(ReconciliationGenerationService);
  const statements = app.get(ReconciliationService);
  const period = lastPeriod(day(0));
  const month = lastMonthEnd(day(0));
  const partners = app.get(PartnersService);

  const statementSlice: DemoSlice = {
    table: 'reconciliation_statements',
    async seed({ id: branchId, code, customers, manager }) {
      const made: (ReconciliationStatement | null)[] = [];
      for (const [i, name] of ['Orient Machinery', 'Pearl Logistics'].entries()) {
        await as(admin, (ctx) =>
          receipts.record(ctx, {
            branchId,
            customerId: customers[name],
            kind: ReceiptKind.BANK_TRANSFER,
            amount: i === 0 ? '120000.00' : '45800.00',
            receivedOn: addDays(period.end, -20 - 7 * i),
            reference: `${code}-TT-${period.end.slice(0, 4)}-${i + 1}`,
          }),
        );
        made.push(
          await as(admin, async (ctx) =>
            generation.generate(await ctx.tx(), {
              branch_id: branchId,
              customer_id: customers[name],
              period_end: period.end,
            }),
          ),
        );
      }
      // The scan is the branch's file (the manager files it); head office's finance administrator records the answer.
      const scan = await demoUpload(app, manager, DocumentKind.LETTER, `${code} statement ${period.end} signed.pdf`);
      await as(admin, (ctx) => statements.sign(ctx, made[1]!.id, scan.id));
      // The distributor's month: a transfer received, then the statement the monthly scan makes.
      const customerId = customers['Summit Construction'];
      const distributor = (
        await as(admin, (ctx) => partners.list(ctx, { first: 100, filter: { branchId } }))
      ).edges.find((e) => e.node.customerId === customerId)?.node;
      if (!distributor) throw new Error(`demo: branch ${code} has no partner buying under Summit Construction`);
      await as(admin, (ctx) =>
        receipts.record(ctx, {
          branchId,
          customerId,
          kind: ReceiptKind.BANK_TRANSFER,
          amount: '36000.00',
          receivedOn: addDays(month.end, -5),
          reference: `${code}-TT-${month.end.slice(0, 7)}`,
        }),
      );
      await as(admin, async (ctx) =>
        generation.generateMonthly(await ctx.tx(), [
          { branch_id: branchId, customer_id: customerId, partner_id: distributor.id, period_end: month.end },
        ]),
      );
    },
  };
  return [statementSlice];
}
