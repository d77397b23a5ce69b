import type { Tx } from '@app/core';
import { branchToday, dayStart } from '../contracts/contract-due-dates.js';
import type {
  AgreementStatus,
  Partner,
  PartnerAgreement,
  PartnerContact,
  PartnerKind,
  PartnerStatus,
  PartnerTier,
} from './partner.types.js';

export const PARTNER_COLUMNS = `branch_id, id, kind, name, region, status, owner_id, notes, tier, tier_period, created_by,
  created_at, updated_at`;

export interface PartnerRow {
  branch_id: string;
  id: string;
  kind: PartnerKind;
  name: string;
  region: string;
  status: PartnerStatus;
  owner_id: string;
  notes: string | null;
  tier: PartnerTier | null;
  tier_period: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export const toPartner = (r: PartnerRow): Partner => ({
  id: r.id,
  branchId: r.branch_id,
  kind: r.kind,
  name: r.name,
  region: r.region,
  status: r.status,
  ownerId: r.owner_id,
  notes: r.notes,
  tier: r.tier,
  tierPeriod: r.tier_period,
  createdById: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const CONTACT_COLUMNS = 'branch_id, id, partner_id, name, title, phone, email, is_primary';

export interface ContactRow {
  branch_id: string;
  id: string;
  partner_id: string;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  is_primary: boolean;
}

export const toContact = (r: ContactRow): PartnerContact => ({
  id: r.id,
  branchId: r.branch_id,
  partnerId: r.partner_id,
  name: r.name,
  title: r.title,
  phone: r.phone,
  email: r.email,
  isPrimary: r.is_primary,
});

/** The agreement columns, qualified by table alias `t` when given (for joins). */
export const agreementColumns = (t = '') => {
  const p = t ? `${t}.` : '';
  return `${p}branch_id, ${p}id, ${p}partner_id, ${p}starts_on::text AS starts_on, ${p}ends_on::text AS ends_on,
    ${p}territory, ${p}terms, ${p}status, ${p}termination_reason, ${p}reminder_days, ${p}next_action_at, ${p}created_at`;
};
export const AGREEMENT_COLUMNS = agreementColumns();

export interface AgreementRow {
  branch_id: string;
  id: string;
  partner_id: string;
  starts_on: string;
  ends_on: string;
  territory: string;
  terms: string;
  status: AgreementStatus;
  termination_reason: string | null;
  reminder_days: number | null;
  next_action_at: Date | null;
  created_at: Date;
}

export const toAgreement = (r: AgreementRow): PartnerAgreement => ({
  id: r.id,
  branchId: r.branch_id,
  partnerId: r.partner_id,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  territory: r.territory,
  terms: r.terms,
  status: r.status,
  terminationReason: r.termination_reason,
  nextReminderDays: r.reminder_days,
  nextActionAt: r.next_action_at,
  createdAt: r.created_at,
});

/** Days before an agreement's last day (branch time zone) on which the partner's owner is reminded. */
export const AGREEMENT_REMINDER_DAYS = [60, 30, 7];

/**
 * Sets each ACTIVE agreement's next worker action: the largest reminder threshold whose day (the last
 * day less that many days, branch time zone) is today or later, below `below` when that reminder was
 * just sent; with none left, the expiry at the start of the day after the last day. An agreement whose
 * last day has already passed (recorded late, or its end moved back) is EXPIRED at once.
 */
export async function refreshAgreementActions(
  tx: Tx,
  branchId: string,
  ids: string[],
  below: number | null = null,
): Promise<void> {
  await tx.query(
    `UPDATE partner_agreements a SET status = 'EXPIRED', reminder_days = NULL, next_action_at = NULL, updated_at = now()
     WHERE a.branch_id = $1 AND a.id = ANY($2::uuid[]) AND a.status = 'ACTIVE' AND a.ends_on < ${branchToday('a.branch_id')}`,
    [branchId, ids],
  );
  await tx.query(
    `UPDATE partner_agreements a SET (reminder_days, next_action_at) = (
       SELECT x.d, x.at FROM (
         SELECT d, ${dayStart('a.ends_on - d', 'a.branch_id')} AS at
         FROM unnest('{${AGREEMENT_REMINDER_DAYS.join(',')}}'::smallint[]) AS d
         WHERE a.ends_on - d >= ${branchToday('a.branch_id')} AND ($3::int IS NULL OR d < $3::int)
         UNION ALL SELECT NULL::smallint, ${dayStart('a.ends_on + 1', 'a.branch_id')}
       ) x ORDER BY x.d DESC NULLS LAST LIMIT 1)
     WHERE a.branch_id = $1 AND a.id = ANY($2::uuid[]) AND a.status = 'ACTIVE'`,
    [branchId, ids, below],
  );
}
