import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection, GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { QuoteState } from './quote-state.js';

registerEnumType(QuoteState, {
  name: 'QuoteState',
  description: 'Where a quote is: beyond the branch discount limit it is approved before it is sent',
  valuesMap: {
    ACCEPTED: { description: 'The customer accepted (on or before validUntil); may become a contract' },
    APPROVED: { description: 'Beyond the discount limit and approved; may be sent' },
    DECLINED: { description: 'The customer declined, with a reason' },
    DRAFT: { description: 'Being written; terms and lines may change' },
    EXPIRED: { description: 'Sent but not answered by validUntil (set by the worker)' },
    PENDING_APPROVAL: { description: "Beyond the branch's discount limit: waiting for approval" },
    SENT: { description: 'Sent to the customer, waiting for the answer' },
  },
});

export enum QuoteLineKind {
  PRODUCT = 'PRODUCT',
  SERVICE = 'SERVICE',
}
registerEnumType(QuoteLineKind, {
  name: 'QuoteLineKind',
  description: 'What a quote line offers',
  valuesMap: {
    PRODUCT: { description: 'Goods' },
    SERVICE: { description: 'A service (installation, training, maintenance, ...)' },
  },
});

@ObjectType('QuoteLine', { description: 'One item of a quote; amounts are computed by the database in numeric' })
export class QuoteLine {
  @Field(() => ID, { description: 'Stable id of the quote line' }) id: string;
  @Field(() => Int, { description: '1 for the first line, in the order given' }) position: number;
  @Field(() => QuoteLineKind, { description: 'Product or service' }) kind: QuoteLineKind;
  @Field({ description: 'What is offered' }) description: string;
  @Field(() => GraphQLDecimal, { description: 'Quantity, up to 3 decimals' }) quantity: string;
  @Field(() => GraphQLDecimal, { description: 'Price per unit before discount, in the quote currency' })
  unitPrice: string;
  @Field(() => GraphQLDecimal, { description: 'Percent off this line, 0 to 100' }) discountPercent: string;
  @Field(() => GraphQLDecimal, { description: 'Before discount: round(quantity × unit price, 2)' }) grossAmount: string;
  @Field(() => GraphQLDecimal, {
    description: 'After discount: round(quantity × unit price × (1 − discount / 100), 2)',
  })
  lineTotal: string;
  branchId: string;
  quoteId: string;
}

@ObjectType('Quote', {
  description:
    "A quote (报价单) to a customer: lines, discounts, approval beyond the standard discount, the customer's answer",
})
export class Quote {
  @Field(() => ID, { description: 'Stable id of the quote' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the quote belongs to (its code and name: branch)' })
  branchId: string;
  @Field(() => ID, { description: 'Id of the customer (as an object: customer)' }) customerId: string;
  @Field(() => ID, { description: 'Id of the owner (as an object: owner)' }) ownerId: string;
  @Field({ description: 'What the quote offers' }) title: string;
  @Field({ description: 'ISO 4217 currency of every amount (the branch currency)' }) currency: string;
  @Field(() => GraphQLDate, { description: 'The last day the customer may accept (branch time zone)' })
  validUntil: string;
  @Field(() => QuoteState, { description: 'Where the quote is in its lifecycle' }) state: QuoteState;
  @Field(() => String, {
    nullable: true,
    description: 'Free text shown with the quote, e.g. delivery and service promises',
  })
  notes: string | null;
  @Field(() => GraphQLDecimal, { description: 'Sum of the lines before discount' }) subtotal: string;
  @Field(() => GraphQLDecimal, { description: 'Discount in money: subtotal − total' }) discountAmount: string;
  @Field(() => GraphQLDecimal, { description: 'Sum of the line totals: what the customer pays' }) total: string;
  @Field(() => GraphQLDecimal, { description: 'The largest discount of any line' }) maxDiscountPercent: string;
  @Field(() => GraphQLDecimal, { description: "The branch's standard discount limit, in percent (a setting)" })
  discountLimitPercent: string;
  @Field({
    description:
      'A line discount, or the overall discount (to the cent), exceeds the limit: the quote is approved before it is sent',
  })
  needsApproval: boolean;
  @Field(() => ID, { nullable: true, description: 'The latest approval request of the quote' }) approvalRequestId:
    string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Why the last approval request was rejected, returned or withdrawn',
  })
  approvalNote: string | null;
  @Field(() => String, { nullable: true, description: 'Why the customer declined; null unless DECLINED' })
  declineReason: string | null;
  @Field(() => ID, { nullable: true, description: 'The contract created from this quote' }) contractId: string | null;
  @Field(() => Date, { nullable: true, description: 'When it was sent to the customer; null before' })
  sentAt: Date | null;
  @Field(() => ID, { description: 'Id of the person who created it (the person: createdBy)' }) createdById: string;
  @Field({ description: 'When the quote was recorded' }) createdAt: Date;
  @Field({ description: 'When the quote last changed' }) updatedAt: Date;
}

@ObjectType('QuoteConnection', {
  description: 'A page of quote rows: edges, pageInfo and totalCount (Relay connection)',
})
export class QuoteConnection extends Connection(Quote, 'Quote') {}

@InputType({ description: 'Conditions on the quotes list; all given must hold' })
export class QuoteFilter {
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
  @Field(() => QuoteState, { nullable: true, description: 'Only quotes in this state' })
  @IsOptional()
  @IsEnum(QuoteState)
  state?: QuoteState;
}
