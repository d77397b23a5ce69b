import { Field, ID, Int, InputType, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { Connection } from '@app/graphql';
import { Branch } from '../branches/branch.types.js';
import { Partner } from './channel.entity.js';
import { PartnerKind, PartnerStatus, PartnerTier } from './channel.enums.js';

@ObjectType('PartnerConnection', {
  description: 'A page of partner rows: edges, pageInfo and totalCount (Relay connection)',
})
export class PartnerConnection extends Connection(Partner, 'Partner') {}

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
