import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { Connection, GraphQLDate } from '@app/graphql';

const NOT_BLANK = /\S/;
const BLANK_MSG = { message: 'must not be blank' };

export enum DisputeState {
  OPENED = 'OPENED',
  HANDLING = 'HANDLING',
  CLOSED = 'CLOSED',
}
registerEnumType(DisputeState, {
  name: 'DisputeState',
  description: 'OPENED -> HANDLING -> CLOSED (with a resolution)',
});

export enum SupportKind {
  TRAINING = 'TRAINING',
  TECHNICAL_SUPPORT = 'TECHNICAL_SUPPORT',
  MARKETING_SUPPORT = 'MARKETING_SUPPORT',
  RESOURCES = 'RESOURCES',
}
registerEnumType(SupportKind, { name: 'SupportKind', description: 'What the branch gave a partner' });

@ObjectType('PartnerDispute', { description: 'A dispute with a partner, handled and logged' })
export class PartnerDispute {
  @Field(() => ID, { description: 'Stable id of the partner dispute' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the partner dispute belongs to (its code and name: branch)' })
  branchId: string;
  @Field(() => ID, { description: 'Id of the partner (the object itself: partner)' }) partnerId: string;
  @Field() subject: string;
  @Field() description: string;
  @Field(() => DisputeState) state: DisputeState;
  @Field(() => ID, { nullable: true, description: 'Who handles it (from HANDLING on)' }) handlerId: string | null;
  @Field(() => String, { nullable: true }) handlingNotes: string | null;
  @Field(() => String, { nullable: true }) resolution: string | null;
  @Field() openedAt: Date;
  @Field(() => Date, { nullable: true }) closedAt: Date | null;
  @Field(() => ID, { description: 'Id of the created by (the object itself: createdBy)' }) createdById: string;
}

@ObjectType('PartnerDisputeConnection', {
  description: 'A page of partner dispute rows: edges, pageInfo and totalCount (Relay connection)',
})
export class PartnerDisputeConnection extends Connection(PartnerDispute, 'PartnerDispute') {}

@ObjectType('PartnerSupportRecord', { description: 'Training, support or resources given to a partner' })
export class PartnerSupportRecord {
  @Field(() => ID, { description: 'Stable id of the partner support record' }) id: string;
  @Field(() => ID, {
    description: 'Id of the branch the partner support record belongs to (its code and name: branch)',
  })
  branchId: string;
  @Field(() => ID, { description: 'Id of the partner (the object itself: partner)' }) partnerId: string;
  @Field(() => SupportKind) kind: SupportKind;
  @Field(() => GraphQLDate) givenOn: string;
  @Field() topic: string;
  @Field(() => String, { nullable: true }) details: string | null;
  @Field(() => Int, { nullable: true, description: 'People of the partner who attended' }) attendees: number | null;
  @Field(() => ID, { description: 'Id of the recorded by (the object itself: recordedBy)' }) recordedById: string;
}

@ObjectType('PartnerSupportRecordConnection', {
  description: 'A page of partner support record rows: edges, pageInfo and totalCount (Relay connection)',
})
export class PartnerSupportRecordConnection extends Connection(PartnerSupportRecord, 'PartnerSupportRecord') {}

@ObjectType('PartnerEndUser', { description: 'A customer of a partner: who they are and what they bought' })
export class PartnerEndUser {
  @Field(() => ID, { description: 'Stable id of the partner end user' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the partner end user belongs to (its code and name: branch)' })
  branchId: string;
  @Field(() => ID, { description: 'Id of the partner (the object itself: partner)' }) partnerId: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) industry: string | null;
  @Field(() => String, { nullable: true }) region: string | null;
  @Field({ description: 'What they bought' }) purchased: string;
  @Field(() => GraphQLDate, { nullable: true }) purchasedOn: string | null;
  @Field(() => ID, { description: 'Id of the recorded by (the object itself: recordedBy)' }) recordedById: string;
  @Field({ description: 'When the partner end user was recorded' }) createdAt: Date;
}

@ObjectType('PartnerEndUserConnection', {
  description: 'A page of partner end user rows: edges, pageInfo and totalCount (Relay connection)',
})
export class PartnerEndUserConnection extends Connection(PartnerEndUser, 'PartnerEndUser') {}

@InputType()
export class OpenPartnerDisputeInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a partner id' }) partnerId: string;
  @Field() @Length(1, 200) @Matches(NOT_BLANK, BLANK_MSG) subject: string;
  @Field() @Length(1, 4000) @Matches(NOT_BLANK, BLANK_MSG) description: string;
}

@InputType()
export class HandlePartnerDisputeInput {
  @Field(() => ID, { nullable: true, description: 'A member of the branch; defaults to you' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  handlerId?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 4000) @Matches(NOT_BLANK, BLANK_MSG) notes?: string;
}

@InputType()
export class RecordPartnerSupportInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a partner id' }) partnerId: string;
  @Field(() => SupportKind) @IsEnum(SupportKind) kind: SupportKind;
  @Field(() => GraphQLDate, { description: 'Not in the future' }) givenOn: string;
  @Field() @Length(1, 200) @Matches(NOT_BLANK, BLANK_MSG) topic: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(4000) details?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(100000) attendees?: number;
}

@InputType()
export class RecordPartnerEndUserInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a partner id' }) partnerId: string;
  @Field() @Length(1, 200) @Matches(NOT_BLANK, BLANK_MSG) name: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 100) @Matches(NOT_BLANK, BLANK_MSG) industry?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 100) @Matches(NOT_BLANK, BLANK_MSG) region?: string;
  @Field({ description: 'What they bought' }) @Length(1, 1000) @Matches(NOT_BLANK, BLANK_MSG) purchased: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'Not in the future' }) @IsOptional() purchasedOn?: string;
}

@InputType()
export class PartnerRecordFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a partner id' })
  partnerId?: string;
}

@InputType()
export class PartnerDisputeFilter extends PartnerRecordFilter {
  @Field(() => DisputeState, { nullable: true }) @IsOptional() @IsEnum(DisputeState) state?: DisputeState;
}

@InputType()
export class PartnerSupportFilter extends PartnerRecordFilter {
  @Field(() => SupportKind, { nullable: true }) @IsOptional() @IsEnum(SupportKind) kind?: SupportKind;
}

@InputType()
export class PartnerEndUserFilter extends PartnerRecordFilter {
  @Field({ nullable: true, description: 'Exact industry' }) @IsOptional() @Length(1, 100) industry?: string;
  @Field({ nullable: true, description: 'Exact region' }) @IsOptional() @Length(1, 100) region?: string;
}
