import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { Connection, GraphQLDate, GraphQLDecimal, NotBlank } from '@app/graphql';
import { Customer } from './customer.entity.js';
import { CustomerTierEnum } from './customer.enums.js';
import { CustomerPurchase, CustomerTierChange } from './tiering.entity.js';
import { TierChangeReason } from './tiering.enums.js';

@ObjectType('CustomerTierChangeConnection', {
  description: 'A page of customer tier change rows: edges, pageInfo and totalCount (Relay connection)',
})
export class CustomerTierChangeConnection extends Connection(CustomerTierChange, 'CustomerTierChange') {}

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
  @NotBlank()
  note?: string;
}

@InputType({ description: 'A correction of a customer’s purchases: an amount added or taken off, with its reason' })
export class CorrectPurchasesInput {
  @Field(() => ID, { description: 'Id of the customer' })
  @IsUUID('all', { message: 'must be a customer id' })
  customerId: string;
  @Field(() => GraphQLDate, { description: 'The business day it applies to; not in the future' }) purchasedOn: string;
  @Field(() => GraphQLDecimal, {
    description: 'In the branch currency, at most 2 decimals, not zero: negative takes purchases off',
  })
  amount: string;
  @Field({ description: 'Why the purchases are corrected (kept with the row)' })
  @Length(1, 2000)
  @NotBlank()
  note: string;
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
