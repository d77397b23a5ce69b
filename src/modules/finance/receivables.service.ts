import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@app/core';
import type { ConnectionShape } from '@app/graphql';
import { InstalmentPaymentsService, type OpenBalance } from '../contracts/instalment-payments.service.js';
import { AGEING_BOUNDS, namedBands } from './ageing.js';
import { ReceivableGrouping } from './receipt.enums.js';
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
}
