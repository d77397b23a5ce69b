import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@app/core';
import { SqlFilter, keysetPage, type ConnectionShape } from '@app/graphql';
import { InstalmentPaymentsService, type OpenBalance } from '../contracts/instalment-payments.service.js';
import { AGEING_BOUNDS, namedBands } from './ageing.js';
import { ReceivableGrouping } from './receipt.enums.js';
import type { InvoicedReceivable } from './invoice.types.js';
import type { BranchReceivable, Receivable, ReceivableFilter } from './receipt.types.js';

const amounts = (b: OpenBalance) => ({
  currency: b.currency,
  due: b.due,
  paid: b.paid,
  outstanding: b.open,
  notDue: b.notDue,
  ...namedBands(b.bands),
});

/**
 * Receivables (应收账款) from the contracts' payment schedules and what receipts paid onto them, aged in the
 * bands of ageing.ts. The contracts module sums its own rows (one statement for any number of branches).
 */
@Injectable()
export class ReceivablesService {
  constructor(private readonly payments: InstalmentPaymentsService) {}

  async list(
    ctx: RequestContext,
    args: { by: ReceivableGrouping; asOf?: string; filter?: ReceivableFilter; first?: number; after?: string },
  ): Promise<ConnectionShape<Receivable>> {
    const page = await this.payments.balances(
      ctx,
      args.by,
      { asOf: args.asOf, bounds: AGEING_BOUNDS, ...args.filter },
      { first: args.first, after: args.after },
    );
    return {
      edges: page.edges.map((e) => ({
        cursor: e.cursor,
        node: {
          id: e.node.id,
          branchId: e.node.branchId,
          customerId: e.node.customerId!,
          contractId: e.node.contractId,
          asOf: e.node.asOf,
          ...amounts(e.node),
        },
      })),
      pageInfo: page.pageInfo,
      get totalCount() {
        return page.totalCount;
      },
    };
  }

  async byBranch(ctx: RequestContext, args: { asOf?: string; branchId?: string }): Promise<BranchReceivable[]> {
    const rows = await this.payments.branchBalances(ctx, {
      asOf: args.asOf,
      bounds: AGEING_BOUNDS,
      branchId: args.branchId,
    });
    return rows.map((b) => ({ branchId: b.branchId, asOf: args.asOf ?? null, ...amounts(b) }));
  }

  /**
   * Receivables from invoices (the invoice-based figure beside the schedule-based one above): per customer,
   * issued invoices - credit notes - RECORDED receipts; per contract, the same with what receipts applied to its
   * instalments. One statement for the page whatever the number of branches. `asOf`: what stood at the close of
   * that business day (invoices issued and money received up to it), the figure a reconciliation statement closes on.
   */
  invoiced(
    ctx: RequestContext,
    args: { by: ReceivableGrouping; asOf?: string; filter?: ReceivableFilter; first?: number; after?: string },
  ): Promise<ConnectionShape<InvoicedReceivable>> {
    const f = new SqlFilter();
    const q = args.filter ?? {};
    const branches = q.branchId ? ctx.branchIds.filter((b) => b === q.branchId!.toLowerCase()) : [...ctx.branchIds];
    const inScope = f.param(branches, 'uuid[]');
    const upTo = (column: string) => (args.asOf ? `AND ${column} <= ${f.param(args.asOf, 'date')}` : '');
    const byContract = args.by === ReceivableGrouping.CONTRACT;
    const key = byContract ? 'contract_id' : 'customer_id';
    const received = byContract
      ? `SELECT a.branch_id, a.contract_id AS key, min(r.customer_id::text)::uuid AS customer_id, sum(a.amount) AS received
         FROM receipt_applications a JOIN receipts r ON r.branch_id = a.branch_id AND r.id = a.receipt_id
         WHERE a.branch_id = ANY(${inScope}) AND a.reversed_at IS NULL ${upTo('r.received_on')} GROUP BY a.branch_id, a.contract_id`
      : `SELECT branch_id, customer_id AS key, customer_id, sum(amount) AS received FROM receipts
         WHERE branch_id = ANY(${inScope}) AND state = 'RECORDED' ${upTo('received_on')} GROUP BY branch_id, customer_id`;
    const inner = `SELECT coalesce(i.branch_id, r.branch_id) AS "branchId", coalesce(i.key, r.key) AS id,
        coalesce(i.customer_id, r.customer_id) AS "customerId", ${byContract ? 'coalesce(i.key, r.key)' : 'NULL::uuid'} AS "contractId",
        sb.currency, coalesce(i.invoiced, 0.00)::text AS invoiced, coalesce(i.credited, 0.00)::text AS credited,
        coalesce(r.received, 0.00)::text AS received,
        (coalesce(i.invoiced, 0.00) - coalesce(i.credited, 0.00) - coalesce(r.received, 0.00))::text AS receivable
      FROM (SELECT branch_id, ${key} AS key, min(customer_id::text)::uuid AS customer_id,
              sum(amount) FILTER (WHERE kind = 'INVOICE') AS invoiced, sum(amount) FILTER (WHERE kind = 'CREDIT_NOTE') AS credited
            FROM invoices WHERE branch_id = ANY(${inScope}) AND state IN ('ISSUED', 'DELIVERED', 'CONFIRMED')
              ${upTo('issued_on')} GROUP BY branch_id, ${key}) i
      FULL JOIN (${received}) r ON r.branch_id = i.branch_id AND r.key = i.key
      JOIN scope_branches sb ON sb.id = coalesce(i.branch_id, r.branch_id)`;
    const filter = f
      .eq('g."customerId"', q.customerId?.toLowerCase(), 'uuid')
      .eq('g."contractId"', q.contractId?.toLowerCase(), 'uuid');
    return keysetPage<InvoicedReceivable, InvoicedReceivable>(ctx, args, {
      columns: '*',
      from: `(${inner}) g`,
      filter,
      order: { column: 'g."branchId"', cast: 'uuid', idColumn: 'g.id', value: (n) => n.branchId },
      map: (r) => r,
    });
  }
}
