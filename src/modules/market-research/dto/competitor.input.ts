import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID, IsUrl, Length, MaxLength } from 'class-validator';
import { GraphQLDate, NotBlank } from '@app/graphql';
import { ObservationAspect } from '../research.enums.js';

@InputType()
export class CompetitorProfileInput {
  @Field({ nullable: true, description: 'Their web site' })
  @IsOptional()
  @IsUrl({}, { message: 'must be a web address' })
  website?: string;
  @Field({ nullable: true, description: 'What they sell (product profile)' })
  @IsOptional()
  @MaxLength(4000)
  product?: string;
  @Field({ nullable: true, description: 'Their pricing (price profile)' })
  @IsOptional()
  @MaxLength(4000)
  price?: string;
  @Field({ nullable: true, description: 'How they sell (channel profile)' })
  @IsOptional()
  @MaxLength(4000)
  channel?: string;
  @Field({ nullable: true, description: 'How they promote (promotion profile)' })
  @IsOptional()
  @MaxLength(4000)
  promotion?: string;
  @Field({ nullable: true, description: 'Where they are stronger than us' })
  @IsOptional()
  @MaxLength(4000)
  strengths?: string;
  @Field({ nullable: true, description: 'Where they are weaker than us' })
  @IsOptional()
  @MaxLength(4000)
  weaknesses?: string;
  @Field({ nullable: true, description: 'Our recommended response' }) @IsOptional() @MaxLength(4000) response?: string;
}

@InputType({ description: 'A competitor to profile' })
export class CreateCompetitorInput extends CompetitorProfileInput {
  @Field(() => ID, { nullable: true, description: 'Required for head office; defaults to your branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field({ description: "Competitor's name, unique in the branch" })
  @Length(1, 200)
  @NotBlank()
  name: string;
}

@InputType({ description: 'Changes to a competitor profile; fields left out keep their value' })
export class UpdateCompetitorInput extends CompetitorProfileInput {
  @Field({ nullable: true, description: "Competitor's name, unique in the branch" })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  name?: string;
}

@InputType({ description: 'An observation of a competitor' })
export class RecordObservationInput {
  @Field(() => ID, { description: 'Id of the competitor' })
  @IsUUID('all', { message: 'must be a competitor id' })
  competitorId: string;
  @Field(() => GraphQLDate, { description: 'Not in the future (branch time zone)' }) observedOn: string;
  @Field(() => ObservationAspect, { description: 'What it is about' })
  @IsEnum(ObservationAspect)
  aspect: ObservationAspect;
  @Field({ description: 'What was observed' }) @Length(1, 4000) @NotBlank() note: string;
  @Field({ nullable: true, description: 'Where it came from' })
  @IsOptional()
  @Length(1, 200)
  @NotBlank()
  source?: string;
}
