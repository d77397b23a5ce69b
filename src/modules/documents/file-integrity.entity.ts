import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { CheckResult, IntegrityProblemKind } from './file-integrity.enums.js';

/** A checked file's schedule and last result; its due time is also the integrity scan's lease (see the migration). */
@Entity('file_checks')
export class FileCheck {
  @PrimaryColumn('uuid', { name: 'branch_id' }) branchId: string;
  @PrimaryColumn('uuid', { name: 'file_id' }) fileId: string;
  @Column('timestamptz', { name: 'due_at' }) dueAt: Date;
  @Column('timestamptz', { name: 'checked_at', nullable: true }) checkedAt: Date | null;
  @Column('text', { nullable: true }) result: CheckResult | null;
  @Column('text', { name: 'found_sha256', nullable: true }) foundSha256: string | null;
}

@Entity('file_integrity_problems')
@ObjectType('FileIntegrityProblem', {
  description: 'A stored file found changed or missing by the integrity scan (完整性检查), open until resolved',
})
export class FileIntegrityProblem {
  @PrimaryColumn('uuid', { name: 'branch_id' })
  @Field(() => ID, { description: 'Id of the branch the file belongs to' })
  branchId: string;
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the problem' }) id: string;
  @Column('uuid', { name: 'file_id' })
  @Field(() => ID, { description: 'Id of the file (its name and documents: file)' })
  fileId: string;
  @Column('text')
  @Field(() => IntegrityProblemKind, { description: 'What was found' })
  problem: IntegrityProblemKind;
  @Column('text', { name: 'expected_sha256' })
  @Field({ description: 'The SHA-256 recorded at upload' })
  expectedSha256: string;
  @Column('text', { name: 'found_sha256', nullable: true })
  @Field(() => String, { nullable: true, description: 'The SHA-256 of the bytes found (MISMATCH)' })
  foundSha256: string | null;
  @Column('timestamptz', { name: 'found_at', default: () => 'now()' })
  @Field({ description: 'When the scan found it' })
  foundAt: Date;
  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was resolved; null while open' })
  resolvedAt: Date | null;
  @Column('uuid', { name: 'resolved_by', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Who resolved it' })
  resolvedById: string | null;
  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: 'How it was resolved (e.g. restored from the backup of ...)' })
  resolution: string | null;
}

export const FileChecks = defineTable(FileCheck, { module: 'documents', noun: 'FileCheck' });
export const FileIntegrityProblems = defineTable(FileIntegrityProblem, {
  module: 'documents',
  noun: 'FileIntegrityProblem',
});
