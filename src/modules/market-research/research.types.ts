import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { Connection, GraphQLDate } from '@app/graphql';
import { ResearchDigest, ResearchItem } from './research.entity.js';
import { ResearchItemKind } from './research.enums.js';

@ObjectType('ResearchItemConnection', {
  description: 'A page of research item rows: edges, pageInfo and totalCount (Relay connection)',
})
export class ResearchItemConnection extends Connection(ResearchItem, 'ResearchItem') {}

@InputType({ description: 'Conditions on research items; all given must hold' })
export class ResearchItemFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => ResearchItemKind, { nullable: true, description: 'Only this kind' })
  @IsOptional()
  @IsEnum(ResearchItemKind)
  kind?: ResearchItemKind;
  @Field({ nullable: true, description: 'Items carrying this tag (case-insensitive)' })
  @IsOptional()
  @Length(1, 40)
  tag?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'Published on or after' }) @IsOptional() from?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'Published on or before' }) @IsOptional() to?: string;
  @Field(() => Int, { nullable: true, description: 'At least this relevant' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  minRelevance?: number;
}

@ObjectType('ResearchDigestConnection', {
  description: 'A page of research digest rows: edges, pageInfo and totalCount (Relay connection)',
})
export class ResearchDigestConnection extends Connection(ResearchDigest, 'ResearchDigest') {}

@InputType({ description: 'Conditions on digests; all given must hold' })
export class ResearchDigestFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'Weeks starting on or after' }) @IsOptional() from?: string;
  @Field(() => GraphQLDate, { nullable: true, description: 'Weeks starting on or before' }) @IsOptional() to?: string;
}
