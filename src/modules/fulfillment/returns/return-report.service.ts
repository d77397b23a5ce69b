import { Injectable } from '@nestjs/common';
import { BadUserInputError, addDays, type RequestContext } from '@app/core';
import { SqlFilter } from '@app/graphql';
import type { ReturnReason } from './return.enums.js';
import type { BranchReturnsByReason, ReturnsByReasonInput } from './return.types.js';

const MAX_PERIOD_DAYS = 366;

/** Head office's view of returns: by reason per branch, for a period of business days. */
@Injectable()
export class ReturnReportService {
  /**
   * Per branch in scope and reason, in ONE statement whatever the number of branches: returns requested in the
   * period (each branch's own business days), how many were processed, rejected and exchanges, and the processed
   * value. Reasons without returns are left out.
   */
  async byReason(ctx: RequestContext, input: ReturnsByReasonInput): Promise<BranchReturnsByReason[]> {
    if (input.to < input.from) throw BadUserInputError.field('to', 'must not be before from');
    if (addDays(input.from, MAX_PERIOD_DAYS) <= input.to) {
      throw BadUserInputError.field('to', `the period is at most ${MAX_PERIOD_DAYS} days`);
    }
    const f = new SqlFilter().branches(ctx, input.branchId, 'sb.id');
    const from = f.param(input.from, 'date');
    const to = f.param(input.to, 'date');
    const tx = await ctx.tx();
    const rows = await tx.query<Record<string, string>>(
      `SELECT sb.id AS "branchId", sb.code AS "branchCode", sb.name AS "branchName", sb.currency, r.reason,
         count(*) AS requested, count(*) FILTER (WHERE r.status = 'PROCESSED') AS processed,
         count(*) FILTER (WHERE r.status = 'REJECTED') AS rejected,
         count(*) FILTER (WHERE r.kind = 'EXCHANGE') AS exchanges,
         coalesce(sum(r.amount) FILTER (WHERE r.status = 'PROCESSED'), 0)::numeric(18, 2)::text AS "processedAmount"
       FROM scope_branches sb JOIN goods_returns r ON r.branch_id = sb.id
         AND r.created_at >= ${from}::timestamp AT TIME ZONE sb.time_zone
         AND r.created_at < (${to} + 1)::timestamp AT TIME ZONE sb.time_zone
       WHERE ${f.sql}
       GROUP BY sb.id, sb.code, sb.name, sb.currency, r.reason
       ORDER BY sb.code, sb.id, r.reason`,
      f.params,
    );
    return rows.map((r) => ({
      branchId: r.branchId,
      branchCode: r.branchCode,
      branchName: r.branchName,
      currency: r.currency,
      reason: r.reason as ReturnReason,
      requested: Number(r.requested),
      processed: Number(r.processed),
      rejected: Number(r.rejected),
      exchanges: Number(r.exchanges),
      processedAmount: r.processedAmount,
    }));
  }
}
