import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import {
  BadUserInputError,
  ConflictError,
  Database,
  describeConstraint,
  ForbiddenError,
  NotFoundError,
  writeAudit,
  type RequestContext,
  type Tx,
} from '@app/core';
import { splitKeys } from '@app/graphql';
import { AuthService } from './auth.service.js';
import { HEAD_OFFICE_ROLES, type Role } from './roles.js';
import { Branches, type Branch } from './branch.entity.js';
import { BranchKindEnum } from './branch.enums.js';
import type { StaffMember } from './branch.types.js';
import { Memberships, Users, type User } from './user.entity.js';
import type { CreateBranchInput, CreateUserInput } from './dto/branch.input.js';

/** A person as the staff directory and people_in_scope show them, aliased to StaffMember's properties. */
const staff = (d: string) =>
  `${d}.user_id AS id, ${d}.display_name AS "displayName", ${d}.email, ${d}.role, ${d}.branch_id AS "branchId"`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

describeConstraint('users_org_email_key', 'This e-mail already has an account in your organization');

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Organizations, branches, users and memberships: the only module that reads the platform tables. */
@Injectable()
export class BranchesService {
  constructor(
    private readonly db: Database,
    private readonly auth: AuthService,
  ) {}

  async me(ctx: RequestContext): Promise<User> {
    const actor = ctx.requireActor();
    return this.platform(ctx, (tx) => this.readUser(tx, actor.userId));
  }

  /** A user as login and refresh answer it: the organization comes from the credentials just checked. */
  async userById(organizationId: string, userId: string): Promise<User> {
    return this.db.runPlatform({ branchIds: [], organizationId }, (tx) => this.readUser(tx, userId));
  }

  private async readUser(tx: Tx, userId: string): Promise<User> {
    const user = await Users.find(tx, { id: userId });
    if (!user) throw new NotFoundError('User', userId);
    const rows = await tx.query(
      `SELECT ${Memberships.colsPrefixed('m', 'm_')}, ${Branches.colsPrefixed('b', 'b_')}
       FROM memberships m JOIN branches b ON b.id = m.branch_id
       WHERE m.user_id = $1 ORDER BY m.created_at, b.id`,
      [userId],
    );
    user.memberships = rows.map((r) => ({
      ...Memberships.mapPrefixed(r, 'm_'),
      branch: Branches.mapPrefixed(r, 'b_'),
    }));
    return user;
  }

  /**
   * A platform transaction for the signed-in person: their organization's rows only (RLS on app.org_id), their
   * session checked like any request's, audit rows allowed in `auditBranchIds`.
   */
  private platform<T>(
    ctx: RequestContext,
    fn: (tx: Tx) => Promise<T>,
    auditBranchIds: readonly string[] = ctx.branchIds,
  ): Promise<T> {
    const actor = ctx.requireActor();
    return this.db.runPlatform(
      {
        branchIds: auditBranchIds,
        organizationId: actor.organizationId,
        userId: actor.userId,
        session: ctx.scope?.session,
      },
      fn,
    );
  }

  /** The branches the caller may act in: all of the organization for head office, else their own. */
  async list(ctx: RequestContext): Promise<Branch[]> {
    const actor = ctx.requireActor();
    return this.platform(ctx, async (tx) => {
      const rows = actor.headOffice
        ? await tx.query(
            `SELECT ${Branches.cols()} FROM branches WHERE organization_id = $1 ORDER BY kind DESC, code`,
            [actor.organizationId],
          )
        : await tx.query(
            `SELECT ${Branches.cols('b')} FROM branches b JOIN memberships m ON m.branch_id = b.id
             WHERE m.user_id = $1 ORDER BY b.code`,
            [actor.userId],
          );
      return rows.map(Branches.map);
    });
  }

  /** Per-request loader of the branches in the caller's scope, read in the request's own transaction. */
  branchLoader(ctx: RequestContext): DataLoader<string, Branch | null> {
    return ctx.loader(
      'branches.byId',
      () =>
        new DataLoader<string, Branch | null>(async (ids) => {
          const tx = await ctx.tx();
          // The view shows the branches of the tenant scope, with the table's columns (but created_at).
          const rows = await tx.query(`SELECT ${Branches.cols()} FROM scope_branches WHERE id = ANY($1::uuid[])`, [
            ids,
          ]);
          const byId = new Map(rows.map((r) => [r.id as string, Branches.map(r)]));
          return ids.map((id) => byId.get(id) ?? null);
        }),
    );
  }

