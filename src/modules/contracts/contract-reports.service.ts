import { Injectable } from '@nestjs/common';
import { BadUserInputError, type RequestContext } from '@app/core';
import { checkFirst, decodeCursor, encodeCursor, toConnection, type ConnectionShape } from '@app/graphql';
import { BranchKindEnum } from '../branches/branch.types.js';
import type { ContractState } from './contract-state.js';
import type { ContractValueRow } from './contract-report.types.js';
import { Contracts, type Contract } from './contract.entity.js';

interface ValueRow {
  branch_id: string;
  code: string;
  name: string;
  kind: BranchKindEnum;
  time_zone: string;
  branch_currency: string;
  state: ContractState;
  month: string;
  count: number;
  amount: string;
  currency: string;
}

const MAX_REPORT_DAYS = 3 * 366;

/**
 * Head-office views across the branches in scope. Each is one SQL statement whatever the number
 * of rows or the page size; a branch user sees their own branch, a sales rep their own contracts.
 */
@Injectable()
export class ContractReportsService {
  async valueReport(ctx: RequestContext, from: string, to: string): Promise<ContractValueRow[]> {
    if (to < from) throw BadUserInputError.field('to', `must not be before from (${from})`);
    if ((Date.parse(to) - Date.parse(from)) / 864e5 > MAX_REPORT_DAYS) {
      throw BadUserInputError.field('to', 'the report covers at most three years');
    }
    const tx = await ctx.tx();
    const rows = await tx.query<ValueRow>(
      `SELECT c.branch_id, b.code, b.name, b.kind, b.time_zone, b.currency AS branch_currency, c.state,
         to_char(c.day, 'YYYY-MM') AS month, count(*)::int AS count, sum(c.amount)::text AS amount, c.currency
       FROM (SELECT branch_id, state, amount, currency, owner_id,
               coalesce(signed_on, (created_at AT TIME ZONE (SELECT sb.time_zone FROM scope_branches sb
                 WHERE sb.id = contracts.branch_id))::date) AS day
             FROM contracts WHERE branch_id = ANY($1::uuid[])) c
       JOIN scope_branches b ON b.id = c.branch_id
       WHERE c.day BETWEEN $2::date AND $3::date AND ($4::uuid IS NULL OR c.owner_id = $4::uuid)
       GROUP BY c.branch_id, b.code, b.name, b.kind, b.time_zone, b.currency, c.state, month, c.currency
       ORDER BY b.code, c.branch_id, month, c.state`,
      [ctx.branchIds, from, to, ctx.ownOnly ? ctx.actor!.userId : null],
    );
    return rows.map((r) => ({
      branch: {
        id: r.branch_id,
        code: r.code,
        name: r.name,
        kind: r.kind,
        timeZone: r.time_zone,
        currency: r.branch_currency,
      },
      state: r.state,
      month: r.month,
      count: r.count,
      amount: r.amount,
      currency: r.currency,
    }));
  }

  /** SIGNED and ACTIVE contracts whose term ends within `withinDays` (from today, branch time zone), soonest first. */
  async expiring(
    ctx: RequestContext,
    args: { withinDays: number; first?: number; after?: string },
  ): Promise<ConnectionShape<Contract>> {
    if (!Number.isInteger(args.withinDays) || args.withinDays < 0 || args.withinDays > 366) {
      throw BadUserInputError.field('withinDays', 'must be 0 to 366');
    }
    const first = checkFirst(args.first);
    const params: unknown[] = [ctx.branchIds, args.withinDays, ctx.ownOnly ? ctx.actor!.userId : null];
    const today = `(now() AT TIME ZONE (SELECT sb.time_zone FROM scope_branches sb WHERE sb.id = contracts.branch_id))::date`;
    const where = [
      'branch_id = ANY($1::uuid[])',
      `state IN ('SIGNED', 'ACTIVE')`,
      `ends_on >= ${today}`,
      `ends_on <= ${today} + $2::int`,
      '($3::uuid IS NULL OR owner_id = $3::uuid)',
    ];
    const page = [...where];
    const pageParams = [...params];
    if (args.after) {
      const [value, id] = decodeCursor(args.after);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(String(value)))
        throw BadUserInputError.field('after', 'is not a cursor of this list');
      pageParams.push(String(value), id);
      page.push(`(ends_on, id) > ($${pageParams.length - 1}::date, $${pageParams.length}::uuid)`);
    }
    pageParams.push(first + 1);
    const tx = await ctx.tx();
    const rows = await tx.query<Contract>(
      `SELECT ${Contracts.cols()} FROM contracts WHERE ${page.join(' AND ')}
       ORDER BY ends_on, id LIMIT $${pageParams.length}`,
      pageParams,
    );
    return toConnection(
      rows.map(Contracts.map),
      first,
      (c) => encodeCursor(c.endsOn, c.id),
      async () => {
        const r = await tx.query<{ n: string }>(
          `SELECT count(*) AS n FROM contracts WHERE ${where.join(' AND ')}`,
          params,
        );
        return Number(r[0].n);
      },
    );
  }
}
