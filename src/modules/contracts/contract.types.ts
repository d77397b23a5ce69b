import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection, GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { OrderDirection } from '../customers/customer.types.js';
import { ContractState } from './contract-state.js';

registerEnumType(ContractState, {
  name: 'ContractState',
  description: 'Where a contract is in its lifecycle',
  valuesMap: {
    ACTIVE: { description: 'Being performed' },
    APPROVAL: { description: 'Waiting in the approval engine (by amount; above 500,000 leadership too)' },
    APPROVED: { description: 'Approved, may be signed' },
    COMPLETED: { description: 'Performed and closed' },
    DRAFT: { description: 'The application: terms may change' },
    LEGAL_REVIEW: { description: 'With legal for review' },
    NEGOTIATION: { description: 'Terms negotiated with the customer (rounds recorded)' },
    SIGNED: { description: 'Signed and numbered' },
    TERMINATED: { description: 'Ended early, with a reason' },
  },
});

export enum SignatorySide {
  OURS = 'OURS',
  CUSTOMER = 'CUSTOMER',
}
registerEnumType(SignatorySide, {
  name: 'SignatorySide',
  description: 'Which party a signatory signed for',
  valuesMap: {
    CUSTOMER: { description: 'The customer' },
    OURS: { description: 'Our company' },
  },
});

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
  valuesMap: {
    EFFECTIVE: { description: 'In force (the latest approved version)' },
    PENDING: { description: 'Waiting for approval' },
    REJECTED: { description: 'Refused by an approver; never in force' },
    RETURNED: { description: 'Returned for changes; never in force' },
    WITHDRAWN: { description: 'Withdrawn by the requester; never in force' },
  },
});

export enum ContractOrderField {
  CREATED_AT = 'CREATED_AT',
  ENDS_ON = 'ENDS_ON',
}
registerEnumType(ContractOrderField, {
  name: 'ContractOrderField',
  description: 'Sort keys for contracts',
  valuesMap: {
    CREATED_AT: { description: 'When the contract was created' },
    ENDS_ON: { description: "The term's last day" },
  },
});

@ObjectType('Signatory', { description: 'An authorised representative who signed a contract' })
export class Signatory {
  @Field({ description: 'Full name' }) name: string;
  @Field(() => SignatorySide, { description: 'Our company or the customer' }) side: SignatorySide;
}

@ObjectType('ContractSpecialFee', { description: 'A fee outside the standard price list that a contract carries' })
export class ContractSpecialFee {
  @Field({ description: 'What the fee is for' }) description: string;
  @Field(() => GraphQLDecimal, { description: 'In the contract currency' }) amount: string;
}

