import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Connection, GraphQLDate, GraphQLDecimal } from '@app/graphql';
import { TenderState } from './tender-state.js';

registerEnumType(TenderState, {
  name: 'TenderState',
  description: 'PREPARING -> SUBMITTED -> WON or LOST; WITHDRAWN (our decision) or CANCELLED (the issuer’s)',
});

export enum TenderResult {
  WON = 'WON',
  LOST = 'LOST',
}
registerEnumType(TenderResult, { name: 'TenderResult' });

@ObjectType('Tender', { description: 'A tender (招投标) the branch bids for' })
export class Tender {
  @Field(() => ID, { description: 'Stable id of the tender' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the tender belongs to (its code and name: branch)' })
  branchId: string;
  @Field() project: string;
  @Field({ description: 'Who issues the tender' }) issuer: string;
  @Field(() => ID, { nullable: true, description: 'Id of the customer (the object itself: customer)' }) customerId:
    string | null;
  @Field(() => ID, { description: 'Id of the owner (the object itself: owner)' }) ownerId: string;
  @Field() submissionDeadline: Date;
  @Field(() => Date, { nullable: true, description: 'When the bids are opened' }) openingAt: Date | null;
  @Field(() => String, { nullable: true }) openingPlace: string | null;
  @Field(() => String, { nullable: true }) scope: string | null;
  @Field(() => GraphQLDecimal, { nullable: true }) bidAmount: string | null;
  @Field() currency: string;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The bid deposit (投标保证金)' })
  depositAmount: string | null;
  @Field() depositReturned: boolean;
  @Field(() => TenderState) state: TenderState;
  @Field(() => Date, { nullable: true }) submittedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'The evaluation’s result, or why we withdrew' })
  resultNotes: string | null;
  @Field(() => String, { nullable: true, description: 'Who won, when we lost' }) winnerName: string | null;
  @Field(() => ID, { nullable: true, description: 'The contract a won tender led to' }) contractId: string | null;
  @Field(() => Date, { nullable: true, description: 'When the owner is next reminded of the deadline' })
  nextReminderAt: Date | null;
  @Field(() => ID, { description: 'Id of the created by (the object itself: createdBy)' }) createdById: string;
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
  @Field(() => ID) tenderId: string;
  @Field() name: string;
  @Field({ description: 'Submitting needs every required document ready' }) required: boolean;
  @Field() ready: boolean;
  @Field(() => GraphQLDate, { nullable: true }) dueOn: string | null;
  branchId: string;
}

@InputType()
export class TenderFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only rows owned by this person' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
  @Field(() => TenderState, { nullable: true }) @IsOptional() @IsEnum(TenderState) state?: TenderState;
}
