import { createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { APP_CONFIG, UnauthenticatedError, type AppConfig } from '@app/core';
import { Role } from './roles.js';

/** A membership as carried in the access token: branch, role, and whether the branch is head office. */
export type TokenMembership = [branchId: string, role: string, headOffice: 0 | 1];

export interface AccessClaims {
  sub: string;
  org: string;
  m: TokenMembership[];
  /** The user's auth_version when the token was issued; checked on every request (session_check). */
  v: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLES: ReadonlySet<string> = new Set(Object.values(Role));

/**
 * The claims of a verified token, or undefined when they are not what this service signs. A token signed with
 * the right key but odd claims (a `sub` that is no uuid, an unknown role) is refused, never half-used.
 */
function readClaims(c: Record<string, unknown>): AccessClaims | undefined {
  const { sub, org, m, v } = c;
  if (typeof sub !== 'string' || !UUID.test(sub) || typeof org !== 'string' || !UUID.test(org)) return undefined;
  if (!Number.isSafeInteger(v) || (v as number) < 0 || !Array.isArray(m) || m.length > 1000) return undefined;
  const memberships: TokenMembership[] = [];
  for (const e of m as unknown[]) {
    if (!Array.isArray(e) || e.length !== 3) return undefined;
    const [branchId, role, ho] = e as unknown[];
    if (typeof branchId !== 'string' || !UUID.test(branchId) || typeof role !== 'string' || !ROLES.has(role)) {
      return undefined;
    }
    if (ho !== 0 && ho !== 1) return undefined;
    memberships.push([branchId.toLowerCase(), role, ho]);
  }
  return Object.freeze({ sub: sub.toLowerCase(), org: org.toLowerCase(), m: memberships, v: v as number });
}

/** Bound of the verified-token cache; it is emptied when full (tokens are re-verified on their next use). */
const VERIFIED_TOKENS_MAX = 10_000;

@Injectable()
export class TokenService {
  /** A KeyObject made once: given a string, jsonwebtoken first tries (and fails) to parse it as a PEM key per call. */
  private readonly key: KeyObject;
  /**
   * Access tokens whose signature and claims were verified, until they expire: a client sends the same token with
   * every request, and an HMAC check plus JSON parsing per request showed in the API's profile. The key never
   * changes while the process runs, so a verified token stays valid until its `exp`.
   */
  private readonly verified = new Map<string, { claims: AccessClaims; exp: number }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
  }

  signAccess(claims: AccessClaims): string {
    return jwt.sign(claims, this.key, {
      algorithm: 'HS256',
      expiresIn: this.config.accessTokenTtlSeconds,
      issuer: 'commerce',
    });
  }

  verifyAccess(token: string): AccessClaims {
    const hit = this.verified.get(token);
    // jsonwebtoken's own expiry test: expired once the current whole second reaches `exp`.
    if (hit && Math.floor(Date.now() / 1000) < hit.exp) return hit.claims;
    try {
      const c = jwt.verify(token, this.key, { algorithms: ['HS256'], issuer: 'commerce' });
      const claims = typeof c === 'object' ? readClaims(c as Record<string, unknown>) : undefined;
      if (claims) {
        const exp = (c as jwt.JwtPayload).exp;
        if (typeof exp === 'number') {
          if (this.verified.size >= VERIFIED_TOKENS_MAX) this.verified.clear();
          this.verified.set(token, { claims, exp });
        }
        return claims;
      }
    } catch (e) {
      if (e instanceof jwt.TokenExpiredError) {
        throw new UnauthenticatedError('The access token has expired: get a new one with the refreshToken mutation');
      }
    }
    throw new UnauthenticatedError('The access token is not valid: sign in again with the login mutation');
  }

  /** An opaque refresh token; only its SHA-256 is stored. */
  newRefreshToken(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: this.hashRefresh(token) };
  }

  hashRefresh(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}