@ObjectType('Contract', {
  description:
    'A contract (合同) with a customer, from application through legal review, negotiation, approval and signing to performance',
})
export class Contract {
  @Field(() => ID, { description: 'Stable id of the contract' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the contract belongs to (its code and name: branch)' })
  branchId: string;
  @Field(() => ID, { description: 'Id of the customer (as an object: customer)' }) customerId: string;
  @Field({ description: 'What the contract is about, as people refer to it' }) title: string;
  @Field(() => GraphQLDecimal, { description: 'Contract value, in currency (the branch currency)' }) amount: string;
  @Field({ description: 'ISO 4217 currency of the amounts' }) currency: string;
  @Field(() => GraphQLDate, { description: 'First day of the term (business day, branch time zone)' }) startsOn: string;
  @Field(() => GraphQLDate, { description: 'Last day of the term (business day, branch time zone)' }) endsOn: string;
  @Field(() => ID, { description: 'Id of the owner (as an object: owner)' }) ownerId: string;
  @Field(() => String, {
    nullable: true,
    description: 'Terms that deviate from the standard (need their own prior approval)',
  })
  specialTerms: string | null;
  @Field(() => ContractState, { description: 'Where the contract is in its lifecycle' }) state: ContractState;
  @Field(() => String, { nullable: true, description: 'Given at signing, unique in the branch' }) number: string | null;
  @Field(() => GraphQLDate, { nullable: true, description: 'Business day of signing; null until signed' }) signedOn:
    string | null;
  @Field(() => [Signatory], { description: 'The authorised representatives who signed, for both sides' })
  signatories: Signatory[];
  @Field({ description: 'The signed original is in the archive' }) originalReceived: boolean;
  @Field(() => String, { nullable: true, description: 'Why it was terminated; null unless TERMINATED' })
  terminationReason: string | null;
  @Field(() => Int, { description: 'The effective version: 1 at signing, +1 per approved amendment' })
  version: number;
  @Field(() => ID, { nullable: true, description: 'Id of the approval request (as an object: approvalRequest)' })
  approvalRequestId: string | null;
  @Field(() => ID, { nullable: true, description: 'The contract this one renews' }) renewedFromId: string | null;
  @Field(() => ID, { description: 'Id of the person who created it (the person: createdBy)' }) createdById: string;
  @Field({ description: 'When the contract was recorded' }) createdAt: Date;
  @Field({ description: 'When the contract last changed' }) updatedAt: Date;
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

@ObjectType('ContractConnection', {
  description: 'A page of contract rows: edges, pageInfo and totalCount (Relay connection)',
})
export class ContractConnection extends Connection(Contract, 'Contract') {}

@ObjectType('NegotiationRound', { description: 'One negotiation round with the customer' })
export class NegotiationRound {
  @Field(() => ID, { description: 'Stable id of the negotiation round' }) id: string;
  @Field(() => ID, { description: 'Id of the contract negotiated' }) contractId: string;
  @Field(() => Int, { description: '1 for the first round, then 2, 3, ...' }) round: number;
  @Field(() => GraphQLDate, { description: 'Business day of the round' }) heldOn: string;
  @Field({ description: 'Who negotiated for the customer' }) counterpart: string;
  @Field({ description: 'The points discussed' }) points: string;
  @Field({ description: 'What was agreed or left open' }) outcome: string;
  @Field(() => ID, { description: 'Id of the person who recorded it (the person: recordedBy)' }) recordedById: string;
  @Field({ description: 'When the negotiation round was recorded' }) createdAt: Date;
  branchId: string;
}

@ObjectType('ContractTerms', { description: 'The terms a version keeps' })
export class ContractTermsView {
  @Field({ description: 'Contract title' }) title: string;
  @Field(() => GraphQLDecimal, { description: 'Contract value, in currency' }) amount: string;
  @Field({ description: 'ISO 4217 currency' }) currency: string;
  @Field(() => GraphQLDate, { description: 'First day of the term' }) startsOn: string;
  @Field(() => GraphQLDate, { description: 'Last day of the term' }) endsOn: string;
  @Field(() => String, { nullable: true, description: 'Non-standard terms, if any' }) specialTerms: string | null;
}

@ObjectType('ContractVersion', {
  description: "A version of a contract's terms: the original, or an amendment with its approval",
})
export class ContractVersion {
  @Field(() => ID, { description: 'Stable id of the contract version' }) id: string;
  @Field(() => ID, { description: 'Id of the contract' }) contractId: string;
  @Field(() => Int, { description: '1 for the original terms, then 2, 3, ... per amendment' }) version: number;
  @Field(() => ContractVersionStatus, {
    deprecationReason: 'Use state: one word for lifecycles across the schema',
    description: 'The lifecycle state under its old name (same value as state)',
  })
  status: ContractVersionStatus;
  @Field(() => ContractTermsView, { description: 'The terms of this version' }) terms: ContractTermsView;
  @Field({ description: "Why the terms changed (the amendment's reason)" }) reason: string;
  @Field(() => ID, {
    nullable: true,
    description: "Id of the amendment's approval request; null for the original terms",
  })
  approvalRequestId: string | null;
  @Field(() => ID, { description: 'Id of the person who created it (the person: createdBy)' }) createdById: string;
  @Field({ description: 'When the contract version was recorded' }) createdAt: Date;
  branchId: string;
}

@ObjectType('ContractEvent', { description: 'One entry of a contract timeline' })
export class ContractEvent {
  @Field(() => ID, { description: 'Stable id of the contract event' }) id: string;
  branchId: string;
  @Field({ description: 'What happened, e.g. CREATED, STATE_CHANGED, SIGNED, AMENDED, REASSIGNED' }) action: string;
  @Field(() => ContractState, {
    nullable: true,
    description: 'State before a move; null for changes that are not moves',
  })
  fromState: ContractState | null;
  @Field(() => ContractState, {
    nullable: true,
    description: 'State after a move; null for changes that are not moves',
  })
  toState: ContractState | null;
  @Field(() => ID, { nullable: true, description: 'Id of the actor (as an object: actor)' }) actorId: string | null;
  @Field(() => String, { nullable: true, description: 'Reason or note given with it' }) note: string | null;
  @Field({ description: 'When it happened' }) at: Date;
}

@ObjectType('ContractFieldChange', { description: "One field that differs between two versions of a contract's terms" })
export class ContractFieldChange {
  @Field({ description: 'The field, e.g. amount or endsOn' }) field: string;
  @Field(() => String, { nullable: true, description: 'Its value in the first version, as text' }) from: string | null;
  @Field(() => String, { nullable: true, description: 'Its value in the second version, as text' }) to: string | null;
}

@InputType({ description: 'Conditions on the contracts list; all given must hold' })
export class ContractFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ContractState, { nullable: true, description: 'Only contracts in this state' })
  @IsOptional()
  @IsEnum(ContractState)
  state?: ContractState;
  @Field(() => ID, { nullable: true, description: 'Only rows of this customer' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a customer id' })
  customerId?: string;
  @Field(() => ID, { nullable: true, description: 'Only rows owned by this person' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'Only contracts whose term ends before this day' })
  @IsOptional()
  expiringBefore?: string;
}

@InputType({ description: 'How to sort contracts' })
export class ContractOrder {
  @Field(() => ContractOrderField, { description: 'The sort key' })
  @IsEnum(ContractOrderField)
  field: ContractOrderField;
  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Ascending or descending' })
  @IsEnum(OrderDirection)
  direction: OrderDirection;
}

@ObjectType('ContractSettings', { description: 'Per-branch rules of the contracts module' })
export class ContractSettings {
  @Field(() => ID, { description: 'Id of the branch the contract settings belongs to' }) branchId: string;
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
