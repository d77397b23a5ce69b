import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection, GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { TenderState } from './tender-state.js';

registerEnumType(TenderState, {
  name: 'TenderState',
  description: 'PREPARING -> SUBMITTED -> WON or LOST; WITHDRAWN (our decision) or CANCELLED (the issuer’s)',
  valuesMap: {
    CANCELLED: { description: 'Cancelled by the issuer' },
    LOST: { description: 'Another bidder won' },
    PREPARING: { description: 'Bid being prepared (reminders before the deadline)' },
    SUBMITTED: { description: 'Bid submitted, waiting for the result' },
    WITHDRAWN: { description: 'We withdrew' },
    WON: { description: 'We won' },
  },
});

export enum TenderResult {
  WON = 'WON',
  LOST = 'LOST',
}
registerEnumType(TenderResult, {
  name: 'TenderResult',
  description: 'How a tender ended for us',
  valuesMap: {
    LOST: { description: 'Another bidder won' },
    WON: { description: 'We won' },
  },
});

@ObjectType('Tender', { description: 'A tender (招投标) the branch bids for' })
export class Tender {
  @Field(() => ID, { description: 'Stable id of the tender' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the tender belongs to (its code and name: branch)' })
  branchId: string;
  @Field({ description: 'The project tendered' }) project: string;
  @Field({ description: 'Who issues the tender' }) issuer: string;
  @Field(() => ID, { nullable: true, description: 'Id of the customer (as an object: customer)' }) customerId:
    string | null;
  @Field(() => ID, { description: 'Id of the owner (as an object: owner)' }) ownerId: string;
  @Field({ description: 'Bids must be in by then; the owner is reminded 7 days, 1 day before and on the day' })
  submissionDeadline: Date;
  @Field(() => Date, { nullable: true, description: 'When the bids are opened' }) openingAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Where bids are opened' }) openingPlace: string | null;
  @Field(() => String, { nullable: true, description: 'Scope of supply' }) scope: string | null;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'Our bid, in currency; required to submit' }) bidAmount:
    string | null;
  @Field({ description: 'ISO 4217 currency (the branch currency)' }) currency: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The bid deposit (投标保证金)' })
  depositAmount: string | null;
  @Field({ description: 'The bid deposit came back' }) depositReturned: boolean;
  @Field(() => TenderState, { description: 'Where the tender is' }) state: TenderState;
  @Field(() => Date, { nullable: true, description: 'When our bid was submitted; null before' })
  submittedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'The evaluation’s result, or why we withdrew' })
  resultNotes: string | null;
  @Field(() => String, { nullable: true, description: 'Who won, when we lost' }) winnerName: string | null;
  @Field(() => ID, { nullable: true, description: 'The contract a won tender led to' }) contractId: string | null;
  @Field(() => Date, { nullable: true, description: 'When the owner is next reminded of the deadline' })
  nextReminderAt: Date | null;
  @Field(() => ID, { description: 'Id of the person who created it (the person: createdBy)' }) createdById: string;
  @Field({ description: 'When the tender was recorded' }) createdAt: Date;
  @Field({ description: 'When the tender last changed' }) updatedAt: Date;
}

@ObjectType('TenderConnection', {
  description: 'A page of tender rows: edges, pageInfo and totalCount (Relay connection)',
})
export class TenderConnection extends Connection(Tender, 'Tender') {}

@ObjectType('TenderDocument', { description: 'A qualification file the bid needs' })
export class TenderDocument {
  @Field(() => ID, { description: 'Stable id of the tender document' }) id: string;
  @Field(() => ID, { description: 'Id of the tender' }) tenderId: string;
  @Field({ description: 'Which document, e.g. Business licence' }) name: string;
  @Field({ description: 'Submitting needs every required document ready' }) required: boolean;
  @Field({ description: 'Ready for the bid' }) ready: boolean;
  @Field(() => GraphQLDate, { nullable: true, description: 'Business day it must be ready' }) dueOn: string | null;
  branchId: string;
}

@InputType({ description: 'Conditions on the tenders list; all given must hold' })
export class TenderFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only rows owned by this person' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
  @Field(() => TenderState, { nullable: true, description: 'Only this state' })
  @IsOptional()
  @IsEnum(TenderState)
  state?: TenderState;
}
