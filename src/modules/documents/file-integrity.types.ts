import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsUUID, Length } from 'class-validator';
import { Connection, NotBlank } from '@app/graphql';
import { FileIntegrityProblem } from './file-integrity.entity.js';

@ObjectType('FileIntegrityProblemConnection', {
  description: 'A page of file integrity problem rows: edges, pageInfo and totalCount (Relay connection)',
})
export class FileIntegrityProblemConnection extends Connection(FileIntegrityProblem, 'FileIntegrityProblem') {}

@InputType({ description: 'Conditions on the integrity problems list; all given must hold' })
export class FileIntegrityProblemFilter {
  @Field(() => ID, { nullable: true, description: 'Head office: narrow to one branch' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;
  @Field(() => Boolean, { nullable: true, description: 'true: only open ones; false: only resolved ones' })
  @IsOptional()
  @IsBoolean()
  open?: boolean;
}

@InputType({ description: 'How an integrity problem was resolved' })
export class ResolveFileIntegrityProblemInput {
  @Field({ description: 'What was done (e.g. restored from the backup of 2026-12-01); the file is re-checked next' })
  @Length(1, 2000)
  @NotBlank()
  resolution: string;
}
