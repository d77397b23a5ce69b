import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import {
  APP_CONFIG,
  Database,
  enterOrganizationOf,
  BadUserInputError,
  ForbiddenError,
  RequestContext,
  UnauthenticatedError,
  type Actor,
  type AppConfig,
  type TenantScope,
  type Tx,
} from '@app/core';
import { TokenService, type AccessClaims, type TokenMembership } from './token.service.js';
import { LoginRateLimiter } from './rate-limiter.js';
import { HEAD_OFFICE_ROLES, OWN_ONLY_ROLES, type Role } from './roles.js';
import { RefreshTokens, Users, type User } from './user.entity.js';

export interface AuthTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  userId: string;
  organizationId: string;
}

/** An account login_accounts() finds for an e-mail (the one narrow way to see a password hash). */
type Account = Pick<User, 'id' | 'organizationId'> & { passwordHash: string; disabled: boolean };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BRANCH_CACHE_MS = 10_000;

/** What a request says about itself, read off the HTTP request by the GraphQL context factory. */
export interface RequestCredentials {
  authorization?: string;
  branchHeader?: string;
  requestId?: string;
  clientIp: string;
}

/** Every token rotated from the same login can no longer be exchanged. */
const revokeFamily = (tx: Tx, familyId: string) =>
  tx.query('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [familyId]);

@Injectable()
export class AuthService {
  /** Hash used for unknown e-mails, so a miss costs as much time as a wrong password. */
  private dummyHash?: Promise<string>;
  private readonly orgBranches = new Map<string, { ids: string[]; at: number }>();

  constructor(
    private readonly db: Database,
    private readonly tokens: TokenService,
    private readonly limiter: LoginRateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  static hashPassword(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async login(email: string, password: string, clientIp: string, organizationId?: string): Promise<AuthTokens> {
    const normalized = email.trim().toLowerCase();
    await this.limiter.hit(normalized, clientIp);
    // No organization is in scope yet: login_accounts is the one narrow way to find an e-mail across them.
    const accounts = await this.db.runPlatform({ branchIds: [] }, (tx) =>
      tx.query<Account>(
        `SELECT id, organization_id AS "organizationId", password_hash AS "passwordHash", disabled
         FROM login_accounts($1)`,
        [normalized],
      ),
    );
    const wanted = organizationId?.toLowerCase();
    const candidates = wanted ? accounts.filter((a) => a.organizationId === wanted) : accounts;
    this.dummyHash ??= AuthService.hashPassword(randomUUID());
    // Verified side by side (argon2 runs on the thread pool), so two accounts cost about the time of one.
    const hashes = candidates.length ? candidates.map((c) => c.passwordHash) : [await this.dummyHash];
    const ok = await Promise.all(hashes.map((h) => argon2.verify(h, password)));
    const matches = candidates.filter((c, i) => ok[i] && !c.disabled);
    if (matches.length === 0) throw new UnauthenticatedError('The e-mail or password is wrong');
    if (matches.length > 1) {
      // Only someone who knows the password of each account learns that there are several.
      throw BadUserInputError.field(
        'organizationId',
        'this e-mail and password open accounts in more than one organization: say which one with organizationId',
      );
    }
    return this.issue(matches[0].id, matches[0].organizationId, randomUUID());
  }

  /** Rotates a refresh token. Reusing one revokes its whole family (it was probably stolen). */
  async refresh(token: string): Promise<AuthTokens> {
    const hash = this.tokens.hashRefresh(token);
    const outcome = await this.db.runPlatform({ branchIds: [] }, async (tx) => {
      // The token's organization (refresh_token_organization is the narrow way there), then that organization only.
      const org = await enterOrganizationOf(tx, 'refresh_token_organization($1)', [hash]);
      const row = await RefreshTokens.find(tx, { tokenHash: hash }, { lock: true });
      if (!row) return { error: 'The refresh token is not valid: sign in again' } as const;
      if (row.usedAt || row.revokedAt) {
        await revokeFamily(tx, row.familyId);
        return {
          error: 'The refresh token was already used; every session from it is signed out: sign in again',
        } as const;
      }
      if (row.expiresAt.getTime() <= Date.now())
        return { error: 'The refresh token has expired: sign in again' } as const;
      await tx.query('UPDATE refresh_tokens SET used_at = now() WHERE id = $1', [row.id]);
      return { userId: row.userId, familyId: row.familyId, organizationId: org as string } as const;
    });
    // The family revocation above must commit, so the refusal is thrown only after the transaction.
    if ('error' in outcome) throw new UnauthenticatedError(outcome.error);
    return this.issue(outcome.userId, outcome.organizationId, outcome.familyId);
  }

  /**
   * Signs a session out: revokes the refresh token's whole family (every token rotated from the same login), so
   * neither it nor a successor can be exchanged again. Idempotent: an unknown, used or revoked token is fine too
   * (a sign-out never fails, and the answer says nothing about whether the token existed).
   */
  async logout(token: string): Promise<void> {
    const hash = this.tokens.hashRefresh(token);
    await this.db.runPlatform({ branchIds: [] }, async (tx) => {
      const org = await enterOrganizationOf(tx, 'refresh_token_organization($1)', [hash]);
      if (!org) return;
      const row = await RefreshTokens.find(tx, { tokenHash: hash });
      if (!row) return;
      await revokeFamily(tx, row.familyId);
    });
  }

  private async issue(userId: string, organizationId: string, familyId: string): Promise<AuthTokens> {
    const refresh = this.tokens.newRefreshToken();
    const claims = await this.db.runPlatform({ branchIds: [], organizationId }, async (tx) => {
      const members = await tx.query<{ branch_id: string; role: string; kind: string }>(
        `SELECT m.branch_id, m.role, b.kind FROM memberships m JOIN branches b ON b.id = m.branch_id
         WHERE m.user_id = $1 ORDER BY m.created_at, m.branch_id`,
        [userId],
      );
      const user = await Users.find(tx, { id: userId });
      if (!user || user.disabledAt) return undefined;
      await tx.query(
        `INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at)
         VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
        [randomUUID(), userId, familyId, refresh.hash, this.config.refreshTokenTtlSeconds],
      );
      const m: TokenMembership[] = members.map((r) => [r.branch_id, r.role, r.kind === 'HEAD_OFFICE' ? 1 : 0]);
      return { sub: userId, org: organizationId, m, v: user.authVersion } satisfies AccessClaims;
    });
    if (!claims) throw new UnauthenticatedError('This account is disabled');
    return {
      accessToken: this.tokens.signAccess(claims),
      refreshToken: refresh.token,
      expiresIn: this.config.accessTokenTtlSeconds,
      userId,
      organizationId,
    };
  }

  /** Builds the request context: who acts, and on which branches. Never throws; errors surface when used. */
  async contextFor(creds: RequestCredentials): Promise<RequestContext> {
    const opener = (scope: TenantScope) => this.db.begin(scope);
    const header = creds.authorization;
    if (!header) return new RequestContext(opener, undefined, undefined, creds.requestId, creds.clientIp);
    try {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new UnauthenticatedError('Send the access token as "Authorization: Bearer <token>"');
      const claims = this.tokens.verifyAccess(match[1]);
      const { actor, scope } = await this.resolveScope(claims, creds.branchHeader);
      return new RequestContext(opener, actor, scope, creds.requestId, creds.clientIp);
    } catch (e) {
      const ctx = new RequestContext(opener, undefined, undefined, creds.requestId, creds.clientIp);
      ctx.authError = e as Error;
      return ctx;
    }
  }

  private async resolveScope(
    claims: AccessClaims,
    branchHeader?: string,
  ): Promise<{ actor: Actor; scope: TenantScope }> {
    if (claims.m.length === 0) throw new ForbiddenError('Your account has no branch membership yet');
    const wanted = branchHeader?.trim();
    if (wanted !== undefined && wanted !== '' && !UUID.test(wanted)) {
      throw new ForbiddenError('X-Branch-Id must be the id of a branch you may act in');
    }
    const hq = claims.m.find(([, role, ho]) => ho === 1 && HEAD_OFFICE_ROLES.has(role as Role));
    if (hq) {
      const all = await this.branchesOf(claims.org);
      const actor: Actor = { userId: claims.sub, organizationId: claims.org, role: hq[1], headOffice: true };
      // Head office's branches come from the database (branchesOf), not from the token: only the organization
      // and the head-office membership the token claims need checking, whatever the number of branches.
      const session = { organizationId: claims.org, authVersion: claims.v, branchIds: [], memberOf: [hq[0]] };
      if (wanted) {
        if (!all.includes(wanted.toLowerCase())) {
          throw new ForbiddenError('X-Branch-Id must be the id of a branch you may act in');
        }
        return { actor, scope: { branchIds: [wanted.toLowerCase()], userId: claims.sub, session } };
      }
      return { actor, scope: { branchIds: all, userId: claims.sub, session } };
    }
    const membership = wanted ? claims.m.find(([b]) => b === wanted.toLowerCase()) : claims.m[0];
    if (!membership) throw new ForbiddenError('X-Branch-Id must be the id of a branch you may act in');
    const [branchId, role] = membership;
    const branchIds = [branchId];
    return {
      actor: { userId: claims.sub, organizationId: claims.org, role, headOffice: false },
      scope: {
        branchIds,
        userId: claims.sub,
        ownOnly: OWN_ONLY_ROLES.has(role as Role),
        session: { organizationId: claims.org, authVersion: claims.v, branchIds: [], memberOf: branchIds },
      },
    };
  }

  /** Branch ids of an organization, cached briefly: a new branch shows up within seconds. */
  async branchesOf(organizationId: string): Promise<string[]> {
    const hit = this.orgBranches.get(organizationId);
    if (hit && Date.now() - hit.at < BRANCH_CACHE_MS) return hit.ids;
    const ids = await this.db.runPlatform({ branchIds: [], organizationId }, async (tx) =>
      (
        await tx.query<{ id: string }>('SELECT id FROM branches WHERE organization_id = $1 ORDER BY created_at, id', [
          organizationId,
        ])
      ).map((r) => r.id),
    );
    this.orgBranches.set(organizationId, { ids, at: Date.now() });
    return ids;
  }

  forgetBranches(organizationId: string): void {
    this.orgBranches.delete(organizationId);
  }
}
