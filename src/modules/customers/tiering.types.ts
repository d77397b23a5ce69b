import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { Connection, GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { Customer, CustomerTierEnum } from './customer.types.js';

export enum TierChangeReason {
  QUARTERLY = 'QUARTERLY',
  LARGE_CHANGE = 'LARGE_CHANGE',
  MANUAL = 'MANUAL',
}
registerEnumType(TierChangeReason, {
  name: 'TierChangeReason',
  description: 'The quarterly re-tiering, a purchase that was a large change, or a person setting the tier',
  valuesMap: {
    LARGE_CHANGE: { description: 'A large purchase re-tiered the customer at once' },
    MANUAL: { description: 'Set by hand (updateCustomer)' },
    QUARTERLY: { description: 'The quarterly re-tiering' },
  },
});

@ObjectType('CustomerTierChange', { description: 'One change of a customer’s tier' })
export class CustomerTierChange {
  @Field(() => ID, { description: 'Stable id of the customer tier change' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the customer tier change belongs to (its code and name: branch)' })
  branchId: string;
  @Field(() => ID, { description: 'Id of the customer' }) customerId: string;
  @Field(() => CustomerTierEnum, { description: 'Tier before' }) fromTier: CustomerTierEnum;
  @Field(() => CustomerTierEnum, { description: 'Tier after' }) toTier: CustomerTierEnum;
  @Field(() => TierChangeReason, { description: 'Why it changed' }) reason: TierChangeReason;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Purchases of the trailing 12 months it was based on' })
  trailingTotal: string | null;
  @Field(() => String, { nullable: true, description: 'The quarter of a QUARTERLY change, e.g. 2026-Q4' })
  period: string | null;
  @Field(() => ID, { nullable: true, description: 'Who changed it (MANUAL, or who recorded the purchase)' })
  changedById: string | null;
  @Field({ description: 'When the tier changed' }) changedAt: Date;
}

@ObjectType('CustomerTierChangeConnection', {
  description: 'A page of customer tier change rows: edges, pageInfo and totalCount (Relay connection)',
})
export class CustomerTierChangeConnection extends Connection(CustomerTierChange, 'CustomerTierChange') {}

@ObjectType('CustomerPurchase', { description: 'A purchase that counts towards the customer’s tier' })
export class CustomerPurchase {
  @Field(() => ID, { description: 'Stable id of the customer purchase' }) id: string;
  @Field(() => ID, { description: 'Id of the customer' }) customerId: string;
  @Field(() => GraphQLDate, { description: 'Business day of the purchase' }) purchasedOn: string;
  @Field(() => GraphQLDecimal, { description: 'Amount, in currency (positive)' }) amount: string;
  @Field({ description: 'ISO 4217 currency (the branch currency)' }) currency: string;
  @Field({ description: 'MANUAL (recorded by a person) or ORDER (fed by fulfilment)' }) source: string;
  @Field(() => String, { nullable: true, description: 'What was bought, or a reference' }) note: string | null;
  @Field({ description: 'When the customer purchase was recorded' }) createdAt: Date;
  branchId: string;
}

@ObjectType('RecordPurchasePayload', {
  description: 'The purchase recorded, and the tier change it caused if it was a large change',
})
export class RecordPurchasePayload {
  @Field(() => CustomerPurchase, { description: 'The purchase recorded' }) purchase: CustomerPurchase;
  @Field(() => Customer, { description: 'The customer after any immediate re-tier' }) customer: Customer;
  @Field({ description: 'Whether the purchase was a large change under the branch’s rule (re-tiered at once)' })
  largeChange: boolean;
  @Field(() => CustomerTierChange, { nullable: true, description: 'The tier change it caused, if any' })
  tierChange: CustomerTierChange | null;
}

@ObjectType('TieringSettings', { description: 'Per-branch tier thresholds and the large-change rule' })
export class TieringSettings {
  @Field(() => ID, { description: 'Id of the branch the tiering settings belongs to' }) branchId: string;
  @Field(() => GraphQLDecimal, { description: 'Trailing-12-month purchases above this are HIGH (default 1,000,000)' })
  highAbove: string;
  @Field(() => GraphQLDecimal, { description: 'Above this (and not HIGH) are MEDIUM (default 200,000)' })
  mediumAbove: string;
  @Field(() => GraphQLDecimal, { description: 'A purchase of at least this is a large change (default 100,000)' })
  largeChangeAmount: string;
  @Field(() => Int, {
    description:
      'A purchase of at least this percentage of the trailing-12-month purchases before it is a large change (default 50)',
  })
  largeChangePercent: number;
}

@InputType({ description: 'A purchase by a customer, counted in its tier' })
export class RecordPurchaseInput {
  @Field(() => ID, { description: 'Id of the customer' })
  @IsUUID('all', { message: 'must be a customer id' })
  customerId: string;
  @Field(() => GraphQLDate, { description: 'The business day of the purchase; not in the future' }) purchasedOn: string;
  @Field(() => GraphQLDecimal, { description: 'In the branch currency, positive, at most 2 decimals' }) amount: string;
  @Field({ nullable: true, description: 'What was bought, or a reference' })
  @IsOptional()
  @Length(1, 2000)
  @Matches(/\S/, { message: 'must not be blank' })
  note?: string;
}

@InputType({ description: "A branch's tier thresholds and large-change rule; fields left out keep their value" })
export class UpdateTieringSettingsInput {
  @Field(() => ID, { nullable: true, description: 'Head office names the branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description: 'Trailing-12-month purchases above this are HIGH (default 1,000,000)',
  })
  @IsOptional()
  highAbove?: string;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description: 'Above this (and not HIGH) are MEDIUM (default 200,000)',
  })
  @IsOptional()
  mediumAbove?: string;
  @Field(() => GraphQLDecimal, {
    nullable: true,
    description: 'A purchase of at least this is a large change (default 100,000)',
  })
  @IsOptional()
  largeChangeAmount?: string;
  @Field(() => Int, {
    nullable: true,
    description:
      'A purchase of at least this percentage of the trailing-12-month purchases before it is a large change (default 50)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  largeChangePercent?: number;
}

@InputType('CustomerTierChangeFilter', { description: 'Conditions on the tier change list; all given must hold' })
export class TierChangeFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only rows of this customer' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a customer id' })
  customerId?: string;
  @Field(() => TierChangeReason, { nullable: true, description: 'Only changes for this reason' })
  @IsOptional()
  @IsEnum(TierChangeReason)
  reason?: TierChangeReason;
  @Field(() => CustomerTierEnum, { nullable: true, description: 'Only changes to this tier' })
  @IsOptional()
  @IsEnum(CustomerTierEnum)
  toTier?: CustomerTierEnum;
}
