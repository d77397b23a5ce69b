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
  type RequestContext,
  type Tx,
} from '@app/core';
import { splitKeys } from '@app/graphql';
import { AuthService } from './auth.service.js';
import { HEAD_OFFICE_ROLES, Role } from './roles.js';
import { BranchKindEnum, type Branch, type StaffMember, type User } from './branch.types.js';
import type { CreateBranchInput, CreateUserInput } from './dto/branch.input.js';

interface BranchRow {
  id: string;
  organization_id: string;
  code: string;
  name: string;
  kind: BranchKindEnum;
  time_zone: string;
  currency: string;
}

const toBranch = (r: BranchRow): Branch => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind,
  timeZone: r.time_zone,
  currency: r.currency.trim(),
});

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
    const users = await tx.query<{ id: string; email: string; display_name: string; disabled_at: Date | null }>(
      'SELECT id, email, display_name, disabled_at FROM users WHERE id = $1',
      [userId],
    );
    if (!users[0]) throw new NotFoundError('User', userId);
    const rows = await tx.query<BranchRow & { role: Role }>(
      `SELECT b.*, m.role FROM memberships m JOIN branches b ON b.id = m.branch_id
       WHERE m.user_id = $1 ORDER BY m.created_at, b.id`,
      [userId],
    );
    return {
      id: users[0].id,
      email: users[0].email,
      displayName: users[0].display_name,
      disabledAt: users[0].disabled_at,
      memberships: rows.map((r) => ({ branch: toBranch(r), role: r.role })),
    };
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
        ? await tx.query<BranchRow>('SELECT * FROM branches WHERE organization_id = $1 ORDER BY kind DESC, code', [
            actor.organizationId,
          ])
        : await tx.query<BranchRow>(
            `SELECT b.* FROM branches b JOIN memberships m ON m.branch_id = b.id
             WHERE m.user_id = $1 ORDER BY b.code`,
            [actor.userId],
          );
      return rows.map(toBranch);
    });
  }

  /** Per-request loader of the branches in the caller's scope, read in the request's own transaction. */
  branchLoader(ctx: RequestContext): DataLoader<string, Branch | null> {
    return ctx.loader(
      'branches.byId',
      () =>
        new DataLoader<string, Branch | null>(async (ids) => {
          const tx = await ctx.tx();
          const rows = await tx.query<BranchRow>('SELECT * FROM scope_branches WHERE id = ANY($1::uuid[])', [ids]);
          const byId = new Map(rows.map((r) => [r.id, toBranch(r)]));
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
        const rows = await tx.query<BranchRow>(
          `INSERT INTO branches (id, organization_id, code, name, kind, time_zone, currency)
         VALUES ($1, $2, $3, $4, 'BRANCH', $5, $6) RETURNING *`,
          [id, actor.organizationId, input.code, input.name.trim(), timeZone, input.currency ?? 'CNY'],
        );
        await this.audit(tx, ctx, id, 'branch', id, 'create', rows[0]);
        return toBranch(rows[0]);
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
        const branches = await tx.query<BranchRow>('SELECT * FROM branches WHERE id = $1 AND organization_id = $2', [
          input.branchId,
          actor.organizationId,
        ]);
        const branch = branches[0];
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
        await tx.query(
          'INSERT INTO users (id, organization_id, email, display_name, password_hash) VALUES ($1, $2, $3, $4, $5)',
          [userId, actor.organizationId, email, input.displayName.trim(), hash],
        );
        await tx.query('INSERT INTO memberships (id, user_id, branch_id, role) VALUES ($1, $2, $3, $4)', [
          randomUUID(),
          userId,
          branch.id,
          input.role,
        ]);
        await this.audit(tx, ctx, branch.id, 'user', userId, 'create', {
          email,
          displayName: input.displayName,
          role: input.role,
        });
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
        const users = await tx.query<{ disabled_at: Date | null }>(
          'SELECT disabled_at FROM users WHERE id = $1 AND organization_id = $2 FOR UPDATE',
          [id, actor.organizationId],
        );
        const members = await tx.query<{ branch_id: string; kind: BranchKindEnum }>(
          `SELECT m.branch_id, b.kind FROM memberships m JOIN branches b ON b.id = m.branch_id
           WHERE m.user_id = $1 ORDER BY m.created_at, m.branch_id`,
          [id],
        );
        const mine = members.filter((m) => auditBranches.includes(m.branch_id));
        // Someone outside the caller's branches answers exactly as an unknown id.
        if (!users[0] || mine.length === 0) throw new NotFoundError('User', userId);
        if (!actor.headOffice && mine.length !== members.length) {
          throw new ForbiddenError('This person also works for head office or another branch; ask head office');
        }
        const before = users[0].disabled_at;
        if ((before !== null) !== disabled) {
          const rows = await tx.query<{ disabled_at: Date | null }>(
            'UPDATE users SET disabled_at = $2 WHERE id = $1 RETURNING disabled_at',
            [id, disabled ? new Date() : null],
          );
          if (disabled) {
            await tx.query('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [
              id,
            ]);
          }
          await this.audit(
            tx,
            ctx,
            mine[0].branch_id,
            'user',
            id,
            disabled ? 'disable' : 'enable',
            {
              disabledAt: rows[0].disabled_at,
            },
            { disabledAt: before },
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
          const rows = await tx.query<{
            branch_id: string;
            user_id: string;
            display_name: string;
            email: string;
            role: Role;
          }>(
            `SELECT d.branch_id, d.user_id, d.display_name, d.email, d.role
             FROM unnest($1::uuid[], $2::uuid[]) AS k(branch_id, user_id)
             JOIN branch_directory d ON d.branch_id = k.branch_id AND d.user_id = k.user_id`,
            [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
          );
          const byKey = new Map(
            rows.map((r) => [
              `${r.branch_id}:${r.user_id}`,
              { id: r.user_id, displayName: r.display_name, email: r.email, role: r.role },
            ]),
          );
          return keys.map((k) => byKey.get(k) ?? null);
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
          const rows = await tx.query<{
            branch_id: string;
            user_id: string;
            display_name: string;
            email: string;
            role: Role;
          }>('SELECT branch_id, user_id, display_name, email, role FROM people_in_scope($1::uuid[], $2::uuid[])', [
            branchIds,
            userIds,
          ]);
          const byKey = new Map(
            rows.map((r) => [
              `${r.branch_id}:${r.user_id}`,
              { id: r.user_id, displayName: r.display_name, email: r.email, role: r.role },
            ]),
          );
          return keys.map((k) => byKey.get(k) ?? null);
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

  private async audit(
    tx: Tx,
    ctx: RequestContext,
    branchId: string,
    entity: string,
    entityId: string,
    action: string,
    after: unknown,
    before?: unknown,
  ) {
    await tx.query(
      `INSERT INTO audit_log (branch_id, id, actor_id, request_id, entity, entity_id, action, after, before)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        branchId,
        randomUUID(),
        ctx.actor?.userId ?? null,
        ctx.requestId,
        entity,
        entityId,
        action,
        JSON.stringify(after),
        before === undefined ? null : JSON.stringify(before),
      ],
    );
  }
}
