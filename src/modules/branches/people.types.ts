import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { Connection } from '@app/graphql';
import { Role } from './roles.js';
import { StaffMember } from './branch.types.js';

@ObjectType('StaffMemberConnection', { description: 'A page of a branch’s staff directory' })
export class StaffMemberConnection extends Connection(StaffMember, 'StaffMember') {}

@InputType({ description: 'Which people of the branch to list' })
export class StaffDirectoryFilter {
  @Field(() => Role, { nullable: true, description: 'Only people with this role in the branch' })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @Field({ nullable: true, description: 'Part of the name or e-mail, any case' })
  @IsOptional()
  @MaxLength(100)
  search?: string;
}

@ObjectType('AuditEntry', {
  description: 'One change recorded in the audit log: who, which branch, what, before and after',
})
export class AuditEntry {
  @Field(() => ID, { description: 'Stable id of the audit entry' }) id: string;
  @Field(() => ID, { description: 'The branch the change belongs to' }) branchId: string;
  @Field(() => ID, { nullable: true, description: 'Who made the change; null for background work' })
  actorId: string | null;
  @Field(() => String, { nullable: true, description: 'The request that made the change (X-Request-Id)' })
  requestId: string | null;
  @Field({ description: 'What kind of record changed, e.g. customer, contract, user' }) entity: string;
  @Field(() => ID, { description: 'The id of the record that changed' }) entityId: string;
  @Field({ description: 'What was done, e.g. create, update, disable' }) action: string;
  @Field(() => String, { nullable: true, description: 'The record before the change, as JSON text' })
  before: string | null;
  @Field(() => String, { nullable: true, description: 'The record after the change, as JSON text' })
  after: string | null;
  @Field({ description: 'When the change was made' }) createdAt: Date;
}

@ObjectType('AuditEntryConnection', { description: 'A page of the audit log, newest first' })
export class AuditEntryConnection extends Connection(AuditEntry, 'AuditEntry') {}

@InputType({ description: 'Which audit entries to list; every condition given must hold' })
export class AuditLogFilter {
  @Field(() => ID, { nullable: true, description: 'Only this branch (head office sees all of its organization)' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a branch id' })
  branchId?: string;

  @Field(() => ID, { nullable: true, description: 'Only changes made by this person' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a user id' })
  actorId?: string;

  @Field({ nullable: true, description: 'Only this kind of record, e.g. customer' })
  @IsOptional()
  @Matches(/^[A-Za-z_.-]{1,60}$/, { message: 'must be a record kind such as customer or contract' })
  entity?: string;

  @Field(() => ID, { nullable: true, description: 'Only changes of this record' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a record id' })
  entityId?: string;

  @Field({ nullable: true, description: 'Only this action, e.g. update' })
  @IsOptional()
  @Matches(/^[A-Za-z_.-]{1,60}$/, { message: 'must be an action such as create or update' })
  action?: string;

  @Field(() => Date, { nullable: true, description: 'Changes at or after this instant (RFC 3339 with offset)' })
  @IsOptional()
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Changes before this instant (RFC 3339 with offset)' })
  @IsOptional()
  to?: Date;
}
