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
registerEnumType(PartnerKind, {
  name: 'PartnerKind',
  description: 'The kind of channel (DOMAIN.md section 3)',
  valuesMap: {
    AGENT: { description: 'Agent (代理商): sells on our behalf' },
    DIRECT_STORE: { description: 'Our own direct store' },
    DISTRIBUTOR: { description: 'Distributor (经销商): buys and resells' },
    ECOMMERCE_PLATFORM: { description: 'E-commerce platform or online store' },
  },
});

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
  valuesMap: {
    ACTIVE: { description: 'Working with us' },
    CANDIDATE: { description: 'Found, not yet approached' },
    ENDED: { description: 'Relationship ended' },
    NEGOTIATING: { description: 'Negotiating cooperation terms' },
    SUSPENDED: { description: 'Cooperation paused' },
  },
});

export enum PartnerTier {
  A = 'A',
  B = 'B',
  C = 'C',
  D = 'D',
}
registerEnumType(PartnerTier, {
  name: 'PartnerTier',
  description: 'From the evaluation score: A is best',
  valuesMap: {
    A: { description: 'Best evaluated' },
    B: { description: 'Good' },
    C: { description: 'Fair' },
    D: { description: 'Weakest' },
  },
});

export enum AgreementStatus {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  TERMINATED = 'TERMINATED',
}
registerEnumType(AgreementStatus, {
  name: 'AgreementStatus',
  description: 'ACTIVE until the day after its end (then EXPIRED, by the worker) or until TERMINATED early',
  valuesMap: {
    ACTIVE: { description: 'In force' },
    EXPIRED: { description: 'Past its last day (set by the worker)' },
    TERMINATED: { description: 'Ended early, with a reason' },
  },
});

@ObjectType('Partner', { description: 'A channel partner (渠道 / 经销商 / 代理商) of a branch' })
export class Partner {
  @Field(() => ID, { description: 'Stable id of the partner' }) id: string;
  @Field(() => ID, { description: 'Id of the branch the partner belongs to (its code and name: branch)' })
  branchId: string;
  @Field(() => PartnerKind, { description: 'Kind of channel' }) kind: PartnerKind;
  @Field({ description: "Partner's company name, unique in the branch" }) name: string;
  @Field({ description: 'The region the partner works in' }) region: string;
  @Field(() => PartnerStatus, {
    deprecationReason: 'Use state: one word for lifecycles across the schema',
    description: 'The lifecycle state under its old name (same value as state)',
  })
  status: PartnerStatus;
  @Field(() => ID, { description: 'The branch member who manages the partner' }) ownerId: string;
  @Field(() => String, { nullable: true, description: 'Free notes' }) notes: string | null;
  @Field(() => PartnerTier, { nullable: true, description: 'The tier of the latest evaluated period' })
  tier: PartnerTier | null;
  @Field(() => String, { nullable: true, description: 'The period that tier comes from, e.g. 2026-Q3' })
  tierPeriod: string | null;
  @Field(() => ID, { description: 'Id of the person who created it (the person: createdBy)' }) createdById: string;
  @Field({ description: 'When the partner was recorded' }) createdAt: Date;
  @Field({ description: 'When the partner last changed' }) updatedAt: Date;
}

@ObjectType('PartnerConnection', {
  description: 'A page of partner rows: edges, pageInfo and totalCount (Relay connection)',
})
export class PartnerConnection extends Connection(Partner, 'Partner') {}

@ObjectType('PartnerContact', { description: 'A contact person of a partner' })
export class PartnerContact {
  @Field(() => ID, { description: 'Stable id of the partner contact' }) id: string;
  @Field(() => ID, { description: 'Id of the partner' }) partnerId: string;
  @Field({ description: 'Full name' }) name: string;
  @Field(() => String, { nullable: true, description: 'Job title' }) title: string | null;
  @Field(() => String, { nullable: true, description: 'Telephone or mobile' }) phone: string | null;
  @Field(() => String, { nullable: true, description: 'E-mail' }) email: string | null;
  @Field({ description: 'The main contact (one per partner)' }) isPrimary: boolean;
  branchId: string;
}

@ObjectType('PartnerAgreement', { description: 'A cooperation agreement: term, territory and terms' })
export class PartnerAgreement {
  @Field(() => ID, { description: 'Stable id of the partner agreement' }) id: string;
  @Field(() => ID, { description: 'Id of the partner' }) partnerId: string;
  @Field(() => GraphQLDate, { description: 'First day of the agreement' }) startsOn: string;
  @Field(() => GraphQLDate, { description: 'The last day of the term (branch time zone)' }) endsOn: string;
  @Field({ description: 'Where the partner may sell' }) territory: string;
  @Field({ description: 'The cooperation terms' }) terms: string;
  @Field(() => AgreementStatus, {
    deprecationReason: 'Use state: one word for lifecycles across the schema',
    description: 'The lifecycle state under its old name (same value as state)',
  })
  status: AgreementStatus;
  @Field(() => String, { nullable: true, description: 'Why it ended early; null unless TERMINATED' })
  terminationReason: string | null;
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
  @Field(() => Branch, { description: 'The branch counted' }) branch: Branch;
  @Field(() => PartnerTier, { nullable: true, description: 'The tier counted; null: not evaluated yet' })
  tier: PartnerTier | null;
  @Field(() => Int, { description: 'How many partners' }) count: number;
}

@InputType({ description: 'Conditions on the partners list; all given must hold' })
export class PartnerFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ID, { nullable: true, description: 'Only rows owned by this person' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  ownerId?: string;
  @Field(() => PartnerKind, { nullable: true, description: 'Only this kind of channel' })
  @IsOptional()
  @IsEnum(PartnerKind)
  kind?: PartnerKind;
  @Field(() => PartnerStatus, { nullable: true, description: 'Only partners in this state' })
  @IsOptional()
  @IsEnum(PartnerStatus)
  state?: PartnerStatus;
  @Field(() => PartnerStatus, {
    nullable: true,
    description: 'The same as state, under its old name',
    deprecationReason: 'Use state: one word for lifecycles across the schema',
  })
  @IsOptional()
  @IsEnum(PartnerStatus)
  status?: PartnerStatus;
  @Field(() => PartnerTier, { nullable: true, description: 'Only partners whose latest evaluation gave this tier' })
  @IsOptional()
  @IsEnum(PartnerTier)
  tier?: PartnerTier;
  @Field({ nullable: true, description: 'Exact region' }) @IsOptional() @Length(1, 100) region?: string;
}
