import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineTable } from '@app/core';
import { Branch } from './branch.entity.js';
import { Role } from './roles.js';

@Entity('memberships')
@ObjectType('Membership', { description: "A person's role in one branch or at head office" })
export class Membership {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'user_id' }) userId: string;
  @Column('uuid', { name: 'branch_id' }) branchId: string;
  @Column('text') @Field(() => Role, { description: 'The role held there' }) role: Role;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  /** No column: the branch row, read with the membership (BranchesService.readUser). */
  @Field(() => Branch, { description: 'The branch or head office' }) branch: Branch;
}

@Entity('users')
@ObjectType('User', { description: 'A person who signs in' })
export class User {
  @PrimaryColumn('uuid') @Field(() => ID, { description: 'Stable id of the user' }) id: string;
  @Column('uuid', { name: 'organization_id' }) organizationId: string;
  @Column('text') @Field({ description: 'Sign-in e-mail' }) email: string;
  @Column('text', { name: 'display_name' }) @Field({ description: 'Name to show' }) displayName: string;
  /** Never read with the row (login reads it through login_accounts only) and never a field. */
  @Column('text', { name: 'password_hash', select: false }) passwordHash?: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'When the account was disabled (it can neither sign in nor use its tokens); null while active',
  })
  disabledAt: Date | null;
  /** Bumped (by triggers) when the person is disabled or a membership changes: older access tokens stop working. */
  @Column('integer', { name: 'auth_version', default: 0 }) authVersion: number;
  /** No column: read with the user (BranchesService.readUser). */
  @Field(() => [Membership], { description: 'Where the person works and in which role' }) memberships: Membership[];
}

@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'user_id' }) userId: string;
  @Column('uuid', { name: 'family_id' }) familyId: string;
  @Column('text', { name: 'token_hash' }) tokenHash: string;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt: Date;
  @Column('timestamptz', { name: 'used_at', nullable: true }) usedAt: Date | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt: Date | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

export const Memberships = defineTable(Membership, { module: 'branches', noun: 'Membership' });
export const Users = defineTable(User, { module: 'branches', noun: 'User' });
export const RefreshTokens = defineTable(RefreshToken, { module: 'branches', noun: 'RefreshToken' });
