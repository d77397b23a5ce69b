import type {
  Lead,
  LeadContactRole,
  LeadEvent,
  LeadEventKind,
  LeadRequirement,
  LeadScreening,
  LeadSource,
  LeadState,
} from './lead.types.js';

export const LEAD_COLUMNS = `branch_id, id, source, company, contact_name, contact_role, mobile, messaging_account, email,
  switchboard, mobile_key, valid, missing, screening, screening_note, screened_at, state, customer_id, converted_at,
  owner_id, created_by, created_at, updated_at`;

export interface LeadRow {
  branch_id: string;
  id: string;
  source: LeadSource;
  company: string;
  contact_name: string | null;
  contact_role: LeadContactRole | null;
  mobile: string | null;
  messaging_account: string | null;
  email: string | null;
  switchboard: string | null;
  mobile_key: string | null;
  valid: boolean;
  missing: LeadRequirement[];
  screening: LeadScreening;
  screening_note: string | null;
  screened_at: Date | null;
  state: LeadState;
  customer_id: string | null;
  converted_at: Date | null;
  owner_id: string;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export const toLead = (r: LeadRow): Lead => ({
  id: r.id,
  branchId: r.branch_id,
  source: r.source,
  company: r.company,
  contactName: r.contact_name,
  contactRole: r.contact_role,
  mobile: r.mobile,
  messagingAccount: r.messaging_account,
  email: r.email,
  switchboard: r.switchboard,
  mobileKey: r.mobile_key,
  valid: r.valid,
  missing: r.missing,
  screening: r.screening,
  screeningNote: r.screening_note,
  screenedAt: r.screened_at,
  state: r.state,
  customerId: r.customer_id,
  convertedAt: r.converted_at,
  ownerId: r.owner_id,
  createdById: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface LeadEventRow {
  branch_id: string;
  id: string;
  lead_id: string;
  kind: LeadEventKind;
  note: string | null;
  actor_id: string;
  created_at: Date;
}

export const toLeadEvent = (r: LeadEventRow): LeadEvent => ({
  id: r.id,
  branchId: r.branch_id,
  kind: r.kind,
  note: r.note,
  actorId: r.actor_id,
  createdAt: r.created_at,
});
