import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, REDIS, TooManyRequestsError, type AppConfig } from '@app/core';

/**
 * Fixed-window login limits per account and per client address. Every login field counts,
 * so aliases batched in one request are counted one by one.
 */
@Injectable()
export class LoginRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async hit(email: string, clientIp: string): Promise<void> {
    const window = this.config.loginWindowSeconds;
    const p = this.config.redisPrefix;
    const accountKey = `${p}:login:account:${email.toLowerCase()}`;
    const clientKey = `${p}:login:client:${clientIp}`;
    const res = await this.redis
      .multi()
      .incr(accountKey)
      .expire(accountKey, window, 'NX')
      .ttl(accountKey)
      .incr(clientKey)
      .expire(clientKey, window, 'NX')
      .ttl(clientKey)
      .exec();
    if (!res) throw new Error('rate limiter transaction aborted');
    const num = (i: number) => Number(res[i][1]);
    if (num(0) > this.config.loginMaxPerAccount) throw new TooManyRequestsError(Math.max(num(2), 1));
    if (num(3) > this.config.loginMaxPerClient) throw new TooManyRequestsError(Math.max(num(5), 1));
  }
}
