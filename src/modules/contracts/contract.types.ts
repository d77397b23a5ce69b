import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection, GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { OrderDirection } from '../customers/customer.types.js';
import { ContractState } from './contract-state.js';

registerEnumType(ContractState, { name: 'ContractState', description: 'Where a contract is in its lifecycle' });

export enum SignatorySide {
  OURS = 'OURS',
  CUSTOMER = 'CUSTOMER',
}
registerEnumType(SignatorySide, { name: 'SignatorySide' });

export enum ContractVersionStatus {
  PENDING = 'PENDING',
  EFFECTIVE = 'EFFECTIVE',
  REJECTED = 'REJECTED',
  RETURNED = 'RETURNED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(ContractVersionStatus, {
  name: 'ContractVersionStatus',
  description: 'EFFECTIVE: signed or approved terms; PENDING: an amendment waiting for approval',
});

export enum ContractOrderField {
  CREATED_AT = 'CREATED_AT',
  ENDS_ON = 'ENDS_ON',
}
registerEnumType(ContractOrderField, { name: 'ContractOrderField' });

@ObjectType('Signatory')
export class Signatory {
  @Field() name: string;
  @Field(() => SignatorySide) side: SignatorySide;
}

@ObjectType('ContractSpecialFee', { description: 'A fee outside the standard price list that a contract carries' })
export class ContractSpecialFee {
  @Field({ description: 'What the fee is for' }) description: string;
  @Field(() => GraphQLDecimal, { description: 'In the contract currency' }) amount: string;
}

@ObjectType('Contract')
export class Contract {
  @Field(() => ID) id: string;
  @Field(() => ID) branchId: string;
  @Field(() => ID) customerId: string;
  @Field() title: string;
  @Field(() => GraphQLDecimal) amount: string;
  @Field() currency: string;
  @Field(() => GraphQLDate) startsOn: string;
  @Field(() => GraphQLDate) endsOn: string;
  @Field(() => ID) ownerId: string;
  @Field(() => String, { nullable: true }) specialTerms: string | null;
  @Field(() => ContractState) state: ContractState;
  @Field(() => String, { nullable: true, description: 'Given at signing, unique in the branch' }) number: string | null;
  @Field(() => GraphQLDate, { nullable: true }) signedOn: string | null;
  @Field(() => [Signatory]) signatories: Signatory[];
  @Field() originalReceived: boolean;
  @Field(() => String, { nullable: true }) terminationReason: string | null;
  @Field(() => Int, { description: 'The effective version: 1 at signing, +1 per approved amendment' })
  version: number;
  @Field(() => ID, { nullable: true }) approvalRequestId: string | null;
  @Field(() => ID, { nullable: true, description: 'The contract this one renews' }) renewedFromId: string | null;
  @Field(() => ID) createdById: string;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  @Field(() => String, {
    nullable: true,
    description: 'How the price departs from the standard price; set means the contract carries a non-standard price',
  })
  nonStandardPrice: string | null;
  @Field(() => [ContractSpecialFee], { description: 'Special fees outside the standard price list' })
  specialFees: ContractSpecialFee[];
  @Field({
    description:
      'True when the contract carries special terms, a non-standard price or special fees: signing then needs an APPROVED SPECIAL_TERMS request on the current content',
  })
  carriesSpecialTerms: boolean;
  @Field(() => ID, {
    nullable: true,
    description: 'The latest LEGAL_REVIEW request; cleared when a material change voids the legal approval',
  })
  legalReviewRequestId: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'The latest SPECIAL_TERMS request; cleared when the special terms, price or fees change',
  })
  specialTermsRequestId: string | null;
}

@ObjectType('ContractConnection')
export class ContractConnection extends Connection(Contract, 'Contract') {}

@ObjectType('NegotiationRound')
export class NegotiationRound {
  @Field(() => ID) id: string;
  @Field(() => ID) contractId: string;
  @Field(() => Int) round: number;
  @Field(() => GraphQLDate) heldOn: string;
  @Field() counterpart: string;
  @Field() points: string;
  @Field() outcome: string;
  @Field(() => ID) recordedById: string;
  @Field() createdAt: Date;
  branchId: string;
}

@ObjectType('ContractTerms', { description: 'The terms a version keeps' })
export class ContractTermsView {
  @Field() title: string;
  @Field(() => GraphQLDecimal) amount: string;
  @Field() currency: string;
  @Field(() => GraphQLDate) startsOn: string;
  @Field(() => GraphQLDate) endsOn: string;
  @Field(() => String, { nullable: true }) specialTerms: string | null;
}

@ObjectType('ContractVersion')
export class ContractVersion {
  @Field(() => ID) id: string;
  @Field(() => ID) contractId: string;
  @Field(() => Int) version: number;
  @Field(() => ContractVersionStatus, { deprecationReason: 'Use state: one word for lifecycles across the schema' })
  status: ContractVersionStatus;
  @Field(() => ContractTermsView) terms: ContractTermsView;
  @Field() reason: string;
  @Field(() => ID, { nullable: true }) approvalRequestId: string | null;
  @Field(() => ID) createdById: string;
  @Field() createdAt: Date;
  branchId: string;
}

@ObjectType('ContractEvent', { description: 'One entry of a contract timeline' })
export class ContractEvent {
  @Field(() => ID) id: string;
  branchId: string;
  @Field() action: string;
  @Field(() => ContractState, { nullable: true }) fromState: ContractState | null;
  @Field(() => ContractState, { nullable: true }) toState: ContractState | null;
  @Field(() => ID, { nullable: true }) actorId: string | null;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field() at: Date;
}

@ObjectType('ContractFieldChange')
export class ContractFieldChange {
  @Field() field: string;
  @Field(() => String, { nullable: true }) from: string | null;
  @Field(() => String, { nullable: true }) to: string | null;
}

@InputType()
export class ContractFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ContractState, { nullable: true }) @IsOptional() @IsEnum(ContractState) state?: ContractState;
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a customer id' })
  customerId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'must be a user id' }) ownerId?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'Only contracts whose term ends before this day' })
  @IsOptional()
  expiringBefore?: string;
}

@InputType()
export class ContractOrder {
  @Field(() => ContractOrderField) @IsEnum(ContractOrderField) field: ContractOrderField;
  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC }) @IsEnum(OrderDirection) direction: OrderDirection;
}

@ObjectType('ContractSettings', { description: 'Per-branch rules of the contracts module' })
export class ContractSettings {
  @Field(() => ID) branchId: string;
  @Field({ description: 'How signed contracts are numbered: {BRANCH}, {YYYY} and {NNNN} (3 to 8 N) are replaced' })
  numberRule: string;
  @Field({ description: 'What the rule gives for the first contract of this year' }) nextNumberExample: string;
  @Field(() => [Int], { description: 'Days before the end of term at which the owner is reminded' })
  expiryReminderDays: number[];
  @Field(() => GraphQLDecimal, {
    description: 'The standard discount limit of quotes, in percent: a quote beyond it is approved before it is sent',
  })
  quoteDiscountLimitPercent: string;
  @Field(() => Int, { description: 'Days before a sent quote’s validity date at which its owner is reminded' })
  quoteExpiryReminderDays: number;
}
