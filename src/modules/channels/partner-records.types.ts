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
  valuesMap: {
    CLOSED: { description: 'Settled, with a resolution' },
    HANDLING: { description: 'Someone handles it' },
    OPENED: { description: 'Logged, nobody on it yet' },
  },
});

export enum SupportKind {
  TRAINING = 'TRAINING',
  TECHNICAL_SUPPORT = 'TECHNICAL_SUPPORT',
  MARKETING_SUPPORT = 'MARKETING_SUPPORT',
  RESOURCES = 'RESOURCES',
}
registerEnumType(SupportKind, {
  name: 'SupportKind',
  description: 'What the branch gave a partner',
  valuesMap: {
    MARKETING_SUPPORT: { description: 'Marketing support (materials, campaigns)' },
    RESOURCES: { description: 'Resources (samples, demo units, funds)' },
    TECHNICAL_SUPPORT: { description: 'Technical support' },
    TRAINING: { description: 'Training' },
  },
});

@ObjectType('PartnerDispute', { description: 'A dispute with a partner, handled and logged' })
export class PartnerDispute {
  @Field(() => ID, { description: 'Stable id of the partner dispute' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the partner dispute belongs to (its code and name: branch)' })
  branchId: string;
  @Field(() => ID, { description: 'Id of the partner (as an object: partner)' }) partnerId: string;
  @Field({ description: 'One line summary' }) subject: string;
  @Field({ description: 'What happened' }) description: string;
  @Field(() => DisputeState, { description: 'Where the dispute stands' }) state: DisputeState;
  @Field(() => ID, { nullable: true, description: 'Who handles it (from HANDLING on)' }) handlerId: string | null;
  @Field(() => String, { nullable: true, description: 'How it is being handled' }) handlingNotes: string | null;
  @Field(() => String, { nullable: true, description: 'How it was settled; null until CLOSED' }) resolution:
    string | null;
  @Field({ description: 'When it was logged' }) openedAt: Date;
  @Field(() => Date, { nullable: true, description: 'When it was settled; null before' }) closedAt: Date | null;
  @Field(() => ID, { description: 'Id of the person who created it (the person: createdBy)' }) createdById: string;
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
  @Field(() => ID, { description: 'Id of the partner (as an object: partner)' }) partnerId: string;
  @Field(() => SupportKind, { description: 'Training, technical or marketing support, or resources' })
  kind: SupportKind;
  @Field(() => GraphQLDate, { description: 'Business day it was given' }) givenOn: string;
  @Field({ description: 'What it was about' }) topic: string;
  @Field(() => String, { nullable: true, description: 'Details' }) details: string | null;
  @Field(() => Int, { nullable: true, description: 'People of the partner who attended' }) attendees: number | null;
  @Field(() => ID, { description: 'Id of the person who recorded it (the person: recordedBy)' }) recordedById: string;
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
  @Field(() => ID, { description: 'Id of the partner (as an object: partner)' }) partnerId: string;
  @Field({ description: "End user's company name" }) name: string;
  @Field(() => String, { nullable: true, description: "End user's industry" }) industry: string | null;
  @Field(() => String, { nullable: true, description: "End user's region" }) region: string | null;
  @Field({ description: 'What they bought' }) purchased: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'Business day of their purchase' }) purchasedOn:
    string | null;
  @Field(() => ID, { description: 'Id of the person who recorded it (the person: recordedBy)' }) recordedById: string;
  @Field({ description: 'When the partner end user was recorded' }) createdAt: Date;
}

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
  @Matches(NOT_BLANK, BLANK_MSG)
  subject: string;
  @Field({ description: 'What happened' }) @Length(1, 4000) @Matches(NOT_BLANK, BLANK_MSG) description: string;
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
  @Matches(NOT_BLANK, BLANK_MSG)
  notes?: string;
}

@InputType({ description: 'Training, support or resources given to a partner' })
export class RecordPartnerSupportInput {
  @Field(() => ID, { description: 'Id of the partner' })
  @IsUUID('all', { message: 'must be a partner id' })
  partnerId: string;
  @Field(() => SupportKind, { description: 'Kind of support' }) @IsEnum(SupportKind) kind: SupportKind;
  @Field(() => GraphQLDate, { description: 'Not in the future' }) givenOn: string;
  @Field({ description: 'What it was about' }) @Length(1, 200) @Matches(NOT_BLANK, BLANK_MSG) topic: string;
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
  @Field({ description: "End user's company name" }) @Length(1, 200) @Matches(NOT_BLANK, BLANK_MSG) name: string;
  @Field({ nullable: true, description: "End user's industry" })
  @IsOptional()
  @Length(1, 100)
  @Matches(NOT_BLANK, BLANK_MSG)
  industry?: string;
  @Field({ nullable: true, description: "End user's region" })
  @IsOptional()
  @Length(1, 100)
  @Matches(NOT_BLANK, BLANK_MSG)
  region?: string;
  @Field({ description: 'What they bought' }) @Length(1, 1000) @Matches(NOT_BLANK, BLANK_MSG) purchased: string;
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
