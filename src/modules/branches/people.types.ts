import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { AuditLog } from '@app/core';
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

@ObjectType('AuditEntryConnection', { description: 'A page of the audit log, newest first' })
export class AuditEntryConnection extends Connection(AuditLog, 'AuditEntry') {}

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
