import { Field, ID, Int, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { Connection, GraphQLDate } from '@app/graphql';
import { Branch } from '../branches/branch.types.js';

export enum PartnerKind {
  DISTRIBUTOR = 'DISTRIBUTOR',
  AGENT = 'AGENT',
  ECOMMERCE_PLATFORM = 'ECOMMERCE_PLATFORM',
  DIRECT_STORE = 'DIRECT_STORE',
}
registerEnumType(PartnerKind, { name: 'PartnerKind', description: 'The kind of channel (DOMAIN.md section 3)' });

export enum PartnerStatus {
  CANDIDATE = 'CANDIDATE',
  NEGOTIATING = 'NEGOTIATING',
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  ENDED = 'ENDED',
}
registerEnumType(PartnerStatus, {
  name: 'PartnerStatus',
  description: 'CANDIDATE (found), NEGOTIATING (terms), ACTIVE (working with us), SUSPENDED, ENDED',
});

export enum PartnerTier {
  A = 'A',
  B = 'B',
  C = 'C',
  D = 'D',
}
registerEnumType(PartnerTier, { name: 'PartnerTier', description: 'From the evaluation score: A is best' });

export enum AgreementStatus {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  TERMINATED = 'TERMINATED',
}
registerEnumType(AgreementStatus, {
  name: 'AgreementStatus',
  description: 'ACTIVE until the day after its end (then EXPIRED, by the worker) or until TERMINATED early',
});

@ObjectType('Partner', { description: 'A channel partner (渠道 / 经销商 / 代理商) of a branch' })
export class Partner {
  @Field(() => ID, { description: 'Stable id of the partner' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the partner belongs to (its code and name: branch)' })
  branchId: string;
  @Field(() => PartnerKind) kind: PartnerKind;
  @Field() name: string;
  @Field({ description: 'The region the partner works in' }) region: string;
  @Field(() => PartnerStatus, {
    deprecationReason: 'Use state: one word for lifecycles across the schema',
    description: 'The lifecycle state under its old name (same value as state)',
  })
  status: PartnerStatus;
  @Field(() => ID, { description: 'The branch member who manages the partner' }) ownerId: string;
  @Field(() => String, { nullable: true }) notes: string | null;
  @Field(() => PartnerTier, { nullable: true, description: 'The tier of the latest evaluated period' })
  tier: PartnerTier | null;
  @Field(() => String, { nullable: true, description: 'The period that tier comes from, e.g. 2026-Q3' })
  tierPeriod: string | null;
  @Field(() => ID, { description: 'Id of the created by (the object itself: createdBy)' }) createdById: string;
  @Field({ description: 'When the partner was recorded' }) createdAt: Date;
  @Field({ description: 'When the partner last changed' }) updatedAt: Date;
}

@ObjectType('PartnerConnection', {
  description: 'A page of partner rows: edges, pageInfo and totalCount (Relay connection)',
})
export class PartnerConnection extends Connection(Partner, 'Partner') {}

@ObjectType('PartnerContact')
export class PartnerContact {
  @Field(() => ID, { description: 'Stable id of the partner contact' }) id: string;
  @Field(() => ID) partnerId: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) title: string | null;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field() isPrimary: boolean;
  branchId: string;
}

@ObjectType('PartnerAgreement', { description: 'A cooperation agreement: term, territory and terms' })
export class PartnerAgreement {
  @Field(() => ID, { description: 'Stable id of the partner agreement' }) id: string;
  @Field(() => ID) partnerId: string;
  @Field(() => GraphQLDate) startsOn: string;
  @Field(() => GraphQLDate, { description: 'The last day of the term (branch time zone)' }) endsOn: string;
  @Field() territory: string;
  @Field() terms: string;
  @Field(() => AgreementStatus, {
    deprecationReason: 'Use state: one word for lifecycles across the schema',
    description: 'The lifecycle state under its old name (same value as state)',
  })
  status: AgreementStatus;
  @Field(() => String, { nullable: true }) terminationReason: string | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Days before the end of the next reminder; null: the expiry is next',
  })
  nextReminderDays: number | null;
  @Field(() => Date, { nullable: true, description: 'When the worker next acts (a reminder, or the expiry)' })
  nextActionAt: Date | null;
  @Field({ description: 'When the partner agreement was recorded' }) createdAt: Date;
  branchId: string;
}

@ObjectType('PartnerTierCount', { description: 'How many partners a branch has in a tier' })
export class PartnerTierCount {
  @Field(() => Branch) branch: Branch;
  @Field(() => PartnerTier, { nullable: true, description: 'null: not evaluated yet' }) tier: PartnerTier | null;
  @Field(() => Int) count: number;
}

@InputType()
export class PartnerFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only rows owned by this person' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
  @Field(() => PartnerKind, { nullable: true }) @IsOptional() @IsEnum(PartnerKind) kind?: PartnerKind;
  @Field(() => PartnerStatus, { nullable: true, description: 'Only partners in this state' })
  @IsOptional()
  @IsEnum(PartnerStatus)
  state?: PartnerStatus;
  @Field(() => PartnerStatus, {
    nullable: true,
    deprecationReason: 'Use state: one word for lifecycles across the schema',
  })
  @IsOptional()
  @IsEnum(PartnerStatus)
  status?: PartnerStatus;
  @Field(() => PartnerTier, { nullable: true }) @IsOptional() @IsEnum(PartnerTier) tier?: PartnerTier;
  @Field({ nullable: true, description: 'Exact region' }) @IsOptional() @Length(1, 100) region?: string;
}
