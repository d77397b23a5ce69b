import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsInt, IsOptional, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { NotBlank } from '@app/graphql';
import { CustomerSize } from '../research.enums.js';

@InputType({ description: 'A target market segment to score' })
export class CreateSegmentInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field({ description: 'Segment name' }) @Length(1, 200) @NotBlank() name: string;
  @Field({ description: 'Region of the segment' }) @Length(1, 100) @NotBlank() region: string;
  @Field({ description: 'Industry of the segment' }) @Length(1, 100) @NotBlank() industry: string;
  @Field(() => CustomerSize, { description: 'Customer size of the segment' }) @IsEnum(CustomerSize) size: CustomerSize;
  @Field(() => Int, { description: '0-100' }) @IsInt() @Min(0) @Max(100) marketSizeScore: number;
  @Field(() => Int, { description: '0-100' }) @IsInt() @Min(0) @Max(100) growthScore: number;
  @Field(() => Int, { description: '0-100: how intense competition is (counts against the segment)' })
  @IsInt()
  @Min(0)
  @Max(100)
  competitionScore: number;
  @Field({ nullable: true, defaultValue: false, description: 'A chosen focus segment' })
  @IsOptional()
  @IsBoolean()
  focus?: boolean;
  @Field({ nullable: true, description: 'Free notes' }) @IsOptional() @MaxLength(4000) notes?: string;
}

@InputType({ description: 'Changes to a segment; fields left out keep their value' })
export class UpdateSegmentInput {
  @Field({ nullable: true, description: 'Segment name' })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  name?: string;
  @Field({ nullable: true, description: 'Region of the segment' })
  @IsOptional()
  @Length(1, 100)
  @NotBlank()
  region?: string;
  @Field({ nullable: true, description: 'Industry of the segment' })
  @IsOptional()
  @Length(1, 100)
  @NotBlank()
  industry?: string;
  @Field(() => CustomerSize, { nullable: true, description: 'Customer size of the segment' })
  @IsOptional()
  @IsEnum(CustomerSize)
  size?: CustomerSize;
  @Field(() => Int, { nullable: true, description: '0-100' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  marketSizeScore?: number;
  @Field(() => Int, { nullable: true, description: '0-100' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  growthScore?: number;
  @Field(() => Int, { nullable: true, description: '0-100: how intense competition is (counts against the segment)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  competitionScore?: number;
  @Field({ nullable: true, description: 'A chosen focus segment' }) @IsOptional() @IsBoolean() focus?: boolean;
  @Field({ nullable: true, description: 'Free notes' }) @IsOptional() @MaxLength(4000) notes?: string;
}

@InputType()
export class PersonaInput {
  @Field({ description: 'Persona name, e.g. Plant purchasing manager' })
  @Length(1, 200)
  @NotBlank()
  name: string;
  @Field({ description: 'Basic profile' }) @Length(1, 4000) @NotBlank() profile: string;
  @Field({ nullable: true, description: 'Their business needs' }) @IsOptional() @MaxLength(4000) needs?: string;
  @Field({ nullable: true, description: 'How they decide to buy' })
  @IsOptional()
  @MaxLength(4000)
  decisionProcess?: string;
  @Field({ nullable: true, description: 'What they prefer when buying' })
  @IsOptional()
  @MaxLength(4000)
  purchasingPreferences?: string;
}

@InputType({ description: 'A customer persona (客户画像) to add to a segment' })
export class AddPersonaInput extends PersonaInput {
  @Field(() => ID, { description: 'Id of the market segment' })
  @IsUUID('all', { message: 'must be a segment id' })
  segmentId: string;
}

@InputType({ description: 'Changes to a persona; fields left out keep their value' })
export class UpdatePersonaInput {
  @Field({ nullable: true, description: 'Persona name, e.g. Plant purchasing manager' })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  name?: string;
  @Field({ nullable: true, description: 'Basic profile' })
  @IsOptional()
  @Length(1, 4000)
  @NotBlank()
  profile?: string;
  @Field({ nullable: true, description: 'Business needs' }) @IsOptional() @MaxLength(4000) needs?: string;
  @Field({ nullable: true, description: 'How they decide to buy' })
  @IsOptional()
  @MaxLength(4000)
  decisionProcess?: string;
  @Field({ nullable: true, description: 'What they prefer when buying' })
  @IsOptional()
  @MaxLength(4000)
  purchasingPreferences?: string;
}
