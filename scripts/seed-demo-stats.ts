import type { INestApplicationContext } from '@nestjs/common';
import { ApprovalDecisionsService } from '../src/modules/approvals/approval-decisions.service.js';
import { BudgetCategory } from '../src/modules/finance/budget.enums.js';
import { BudgetsService } from '../src/modules/finance/budgets.service.js';
import { TripsService } from '../src/modules/finance/trips.service.js';
import { day, type ActAs, type DemoSlice } from './seed-demo-commercial.js';

/**
 * The demo's budgets slice, in every branch: this year's travel budget with an expense recorded against it, and a
 * business trip of the rep approved by the branch manager. Through the services, as the API would have done it.
 */
export function statsSlices(app: INestApplicationContext, as: ActAs): DemoSlice[] {
  const budgets = app.get(BudgetsService);
  const trips = app.get(TripsService);
  const approvals = app.get(ApprovalDecisionsService);
  const year = day(0).slice(0, 4);

  const budgetSlice: DemoSlice = {
    table: 'budgets',
    async seed({ code, manager: m, rep: r }) {
      const budget = await as(m, (ctx) =>
        budgets.setBudget(ctx, {
          category: BudgetCategory.TRAVEL,
          name: `${code} travel ${year} (差旅费)`,
          periodStart: `${year}-01-01`,
          periodEnd: `${year}-12-31`,
          amount: '60000.00',
        }),
      );
      await as(m, (ctx) =>
        budgets.recordExpense(ctx, {
          budgetId: budget.id,
          description: 'Trade fair train tickets (展会车票)',
          amount: '1280.50',
          spentOn: day(0),
        }),
      );
      const trip = await as(r, (ctx) =>
        trips.apply(ctx, {
          budgetId: budget.id,
          destination: 'Wuhan',
          purpose: 'Visit the design institute about the pump station project',
          startsOn: day(0) < `${year}-12-29` ? day(2) : day(0),
          endsOn: day(0) < `${year}-12-29` ? day(3) : day(0),
          estimatedAmount: '3200.00',
        }),
      );
      await as(m, async (ctx) => {
        const rows = await (
          await ctx.tx()
        ).query<{ id: string }>(`SELECT id FROM approval_steps WHERE request_id = $1 AND status = 'PENDING'`, [
          trip.approvalRequestId,
        ]);
        return approvals.approve(ctx, rows[0].id, 'Go ahead');
      });
    },
  };

  return [budgetSlice];
}
