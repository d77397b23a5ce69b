import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import {
  APP_CONFIG,
  Database,
  ForbiddenError,
  RequestContext,
  UnauthenticatedError,
  type Actor,
  type AppConfig,
  type TenantScope,
} from '@app/core';
import { TokenService, type AccessClaims, type TokenMembership } from './token.service.js';
import { LoginRateLimiter } from './rate-limiter.js';
import { HEAD_OFFICE_ROLES, OWN_ONLY_ROLES, type Role } from './roles.js';

export interface AuthTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  userId: string;
}

interface UserRow {
  id: string;
  organization_id: string;
  password_hash: string;
  disabled_at: Date | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BRANCH_CACHE_MS = 10_000;

/** What a request says about itself, read off the HTTP request by the GraphQL context factory. */
export interface RequestCredentials {
  authorization?: string;
  branchHeader?: string;
  requestId?: string;
  clientIp: string;
}

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

  async login(email: string, password: string, clientIp: string): Promise<AuthTokens> {
    const normalized = email.trim().toLowerCase();
    await this.limiter.hit(normalized, clientIp);
    const user = await this.db.runPlatform(async (tx) => {
      const rows = await tx.query<UserRow>(
        'SELECT id, organization_id, password_hash, disabled_at FROM users WHERE email = $1',
        [normalized],
      );
      return rows[0];
    });
    this.dummyHash ??= AuthService.hashPassword(randomUUID());
    const ok = await argon2.verify(user?.password_hash ?? (await this.dummyHash), password);
    if (!user || !ok || user.disabled_at) {
      throw new UnauthenticatedError('The e-mail or password is wrong');
    }
    return this.issue(user.id, randomUUID());
  }

  /** Rotates a refresh token. Reusing one revokes its whole family (it was probably stolen). */
  async refresh(token: string): Promise<AuthTokens> {
    const hash = this.tokens.hashRefresh(token);
    const outcome = await this.db.runPlatform(async (tx) => {
      const rows = await tx.query<{
        id: string;
        user_id: string;
        family_id: string;
        expires_at: Date;
        used_at: Date | null;
        revoked_at: Date | null;
      }>(
        'SELECT id, user_id, family_id, expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE',
        [hash],
      );
      const row = rows[0];
      if (!row) return { error: 'The refresh token is not valid: sign in again' } as const;
      if (row.used_at || row.revoked_at) {
        await tx.query('UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL', [
          row.family_id,
        ]);
        return {
          error: 'The refresh token was already used; every session from it is signed out: sign in again',
        } as const;
      }
      if (row.expires_at.getTime() <= Date.now())
        return { error: 'The refresh token has expired: sign in again' } as const;
      await tx.query('UPDATE refresh_tokens SET used_at = now() WHERE id = $1', [row.id]);
      return { userId: row.user_id, familyId: row.family_id } as const;
    });
    // The family revocation above must commit, so the refusal is thrown only after the transaction.
    if ('error' in outcome) throw new UnauthenticatedError(outcome.error);
    return this.issue(outcome.userId, outcome.familyId);
  }

  private async issue(userId: string, familyId: string): Promise<AuthTokens> {
    const refresh = this.tokens.newRefreshToken();
    const claims = await this.db.runPlatform(async (tx) => {
      const members = await tx.query<{ branch_id: string; role: string; kind: string; organization_id: string }>(
        `SELECT m.branch_id, m.role, b.kind, b.organization_id FROM memberships m JOIN branches b ON b.id = m.branch_id
         WHERE m.user_id = $1 ORDER BY m.created_at, m.branch_id`,
        [userId],
      );
      const orgRows = await tx.query<{ organization_id: string; disabled_at: Date | null }>(
        'SELECT organization_id, disabled_at FROM users WHERE id = $1',
        [userId],
      );
      if (!orgRows[0] || orgRows[0].disabled_at) return undefined;
      await tx.query(
        `INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at)
         VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
        [randomUUID(), userId, familyId, refresh.hash, this.config.refreshTokenTtlSeconds],
      );
      const m: TokenMembership[] = members.map((r) => [r.branch_id, r.role, r.kind === 'HEAD_OFFICE' ? 1 : 0]);
      return { sub: userId, org: orgRows[0].organization_id, m } satisfies AccessClaims;
    });
    if (!claims) throw new UnauthenticatedError('This account is disabled');
    return {
      accessToken: this.tokens.signAccess(claims),
      refreshToken: refresh.token,
      expiresIn: this.config.accessTokenTtlSeconds,
      userId,
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
      if (wanted) {
        if (!all.includes(wanted.toLowerCase())) {
          throw new ForbiddenError('X-Branch-Id must be the id of a branch you may act in');
        }
        return { actor, scope: { branchIds: [wanted.toLowerCase()], userId: claims.sub } };
      }
      return { actor, scope: { branchIds: all, userId: claims.sub } };
    }
    const membership = wanted ? claims.m.find(([b]) => b === wanted.toLowerCase()) : claims.m[0];
    if (!membership) throw new ForbiddenError('X-Branch-Id must be the id of a branch you may act in');
    const [branchId, role] = membership;
    return {
      actor: { userId: claims.sub, organizationId: claims.org, role, headOffice: false },
      scope: { branchIds: [branchId], userId: claims.sub, ownOnly: OWN_ONLY_ROLES.has(role as Role) },
    };
  }

  /** Branch ids of an organization, cached briefly: a new branch shows up within seconds. */
  async branchesOf(organizationId: string): Promise<string[]> {
    const hit = this.orgBranches.get(organizationId);
    if (hit && Date.now() - hit.at < BRANCH_CACHE_MS) return hit.ids;
    const ids = await this.db.runPlatform(async (tx) =>
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
