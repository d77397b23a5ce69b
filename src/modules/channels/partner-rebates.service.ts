import { Injectable } from '@nestjs/common';
import type { Tx } from '@app/core';

/** A partner and a month (first and last day) whose rebate terms are asked for. */
export interface RebateMonth {
  branchId: string;
  partnerId: string;
  start: string;
  end: string;
}

/** The agreement that gives a month's rebate, or none. */
export interface RebateTerms {
  agreementId: string | null;
  /** Percent, as stored (up to 4 decimals); "0" without an agreement or when the agreement grants none. */
  rate: string;
}

/**
 * The rebate (返利) terms finance states on a partner's monthly statement: the agreement whose term covers the whole
 * month (starts on or before its first day, ends on or after its last), not TERMINATED; of several, the one that
 * started last (then the one recorded last). An agreement that began or ended within the month does not cover it.
 */
@Injectable()
export class PartnerRebatesService {
  /** The terms of many partner-months in one statement, in the order asked. Runs in the caller's transaction. */
  async termsFor(tx: Tx, months: readonly RebateMonth[]): Promise<RebateTerms[]> {
    if (!months.length) return [];
    const rows = await tx.query<{ n: string; agreement_id: string | null; rate: string | null }>(
      `SELECT k.n::text AS n, a.id AS agreement_id, a.rebate_rate::text AS rate
       FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::date[]) WITH ORDINALITY AS k(branch_id, partner_id, s, e, n)
       LEFT JOIN LATERAL (
         SELECT x.id, x.rebate_rate FROM partner_agreements x
         WHERE x.branch_id = k.branch_id AND x.partner_id = k.partner_id AND x.starts_on <= k.s AND x.ends_on >= k.e
           AND x.status <> 'TERMINATED'
         ORDER BY x.starts_on DESC, x.created_at DESC, x.id DESC LIMIT 1) a ON true
       ORDER BY k.n`,
      [
        months.map((m) => m.branchId),
        months.map((m) => m.partnerId),
        months.map((m) => m.start),
        months.map((m) => m.end),
      ],
    );
    return rows.map((r) => ({ agreementId: r.agreement_id, rate: r.rate ?? '0' }));
  }
}
