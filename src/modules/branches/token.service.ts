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

@Injectable()
export class TokenService {
  /** A KeyObject made once: given a string, jsonwebtoken first tries (and fails) to parse it as a PEM key per call. */
  private readonly key: KeyObject;

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
    try {
      const c = jwt.verify(token, this.key, { algorithms: ['HS256'], issuer: 'commerce' });
      if (typeof c === 'object' && typeof c.sub === 'string' && typeof c.org === 'string' && Array.isArray(c.m)) {
        return { sub: c.sub, org: c.org, m: c.m as TokenMembership[] };
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
