import { BadUserInputError } from '@app/core';
import type { OrderState } from './order-state.js';
import type { Order, OrderChannel, OrderLine } from './order.types.js';
import type { OrderLineInput } from './dto/order.input.js';

/** Dates leave PostgreSQL as text (a business day is no instant), money as exact decimal text. */
export const ORDER_COLUMNS = `branch_id, id, customer_id, owner_id, channel, contract_id, received_on::text AS received_on,
  reference, amount::text AS amount, currency, state, state_reason, approval_request_id, notes, released_at, created_by,
  created_at, updated_at`;

export interface OrderRow {
  branch_id: string;
  id: string;
  customer_id: string;
  owner_id: string;
  channel: OrderChannel;
  contract_id: string | null;
  received_on: string;
  reference: string | null;
  amount: string;
  currency: string;
  state: OrderState;
  state_reason: string | null;
  approval_request_id: string | null;
  notes: string | null;
  released_at: Date | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export const toOrder = (r: OrderRow): Order => ({
  id: r.id,
  branchId: r.branch_id,
  customerId: r.customer_id,
  ownerId: r.owner_id,
  channel: r.channel,
  contractId: r.contract_id,
  receivedOn: r.received_on,
  reference: r.reference,
  amount: r.amount,
  currency: r.currency,
  state: r.state,
  stateReason: r.state_reason,
  approvalRequestId: r.approval_request_id,
  notes: r.notes,
  releasedAt: r.released_at,
  createdById: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const LINE_COLUMNS = `branch_id, id, order_id, position, description, quantity::text AS quantity,
  unit_price::text AS unit_price, line_total::text AS line_total`;

export interface LineRow {
  branch_id: string;
  id: string;
  order_id: string;
  position: number;
  description: string;
  quantity: string;
  unit_price: string;
  line_total: string;
}

export const toLine = (r: LineRow): OrderLine => ({
  id: r.id,
  branchId: r.branch_id,
  orderId: r.order_id,
  position: r.position,
  description: r.description,
  quantity: r.quantity,
  unitPrice: r.unit_price,
  lineTotal: r.line_total,
});

const QUANTITY = /^(0|[1-9]\d{0,11})(\.\d{1,3})?$/;
const PRICE = /^(0|[1-9]\d{0,12})(\.\d{1,2})?$/;

export interface CheckedLine {
  description: string;
  quantity: string;
  unitPrice: string;
}

/** Order lines as the database takes them: a positive quantity (3 decimals), a price not below zero (2 decimals). */
export function checkLines(lines: OrderLineInput[]): CheckedLine[] {
  return lines.map((l, i) => {
    const f = `lines[${i}]`;
    const description = l.description.trim();
    if (description.length < 1 || description.length > 500) {
      throw BadUserInputError.field(`${f}.description`, 'must be 1 to 500 characters');
    }
    const quantity = l.quantity.trim();
    if (quantity.startsWith('-') || /^0(\.0*)?$/.test(quantity)) {
      throw BadUserInputError.field(`${f}.quantity`, 'must be positive');
    }
    if (!QUANTITY.test(quantity)) {
      throw BadUserInputError.field(`${f}.quantity`, 'must have at most 3 decimals and be below 1,000,000,000,000');
    }
    const unitPrice = l.unitPrice.trim();
    if (unitPrice.startsWith('-')) throw BadUserInputError.field(`${f}.unitPrice`, 'must not be negative');
    if (!PRICE.test(unitPrice)) {
      throw BadUserInputError.field(`${f}.unitPrice`, 'must have at most 2 decimals and be below 10,000,000,000,000');
    }
    return { description, quantity, unitPrice };
  });
}

/** The integer digits of a non-negative decimal string: a total of more than 13 does not fit the order. */
export function tooLarge(total: string): boolean {
  return total.split('.')[0].length > 13;
}
