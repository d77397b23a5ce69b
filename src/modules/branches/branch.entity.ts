import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { BranchKindEnum } from './branch.enums.js';

/**
 * Platform tables (ARCHITECTURE.md, tenancy): not branch rows. Only the branches module reads them, as the
 * platform role, walled by organization; other modules see branches through BranchesService.
 */
@Entity('organizations')
export class Organization {
  @PrimaryColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

@Entity('branches')
@ObjectType('Branch', { description: 'A branch office (a tenant) or the head office of an organization' })
export class Branch {
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the branch' }) id: string;
  /** Where the row is written or filtered on (not read with it: a branch is passed around inside its organization). */
  @Column('uuid', { name: 'organization_id', select: false }) organizationId?: string;
  @Column('text')
  @Field({ description: 'Short code unique in the organization, e.g. SH; used in contract numbers' })
  code: string;
  @Column('text') @Field({ description: 'Display name, e.g. Shanghai' }) name: string;
  @Column('text') @Field(() => BranchKindEnum, { description: 'Head office or a branch office' }) kind: BranchKindEnum;
  @Column('text', { name: 'time_zone', default: 'Asia/Shanghai' })
  @Field({ description: 'IANA time zone in which the branch counts business days' })
  timeZone: string;
  @Column('char', { length: 3, default: 'CNY', transformer: { from: (v: string) => v.trim(), to: (v: string) => v } })
  @Field({ description: 'ISO 4217 currency of the branch' })
  currency: string;
  /** Not in the scope_branches view the tenant transaction reads branches through, so not in the column list. */
  @Column('timestamptz', { name: 'created_at', default: () => 'now()', select: false }) createdAt?: Date;
}

export const Organizations = defineTable(Organization, { module: 'branches', noun: 'Organization' });
export const Branches = defineTable(Branch, { module: 'branches', noun: 'Branch' });
