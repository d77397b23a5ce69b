import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection, GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { QuoteState } from './quote-state.js';

registerEnumType(QuoteState, {
  name: 'QuoteState',
  description: 'Where a quote is: beyond the branch discount limit it is approved before it is sent',
});

export enum QuoteLineKind {
  PRODUCT = 'PRODUCT',
  SERVICE = 'SERVICE',
}
registerEnumType(QuoteLineKind, { name: 'QuoteLineKind' });

@ObjectType('QuoteLine', { description: 'One item of a quote; amounts are computed by the database in numeric' })
export class QuoteLine {
  @Field(() => ID) id: string;
  @Field(() => Int) position: number;
  @Field(() => QuoteLineKind) kind: QuoteLineKind;
  @Field() description: string;
  @Field(() => GraphQLDecimal) quantity: string;
  @Field(() => GraphQLDecimal) unitPrice: string;
  @Field(() => GraphQLDecimal, { description: 'Percent off this line, 0 to 100' }) discountPercent: string;
  @Field(() => GraphQLDecimal, { description: 'round(quantity x unit price, 2)' }) grossAmount: string;
  @Field(() => GraphQLDecimal, { description: 'round(quantity x unit price x (1 - discount / 100), 2)' })
  lineTotal: string;
  branchId: string;
  quoteId: string;
}

@ObjectType('Quote')
export class Quote {
  @Field(() => ID) id: string;
  @Field(() => ID) branchId: string;
  @Field(() => ID) customerId: string;
  @Field(() => ID) ownerId: string;
  @Field() title: string;
  @Field() currency: string;
  @Field(() => GraphQLDate, { description: 'The last day the customer may accept (branch time zone)' })
  validUntil: string;
  @Field(() => QuoteState) state: QuoteState;
  @Field(() => String, { nullable: true }) notes: string | null;
  @Field(() => GraphQLDecimal, { description: 'Sum of the lines before discount' }) subtotal: string;
  @Field(() => GraphQLDecimal, { description: 'subtotal - total' }) discountAmount: string;
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
  @Field(() => String, { nullable: true }) declineReason: string | null;
  @Field(() => ID, { nullable: true, description: 'The contract created from this quote' }) contractId: string | null;
  @Field(() => Date, { nullable: true }) sentAt: Date | null;
  @Field(() => ID) createdById: string;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}

@ObjectType('QuoteConnection')
export class QuoteConnection extends Connection(Quote, 'Quote') {}

@InputType()
export class QuoteFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'must be a user id' }) ownerId?: string;
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a customer id' })
  customerId?: string;
  @Field(() => QuoteState, { nullable: true }) @IsOptional() @IsEnum(QuoteState) state?: QuoteState;
}
