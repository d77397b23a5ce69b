import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Connection, GraphQLDate, GraphQLDecimal, NotBlank } from '@app/graphql';
import { IssuedTenderState } from './issued-tender.enums.js';
import { IssuedTender } from './issued-tender.entity.js';

@ObjectType('IssuedTenderConnection', { description: 'A page of issued tenders, newest first (Relay connection)' })
export class IssuedTenderConnection extends Connection(IssuedTender, 'IssuedTender') {}

@InputType({ description: 'Conditions on the issued tender list; all given must hold' })
export class IssuedTenderFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only the tenders of this procurement request' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a procurement request id' })
  requestId?: string;
  @Field(() => IssuedTenderState, { nullable: true, description: 'Only tenders in this state' })
  @IsOptional()
  @IsEnum(IssuedTenderState)
  state?: IssuedTenderState;
}

@InputType({ description: 'A technical evaluation criterion' })
export class IssuedTenderCriterionInput {
  @Field({ description: 'What is scored, 1 to 200 characters' }) @NotBlank() @Length(1, 200) name: string;
  @Field(() => GraphQLDecimal, { description: 'Weight, above 0, at most 2 decimals' }) weight: string;
}

@InputType({ description: 'The evaluation committee' })
export class IssuedTenderCommitteeInput {
  @Field(() => [ID], {
    description:
      'Members: at least 3, an odd number, people of the branch (manager, clerk, finance), at least one from finance',
  })
  @ArrayMaxSize(15)
  @IsUUID('all', { each: true, message: 'must be user ids' })
  memberIds: string[];
  @Field(() => ID, { description: 'The chair, one of the members: breaks ties and chooses the winner' })
  @IsUUID('all', { message: 'must be a user id' })
  chairId: string;
}

@InputType({ description: 'A tender the company issues, drafted for a procurement request' })
export class CreateIssuedTenderInput {
  @Field(() => ID, { description: 'The procurement request (PLANNED or SOURCING)' })
  @IsUUID('all', { message: 'must be a procurement request id' })
  requestId: string;
  @Field(() => [ID], { nullable: true, description: 'The request lines it covers; default: every line' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'must be procurement request line ids' })
  requestLineIds?: string[];
  @Field({ description: 'Title, 1 to 200 characters' }) @NotBlank() @Length(1, 200) title: string;
  @Field({ description: 'Scope: what is bought and the requirements, 1 to 8000 characters' })
  @NotBlank()
  @Length(1, 8000)
  scope: string;
  @Field({ description: 'Bids are received until then (after the announcement)' }) submissionDeadline: Date;
  @Field({ description: 'When the bids are opened: at or after the deadline' }) openingAt: Date;
  @Field(() => GraphQLDecimal, { description: 'Weight of the price score, 0 to 100' }) priceWeight: string;
  @Field(() => [IssuedTenderCriterionInput], {
    description: 'Technical criteria (0 to 20); their weights and the price weight sum to 100',
  })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => IssuedTenderCriterionInput)
  criteria: IssuedTenderCriterionInput[];
  @Field(() => IssuedTenderCommitteeInput, { description: 'The evaluation committee' })
  @ValidateNested()
  @Type(() => IssuedTenderCommitteeInput)
  committee: IssuedTenderCommitteeInput;
  @Field({ nullable: true, description: 'Open to any supplier; default false: the invited suppliers only' })
  @IsOptional()
  openBidding?: boolean;
  @Field(() => [ID], { nullable: true, description: 'Suppliers invited to bid (at least 3 unless open)' })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'must be vendor ids' })
  supplierIds?: string[];
  @Field(() => [ID], { nullable: true, description: 'Tender documents, uploaded with POST /files' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'must be file ids' })
  documentFileIds?: string[];
}

@InputType({ description: 'A bid’s price for one line of the tender' })
export class IssuedTenderBidLineInput {
  @Field(() => ID, { description: 'Id of the tender line' })
  @IsUUID('all', { message: 'must be a tender line id' })
  tenderLineId: string;
  @Field(() => GraphQLDecimal, { description: 'Price per unit, above 0' }) unitPrice: string;
}

@InputType({ description: 'A supplier’s sealed bid as received (a revision replaces its earlier bid)' })
export class RecordIssuedTenderBidInput {
  @Field(() => ID, { description: 'The supplier bidding' })
  @IsUUID('all', { message: 'must be a vendor id' })
  supplierId: string;
  @Field(() => [IssuedTenderBidLineInput], { description: 'A price for every line of the tender' })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => IssuedTenderBidLineInput)
  lines: IssuedTenderBidLineInput[];
  @Field(() => Int, { description: 'Days from contract to delivery, 0 to 3650' })
  @IsInt()
  @Min(0)
  @Max(3650)
  leadTimeDays: number;
  @Field(() => GraphQLDate, { description: 'Last business day the bid holds (at or after the opening day)' })
  validUntil: string;
  @Field({ nullable: true, description: 'Free note, 1 to 4000 characters' })
  @IsOptional()
  @NotBlank()
  @Length(1, 4000)
  note?: string;
}

@InputType({ description: 'A committee member’s score of a bid on one technical criterion' })
export class IssuedTenderScoreInput {
  @Field(() => ID, { description: 'Id of the criterion' })
  @IsUUID('all', { message: 'must be a criterion id' })
  criterionId: string;
  @Field(() => GraphQLDecimal, { description: '0 to 100, at most 2 decimals' }) score: string;
}

@ObjectType('IssuedTenderRank', { description: 'One valid bid’s place in the ranking' })
export class IssuedTenderRank {
  @Field(() => ID, { description: 'Id of the bid' }) bidId: string;
  @Field(() => ID, { description: 'Id of the supplier' }) supplierId: string;
  @Field(() => GraphQLDecimal, { description: 'The bid price' }) amount: string;
  @Field(() => GraphQLDecimal, { description: '100 × lowest valid price ÷ this price, half-up to 4 decimals' })
  priceScore: string;
  @Field(() => GraphQLDecimal, {
    description: 'Σ criterion weight × members’ average score ÷ 100, half-up to 4 decimals',
  })
  technicalPoints: string;
  @Field(() => GraphQLDecimal, {
    description: '(price weight × price score + Σ weight × score) ÷ 100, averaged over members, half-up to 4 decimals',
  })
  total: string;
  @Field(() => Int, { description: '1 + the number of bids with a higher total' }) rank: number;
}

@ObjectType('IssuedTenderRanking', { description: 'The valid bids ranked by weighted total (after opening)' })
export class IssuedTenderRanking {
  @Field({ description: 'Every member scored every valid bid on every criterion' }) complete: boolean;
  @Field(() => GraphQLDecimal, { nullable: true, description: 'The lowest valid price' }) lowestPrice: string | null;
  @Field(() => [IssuedTenderRank], { description: 'Best first' }) rows: IssuedTenderRank[];
  @Field(() => [ID], { description: 'Bids sharing the first rank (a tie: TENDER_TIE until broken); else empty' })
  tiedForFirst: string[];
}
