import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { Connection, GraphQLDate, NotBlank } from '@app/graphql';
import { PartnerDispute, PartnerEndUser, PartnerSupportRecord } from './channel.entity.js';
import { DisputeState, SupportKind } from './channel.enums.js';

@ObjectType('PartnerDisputeConnection', {
  description: 'A page of partner dispute rows: edges, pageInfo and totalCount (Relay connection)',
})
export class PartnerDisputeConnection extends Connection(PartnerDispute, 'PartnerDispute') {}

@ObjectType('PartnerSupportRecordConnection', {
  description: 'A page of partner support record rows: edges, pageInfo and totalCount (Relay connection)',
})
export class PartnerSupportRecordConnection extends Connection(PartnerSupportRecord, 'PartnerSupportRecord') {}

@ObjectType('PartnerEndUserConnection', {
  description: 'A page of partner end user rows: edges, pageInfo and totalCount (Relay connection)',
})
export class PartnerEndUserConnection extends Connection(PartnerEndUser, 'PartnerEndUser') {}

@InputType({ description: 'A dispute with a partner to log' })
export class OpenPartnerDisputeInput {
  @Field(() => ID, { description: 'Id of the partner' })
  @IsUUID('all', { message: 'must be a partner id' })
  partnerId: string;
  @Field({ description: 'One line, e.g. Price undercutting in Suzhou' })
  @Length(1, 200)
  @NotBlank()
  subject: string;
  @Field({ description: 'What happened' }) @Length(1, 4000) @NotBlank() description: string;
}

@InputType({ description: 'Taking a dispute in hand' })
export class HandlePartnerDisputeInput {
  @Field(() => ID, { nullable: true, description: 'A member of the branch; defaults to you' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  handlerId?: string;
  @Field({ nullable: true, description: 'How it is being handled' })
  @IsOptional()
  @Length(1, 4000)
  @NotBlank()
  notes?: string;
}

@InputType({ description: 'Training, support or resources given to a partner' })
export class RecordPartnerSupportInput {
  @Field(() => ID, { description: 'Id of the partner' })
  @IsUUID('all', { message: 'must be a partner id' })
  partnerId: string;
  @Field(() => SupportKind, { description: 'Kind of support' }) @IsEnum(SupportKind) kind: SupportKind;
  @Field(() => GraphQLDate, { description: 'Not in the future' }) givenOn: string;
  @Field({ description: 'What it was about' }) @Length(1, 200) @NotBlank() topic: string;
  @Field({ nullable: true, description: 'Details' }) @IsOptional() @MaxLength(4000) details?: string;
  @Field(() => Int, { nullable: true, description: 'How many people attended (training)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  attendees?: number;
}

@InputType({ description: 'An end user a distributor sold to (each branch records them for its region)' })
export class RecordPartnerEndUserInput {
  @Field(() => ID, { description: 'Id of the partner' })
  @IsUUID('all', { message: 'must be a partner id' })
  partnerId: string;
  @Field({ description: "End user's company name" }) @Length(1, 200) @NotBlank() name: string;
  @Field({ nullable: true, description: "End user's industry" })
  @IsOptional()
  @Length(1, 100)
  @NotBlank()
  industry?: string;
  @Field({ nullable: true, description: "End user's region" })
  @IsOptional()
  @Length(1, 100)
  @NotBlank()
  region?: string;
  @Field({ description: 'What they bought' }) @Length(1, 1000) @NotBlank() purchased: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'Not in the future' }) @IsOptional() purchasedOn?: string;
}

@InputType()
export class PartnerRecordFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only records of this partner' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a partner id' })
  partnerId?: string;
}

@InputType({ description: 'Conditions on disputes; all given must hold' })
export class PartnerDisputeFilter extends PartnerRecordFilter {
  @Field(() => DisputeState, { nullable: true, description: 'Only this state' })
  @IsOptional()
  @IsEnum(DisputeState)
  state?: DisputeState;
}

@InputType({ description: 'Conditions on support records; all given must hold' })
export class PartnerSupportFilter extends PartnerRecordFilter {
  @Field(() => SupportKind, { nullable: true, description: 'Only this kind of support' })
  @IsOptional()
  @IsEnum(SupportKind)
  kind?: SupportKind;
}

@InputType({ description: 'Conditions on end users; all given must hold' })
export class PartnerEndUserFilter extends PartnerRecordFilter {
  @Field({ nullable: true, description: 'Exact industry' }) @IsOptional() @Length(1, 100) industry?: string;
  @Field({ nullable: true, description: 'Exact region' }) @IsOptional() @Length(1, 100) region?: string;
}