  async createBranch(ctx: RequestContext, input: CreateBranchInput): Promise<Branch> {
    const actor = ctx.requireActor();
    const timeZone = input.timeZone ?? 'Asia/Shanghai';
    if (!validTimeZone(timeZone)) {
      throw BadUserInputError.field('timeZone', `"${timeZone}" is not an IANA time zone such as Asia/Shanghai`);
    }
    const id = randomUUID();
    const branch = await this.platform(
      ctx,
      async (tx) => {
        const clash = await tx.query('SELECT 1 FROM branches WHERE organization_id = $1 AND code = $2', [
          actor.organizationId,
          input.code,
        ]);
        if (clash.length) throw new ConflictError(`A branch with code ${input.code} already exists`);
        const created = await Branches.insert(tx, {
          id,
          organizationId: actor.organizationId,
          code: input.code,
          name: input.name.trim(),
          kind: BranchKindEnum.BRANCH,
          timeZone,
          currency: input.currency ?? 'CNY',
        });
        await writeAudit(ctx, { branchId: id, entity: 'branch', entityId: id, action: 'create', after: created }, tx);
        return created;
      },
      [id],
    );
    this.auth.forgetBranches(actor.organizationId);
    return branch;
  }

  async createUser(ctx: RequestContext, input: CreateUserInput): Promise<User> {
    const actor = ctx.requireActor();
    const email = input.email.trim().toLowerCase();
    if (!ctx.branchIds.includes(input.branchId.toLowerCase())) {
      throw new ForbiddenError('You can add people only to a branch you manage');
    }
    const hash = await AuthService.hashPassword(input.password);
    const userId = randomUUID();
    await this.platform(
      ctx,
      async (tx) => {
        const branch = await Branches.find(tx, { id: input.branchId, organizationId: actor.organizationId });
        if (!branch) throw new NotFoundError('Branch', input.branchId);
        const hqRole = HEAD_OFFICE_ROLES.has(input.role);
        if (hqRole !== (branch.kind === BranchKindEnum.HEAD_OFFICE)) {
          throw BadUserInputError.field(
            'role',
            hqRole
              ? `${input.role} is a head-office role; choose the head office branch`
              : `${input.role} is a branch role; head office takes HQ_ADMIN, HQ_STAFF or LEADERSHIP`,
          );
        }
        if (!actor.headOffice && hqRole) throw new ForbiddenError('Only head office can grant head-office roles');
        // E-mails are unique per organization, and RLS shows only this one: another organization's
        // accounts are neither visible nor in the way.
        const exists = await tx.query('SELECT 1 FROM users WHERE organization_id = $1 AND email = $2', [
          actor.organizationId,
          email,
        ]);
        if (exists.length) throw new ConflictError(`${email} already has an account in your organization`);
        await Users.insert(tx, {
          id: userId,
          organizationId: actor.organizationId,
          email,
          displayName: input.displayName.trim(),
          passwordHash: hash,
        });
        await Memberships.insert(tx, { id: randomUUID(), userId, branchId: branch.id, role: input.role });
        const after = { email, displayName: input.displayName, role: input.role };
        await writeAudit(ctx, { branchId: branch.id, entity: 'user', entityId: userId, action: 'create', after }, tx);
      },
      [input.branchId.toLowerCase()],
    );
    return this.platform(ctx, (tx) => this.readUser(tx, userId));
  }

