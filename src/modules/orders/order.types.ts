import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection, GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { OrderState } from './order-state.js';

registerEnumType(OrderState, {
  name: 'OrderState',
  description: 'DRAFT -> CONFIRMED (contract-backed) or PENDING_APPROVAL -> APPROVED; then RELEASED for shipment',
  valuesMap: {
    APPROVED: { description: 'Approved (without a contract); may be released' },
    CANCELLED: { description: 'Cancelled, with a reason' },
    CONFIRMED: { description: 'Backed by a signed contract; may be released' },
    DRAFT: { description: 'Being recorded; may change' },
    PENDING_APPROVAL: { description: 'No contract: waiting for the manager and leadership' },
    REJECTED: { description: 'Refused by an approver; final' },
    RELEASED: { description: 'Released for shipment' },
  },
});

export enum OrderChannel {
  PHONE = 'PHONE',
  FAX = 'FAX',
  EMAIL = 'EMAIL',
  IN_PERSON = 'IN_PERSON',
}
registerEnumType(OrderChannel, {
  name: 'OrderChannel',
  description: 'How the order was taken',
  valuesMap: {
    EMAIL: { description: 'By e-mail' },
    FAX: { description: 'By fax' },
    IN_PERSON: { description: 'In person' },
    PHONE: { description: 'By telephone' },
  },
});

@ObjectType('Order', {
  description:
    'An order taken by phone, fax, e-mail or in person; without a signed contract leadership approves it first',
})
export class Order {
  @Field(() => ID, { description: 'Stable id of the order' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the order belongs to (its code and name: branch)' })
  branchId: string;
  @Field(() => ID, { description: 'Id of the customer (as an object: customer)' }) customerId: string;
  @Field(() => ID, { description: 'Id of the owner (as an object: owner)' }) ownerId: string;
  @Field(() => OrderChannel, { description: 'How the order came in' }) channel: OrderChannel;
  @Field(() => ID, {
    nullable: true,
    description: 'The signed contract backing the order; without one, leadership approves',
  })
  contractId: string | null;
  @Field(() => GraphQLDate, { description: 'Business day the order was received' }) receivedOn: string;
  @Field(() => String, { nullable: true, description: 'The customer’s own reference (fax no., PO no.)' })
  reference: string | null;
  @Field(() => GraphQLDecimal, { description: 'The sum of the lines' }) amount: string;
  @Field({ description: 'ISO 4217 currency (the branch currency)' }) currency: string;
  @Field(() => OrderState, { description: 'Where the order is' }) state: OrderState;
  @Field(() => String, { nullable: true, description: 'Why the order was rejected or cancelled' })
  stateReason: string | null;
  @Field(() => ID, { nullable: true, description: 'Id of the approval request (as an object: approvalRequest)' })
  approvalRequestId: string | null;
  @Field(() => String, { nullable: true, description: 'Free notes' }) notes: string | null;
  @Field(() => Date, { nullable: true, description: 'When it was released for shipment; null before' })
  releasedAt: Date | null;
  @Field(() => ID, { description: 'Id of the person who created it (the person: createdBy)' }) createdById: string;
  @Field({ description: 'When the order was recorded' }) createdAt: Date;
  @Field({ description: 'When the order last changed' }) updatedAt: Date;
}

@ObjectType('OrderConnection', {
  description: 'A page of order rows: edges, pageInfo and totalCount (Relay connection)',
})
export class OrderConnection extends Connection(Order, 'Order') {}

@ObjectType('OrderLine', { description: 'One line of an order' })
export class OrderLine {
  @Field(() => ID, { description: 'Stable id of the order line' }) id: string;
  @Field(() => Int, { description: '1 for the first line' }) position: number;
  @Field({ description: 'What is ordered' }) description: string;
  @Field(() => GraphQLDecimal, { description: 'Quantity, up to 3 decimals' }) quantity: string;
  @Field(() => GraphQLDecimal, { description: 'Price per unit, in the order currency' }) unitPrice: string;
  @Field(() => GraphQLDecimal, { description: 'Quantity × unit price, rounded to cents' }) lineTotal: string;
  branchId: string;
  orderId: string;
}

@InputType({ description: 'Conditions on the orders list; all given must hold' })
export class OrderFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only rows owned by this person' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
  @Field(() => ID, { nullable: true, description: 'Only rows of this customer' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a customer id' })
  customerId?: string;
  @Field(() => OrderState, { nullable: true, description: 'Only this state, e.g. APPROVED for what waits to ship' })
  @IsOptional()
  @IsEnum(OrderState)
  state?: OrderState;
  @Field({ nullable: true, description: 'true: only orders without a contract; false: only contract-backed ones' })
  @IsOptional()
  @IsBoolean()
  withoutContract?: boolean;
}
