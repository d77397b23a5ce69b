import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { NotBlank } from '@app/graphql';
import { WorkPlanKind, WorkPlanState } from './plan.enums.js';

@InputType({ description: 'Your own work plan for a period' })
export class CreateWorkPlanInput {
  @Field(() => WorkPlanKind, { description: 'Its span' }) @IsEnum(WorkPlanKind) kind: WorkPlanKind;
  @Field({ description: 'The period of that span: 2026, 2026-12, 2026-W49 or 2026-12-07' })
  @Length(1, 20)
  period: string;
  @Field({ description: 'The title, 1 to 200 characters' }) @NotBlank() @Length(1, 200) title: string;
  @Field({ description: 'The plan, 1 to 8000 characters' }) @NotBlank() @Length(1, 8000) content: string;
}

@InputType({ description: 'Your draft plan changed (at least one field)' })
export class UpdateWorkPlanInput {
  @Field(() => ID, { description: 'The plan' }) @IsUUID('all', { message: 'must be a plan id' }) id: string;
  @Field(() => String, { nullable: true, description: 'The title' })
  @IsOptional()
  @NotBlank()
  @Length(1, 200)
  title?: string;
  @Field(() => String, { nullable: true, description: 'The plan' })
  @IsOptional()
  @NotBlank()
  @Length(1, 8000)
  content?: string;
}

@InputType({ description: 'A change to your approved plan, for leadership to approve' })
export class ProposeWorkPlanChangeInput {
  @Field(() => ID, { description: 'The approved plan' })
  @IsUUID('all', { message: 'must be a plan id' })
  planId: string;
  @Field({ description: 'The plan as it should read, 1 to 8000 characters' })
  @NotBlank()
  @Length(1, 8000)
  content: string;
  @Field({ description: 'Why, 1 to 2000 characters' }) @NotBlank() @Length(1, 2000) reason: string;
}

@InputType({ description: 'Which work plans: yours, or (for managers and head office) the branch people’s' })
export class WorkPlanFilter {
  @Field(() => ID, { nullable: true, description: 'Only this person (default: you)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  personId?: string;
  @Field(() => WorkPlanKind, { nullable: true, description: 'Only this span' })
  @IsOptional()
  @IsEnum(WorkPlanKind)
  kind?: WorkPlanKind;
  @Field(() => WorkPlanState, { nullable: true, description: 'Only draft or approved' })
  @IsOptional()
  @IsEnum(WorkPlanState)
  state?: WorkPlanState;
  @Field(() => Int, {
    nullable: true,
    defaultValue: 50,
    description: 'At most this many, latest period first (1 to 200)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  first?: number;
}
