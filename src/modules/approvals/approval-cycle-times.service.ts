import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@app/core';
import { SqlFilter, checkPeriod, inPeriodSql, type BranchPeriodInput } from '@app/graphql';
import type { ApprovalCycleTime } from './approval-cycle-times.types.js';
import { ApprovalRequests } from './approval.entity.js';
import { ApprovalStatus } from './approval.enums.js';

/** Decisions an approver makes: a withdrawn request was never decided. */
const DECISIONS = [ApprovalStatus.APPROVED, ApprovalStatus.REJECTED, ApprovalStatus.RETURNED];

/** Head office's approval cycle times: median and p90 hours per branch and subject type, in one statement. */
@Injectable()
export class ApprovalCycleTimesService {
  async cycleTimes(ctx: RequestContext, input: BranchPeriodInput): Promise<ApprovalCycleTime[]> {
    checkPeriod(input);
    const f = new SqlFilter().branches(ctx, input.branchId, 'sb.id');
    const from = f.param(input.from, 'date');
    const to = f.param(input.to, 'date');
    const r = (p: Parameters<typeof ApprovalRequests.col>[0]) => ApprovalRequests.col(p, 'r');
    const hours = `extract(epoch FROM ${r('decidedAt')} - ${r('submittedAt')}) / 3600`;
    const tx = await ctx.tx();
    const rows = await tx.query<{ branch_id: string; subject_type: string; n: number; median: string; p90: string }>(
      `SELECT x.branch_id, x.subject_type, x.n, round(x.p[1]::numeric, 2)::text AS median,
         round(x.p[2]::numeric, 2)::text AS p90
       FROM (
         SELECT sb.code, ${r('branchId')} AS branch_id, ${r('subjectType')} AS subject_type, count(*)::int AS n,
           percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY ${hours}) AS p
         FROM scope_branches sb JOIN approval_requests r ON ${r('branchId')} = sb.id
           AND ${r('status')} = ANY(${f.param(DECISIONS, 'text[]')})
           AND ${inPeriodSql(r('decidedAt'), from, to, 'sb.time_zone')}
         WHERE ${f.sql}
         GROUP BY sb.code, ${r('branchId')}, ${r('subjectType')}
       ) x
       ORDER BY x.code, x.branch_id, x.subject_type`,
      f.params,
    );
    return rows.map((x) => ({
      branchId: x.branch_id,
      subjectType: x.subject_type,
      decided: x.n,
      medianHours: x.median,
      p90Hours: x.p90,
    }));
  }
}