  /**
   * Disables (or enables again) a person's account. A branch manager may do it for the people of their branch
   * who work nowhere else; head office's admin for anyone of the organization. Disabling bumps the person's
   * auth_version (trigger), so their access tokens stop at their next request, and revokes their refresh tokens.
   */
  async setDisabled(ctx: RequestContext, userId: string, disabled: boolean): Promise<User> {
    const actor = ctx.requireActor();
    const id = userId.toLowerCase();
    if (!UUID.test(id)) throw new NotFoundError('User', userId);
    if (id === actor.userId) {
      throw new ForbiddenError('You cannot disable or enable your own account; ask head office');
    }
    // Head office reaches every branch of the organization (even when X-Branch-Id narrows the request);
    // the audit row goes to the person's branch.
    const auditBranches = actor.headOffice ? await this.auth.branchesOf(actor.organizationId) : ctx.branchIds;
    return this.platform(
      ctx,
      async (tx) => {
        const user = await Users.find(tx, { id, organizationId: actor.organizationId }, { lock: true });
        const members = await tx.query<{ branch_id: string; kind: BranchKindEnum }>(
          `SELECT m.branch_id, b.kind FROM memberships m JOIN branches b ON b.id = m.branch_id
           WHERE m.user_id = $1 ORDER BY m.created_at, m.branch_id`,
          [id],
        );
        const mine = members.filter((m) => auditBranches.includes(m.branch_id));
        // Someone outside the caller's branches answers exactly as an unknown id.
        if (!user || mine.length === 0) throw new NotFoundError('User', userId);
        if (!actor.headOffice && mine.length !== members.length) {
          throw new ForbiddenError('This person also works for head office or another branch; ask head office');
        }
        const before = user.disabledAt;
        if ((before !== null) !== disabled) {
          const changed = await Users.update(tx, { id }, { disabledAt: disabled ? new Date() : null });
          if (disabled) {
            await tx.query('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [
              id,
            ]);
          }
          await writeAudit(
            ctx,
            {
              branchId: mine[0].branch_id,
              entity: 'user',
              entityId: id,
              action: disabled ? 'disable' : 'enable',
              before: { disabledAt: before },
              after: { disabledAt: changed.disabledAt },
            },
            tx,
          );
        }
        return this.readUser(tx, id);
      },
      auditBranches,
    );
  }

  /** Staff of the branches in scope, read through the branch_directory view in the tenant transaction. */
  staffLoader(ctx: RequestContext): DataLoader<string, StaffMember | null> {
    return ctx.loader(
      'branches.staff',
      () =>
        new DataLoader<string, StaffMember | null>(async (keys) => {
          // key = branchId:userId
          const pairs = keys.map((k) => k.split(':'));
          const tx = await ctx.tx();
          const rows = await tx.query<StaffMember & { branchId: string }>(
            `SELECT ${staff('d')} FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, user_id)
             JOIN branch_directory d ON d.branch_id = k.branch_id AND d.user_id = k.user_id`,
            [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
          );
          return this.byPerson(keys, rows);
        }),
    );
  }

  /**
   * The person a branch's row points at (its author, decider, actor), as an object: a member of that branch or
   * of its organization's head office, disabled or not (history keeps who did it). Key = branchId:userId; one
   * statement per request whatever the number of rows.
   */
  personLoader(ctx: RequestContext): DataLoader<string, StaffMember | null> {
    return ctx.loader(
      'branches.people',
      () =>
        new DataLoader<string, StaffMember | null>(async (keys) => {
          const [branchIds, userIds] = splitKeys(keys);
          const tx = await ctx.tx();
          const rows = await tx.query<StaffMember & { branchId: string }>(
            `SELECT ${staff('p')} FROM people_in_scope($1::uuid[], $2::uuid[]) p`,
            [branchIds, userIds],
          );
          return this.byPerson(keys, rows);
        }),
    );
  }

  /** The person (see personLoader) a nullable id of a branch's row names; null for none or one out of reach. */
  person(ctx: RequestContext, branchId: string, userId: string | null | undefined): Promise<StaffMember | null> | null {
    return userId ? this.personLoader(ctx).load(`${branchId}:${userId}`) : null;
  }

  /** The branch (id, code, name, ...) a row belongs to, batched: one statement per request. */
  branch(ctx: RequestContext, branchId: string): Promise<Branch | null> {
    return this.branchLoader(ctx).load(branchId);
  }

  /** Whether a person belongs to a branch, as seen from the caller's scope. */
  async memberRole(ctx: RequestContext, branchId: string, userId: string): Promise<Role | undefined> {
    return (await this.staffLoader(ctx).load(`${branchId}:${userId}`))?.role;
  }

  /** People in the order of their "branchId:userId" keys (null for one not found); the branch id stays off. */
  private byPerson(keys: readonly string[], rows: (StaffMember & { branchId: string })[]): (StaffMember | null)[] {
    const byKey = new Map(rows.map(({ branchId, ...person }) => [`${branchId}:${person.id}`, person]));
    return keys.map((k) => byKey.get(k) ?? null);
  }
}
