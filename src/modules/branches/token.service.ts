import { createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { APP_CONFIG, UnauthenticatedError, type AppConfig } from '@app/core';

/** A membership as carried in the access token: branch, role, and whether the branch is head office. */
export type TokenMembership = [branchId: string, role: string, headOffice: 0 | 1];

export interface AccessClaims {
  sub: string;
  org: string;
  m: TokenMembership[];
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
      if (typeof c === 'object' && typeof c.sub === 'string' && typeof c.org === 'string' && Array.isArray(c.m)) {
        const claims: AccessClaims = Object.freeze({ sub: c.sub, org: c.org, m: c.m as TokenMembership[] });
        if (typeof c.exp === 'number') {
          if (this.verified.size >= VERIFIED_TOKENS_MAX) this.verified.clear();
          this.verified.set(token, { claims, exp: c.exp });
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
