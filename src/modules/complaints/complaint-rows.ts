import type { ComplaintState } from './complaint-state.js';
import type {
  Complaint,
  ComplaintAction,
  ComplaintCategory,
  ComplaintChannel,
  ComplaintEvent,
  ComplaintSeverity,
} from './complaint.types.js';

/** Unanswered and past its deadline, in SQL (the row alias optional). */
export const OVERDUE_SQL = (t = '') => `(${t}state = 'RECEIVED' AND ${t}response_due_at <= now())`;

export const COMPLAINT_COLUMNS = `branch_id, id, customer_id, owner_id, channel, category, severity, description, state,
  received_at, response_hours, working_time, response_due_at, responded_at, ${OVERDUE_SQL()} AS overdue, root_cause,
  resolution, resolved_at, closed_at, escalation_level, next_escalation_at, created_by, created_at, updated_at`;

export interface ComplaintRow {
  branch_id: string;
  id: string;
  customer_id: string;
  owner_id: string;
  channel: ComplaintChannel;
  category: ComplaintCategory;
  severity: ComplaintSeverity;
  description: string;
  state: ComplaintState;
  received_at: Date;
  response_hours: number;
  working_time: boolean;
  response_due_at: Date;
  responded_at: Date | null;
  overdue: boolean;
  root_cause: string | null;
  resolution: string | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  escalation_level: number;
  next_escalation_at: Date | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export const toComplaint = (r: ComplaintRow): Complaint => ({
  id: r.id,
  branchId: r.branch_id,
  customerId: r.customer_id,
  ownerId: r.owner_id,
  channel: r.channel,
  category: r.category,
  severity: r.severity,
  description: r.description,
  state: r.state,
  receivedAt: r.received_at,
  responseHours: r.response_hours,
  workingTime: r.working_time,
  responseDueAt: r.response_due_at,
  respondedAt: r.responded_at,
  overdue: r.overdue,
  rootCause: r.root_cause,
  resolution: r.resolution,
  resolvedAt: r.resolved_at,
  closedAt: r.closed_at,
  escalationLevel: r.escalation_level,
  nextEscalationAt: r.next_escalation_at,
  createdById: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const EVENT_COLUMNS = `branch_id, id, complaint_id, action, from_state, to_state, level, note, actor_id, at`;

export interface EventRow {
  branch_id: string;
  id: string;
  complaint_id: string;
  action: ComplaintAction;
  from_state: ComplaintState | null;
  to_state: ComplaintState;
  level: number | null;
  note: string | null;
  actor_id: string | null;
  at: Date;
}

export const toEvent = (r: EventRow): ComplaintEvent => ({
  id: r.id,
  branchId: r.branch_id,
  complaintId: r.complaint_id,
  action: r.action,
  fromState: r.from_state,
  toState: r.to_state,
  level: r.level,
  note: r.note,
  actorId: r.actor_id,
  at: r.at,
});
