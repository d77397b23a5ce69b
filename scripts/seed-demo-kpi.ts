import type { INestApplicationContext } from '@nestjs/common';
import { ApprovalDecisionsService } from '../src/modules/approvals/approval-decisions.service.js';
import { ApprovalSettingsService } from '../src/modules/approvals/approval-settings.service.js';
import { Role } from '../src/modules/branches/roles.js';
import { DeliveryInvoicingService } from '../src/modules/finance/delivery-invoicing.service.js';
import { InvoiceType } from '../src/modules/finance/invoice.enums.js';
import { InvoiceIssuingService } from '../src/modules/finance/invoice-issuing.service.js';
import type { ActAs, DemoSlice } from './seed-demo-commercial.js';
import type { DemoPerson } from './seed-demo-work.js';

/**
 * The demo's attendance: the last month of device punches for every person of every branch, Monday to Friday
 * (09:00-18:00 on the branch calendar): most arrive between 08:45 and 09:10, about one day in twelve someone
 * comes 20 to 50 minutes late, everyone clocks out between 18:00 and 18:40. Punches older than a day can only be
 * corrections through the service, so the history goes in as the branch's device export would: one statement per
 * branch, as its manager (row-level security applies).
 */
export function kpiSlices(app: INestApplicationContext, as: ActAs, leader: DemoPerson): DemoSlice[] {
  const attendance: DemoSlice = {
    table: 'attendance_punches',
    async seed({ id: branchId, manager }) {
      await as(manager, async (ctx) =>
        (await ctx.tx()).query(
          `WITH days AS (
             SELECT d::date AS day FROM generate_series(
               (now() AT TIME ZONE 'Asia/Shanghai')::date - 30, (now() AT TIME ZONE 'Asia/Shanghai')::date - 1,
               interval '1 day') d
             WHERE extract(isodow FROM d) < 6),
           people AS (SELECT DISTINCT user_id FROM branch_directory WHERE branch_id = $1),
           shifts AS (
             SELECT p.user_id, d.day, abs(hashtext(p.user_id::text || d.day::text)) AS h FROM people p, days d)
           INSERT INTO attendance_punches (branch_id, id, person_id, kind, at, day, source, state, recorded_by)
           SELECT $1, gen_random_uuid(), s.user_id, k.kind,
             (s.day + k.at) AT TIME ZONE 'Asia/Shanghai', s.day, 'DEVICE', 'COUNTED', s.user_id
           FROM shifts s CROSS JOIN LATERAL (VALUES
             ('IN', time '08:45' + (s.h % 25) * interval '1 minute'
               + CASE WHEN s.h % 12 = 0 THEN (20 + s.h % 31) * interval '1 minute' ELSE interval '0' END),
             ('OUT', time '18:00' + (s.h / 25 % 40) * interval '1 minute')) AS k(kind, at)`,
          [branchId],
        ),
      );
    },
  };
  return [attendance, creditNoteSlice(app, as, leader)];
}

/**
 * A credit note in the KPIs, in every branch: the returns slice's pump order (closed on acceptance, one pump
 * returned) is invoiced for what the customer kept (开票申请, finance's review: leadership's where the branch has no
 * finance reviewer, as the purchase-order slice does), issued, and a price allowance of 200.00 credited on it
 * (折让). The credit note's domain events, like the return's, reach the KPI rollups when the worker counts the
 * outbox: the order's SALES_AMOUNT and GROSS_PROFIT less the return and the allowance.
 */
function creditNoteSlice(app: INestApplicationContext, as: ActAs, leader: DemoPerson): DemoSlice {
  const invoicing = app.get(DeliveryInvoicingService);
  const issuing = app.get(InvoiceIssuingService);
  const approvals = app.get(ApprovalDecisionsService);
  const settings = app.get(ApprovalSettingsService);
  const query = <T>(who: DemoPerson, sql: string, params: unknown[]) =>
    as(who, async (ctx) => (await ctx.tx()).query<T>(sql, params));
  return {
    table: "invoices WHERE kind = 'CREDIT_NOTE'",
    async seed({ id: branchId, manager: m, rep: r }) {
      // The pumps' shipment (not the exchange's replacement): the first one of the order taken by phone.
      const [shipment] = await query<{ id: string }>(
        m,
        `SELECT s.id FROM shipments s JOIN orders o ON o.branch_id = s.branch_id AND o.id = s.order_id
         WHERE s.branch_id = $1 AND o.reference = 'Call-off 7' AND s.status = 'ACCEPTED' ORDER BY s.created_at LIMIT 1`,
        [branchId],
      );
      if (!shipment) throw new Error(`demo: no accepted pump shipment in branch ${branchId} (the returns slice)`);
      const [finance] = await query<{ id: string }>(
        m,
        'SELECT user_id AS id FROM branch_directory WHERE branch_id = $1 AND role = $2 ORDER BY 1 LIMIT 1',
        [branchId, Role.FINANCE],
      );
      let reviewer: DemoPerson = finance ? { id: finance.id, role: Role.FINANCE, branchId, headOffice: false } : leader;
      if (!finance) {
        await as(leader, (ctx) =>
          settings.setPolicy(ctx, branchId, 'INVOICE_REQUEST', {
            steps: [
              {
                name: 'Leadership (no finance reviewer in the branch)',
                approver: { kind: 'HQ_ROLE', role: Role.LEADERSHIP },
                slaHours: 8,
              },
            ],
            reminderPercents: [50, 90],
            maxEscalationLevel: 0,
          }),
        );
        reviewer = leader;
      }
      const invoice = await as(r, (ctx) =>
        invoicing.request(ctx, { shipmentId: shipment.id, type: InvoiceType.VAT_SPECIAL, note: '两台已收货的循环泵' }),
      );
      const steps = await query<{ id: string }>(
        leader,
        `SELECT id FROM approval_steps WHERE request_id = $1 AND status = 'PENDING'`,
        [invoice.approvalRequestId],
      );
      for (const step of steps) {
        await as(reviewer, (ctx) => approvals.approve(ctx, step.id, 'Delivery receipt and prices checked'));
      }
      await as(reviewer, (ctx) => issuing.issue(ctx, invoice.id, { type: InvoiceType.VAT_SPECIAL, taxRate: '13' }));
      const [line] = await query<{ id: string }>(
        reviewer,
        'SELECT id FROM invoice_lines WHERE branch_id = $1 AND invoice_id = $2 ORDER BY 1 LIMIT 1',
        [branchId, invoice.id],
      );
      await as(reviewer, (ctx) =>
        issuing.credit(ctx, {
          invoiceId: invoice.id,
          reason: '价格折让：交货延迟两天',
          lines: [{ lineId: line.id, amount: '200.00' }],
        }),
      );
    },
  };
}
