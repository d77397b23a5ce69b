import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, REDIS, TooManyRequestsError, type AppConfig } from '@app/core';

/** Entries the in-process fallback keeps at most; the oldest windows go first when it is full. */
const LOCAL_MAX_KEYS = 50_000;

/**
 * Fixed windows counted in this process: the limiter's fallback while Redis is unreachable. Each replica
 * counts on its own during an outage (N replicas allow N times the budget), which keeps logins limited
 * rather than either open or refused.
 */
export class LocalWindows {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly maxKeys = LOCAL_MAX_KEYS) {}

  /** Counts one hit; returns the count in the current window and the seconds left in it. */
  hit(key: string, windowSeconds: number, now = Date.now()): { count: number; ttl: number } {
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      if (w) this.windows.delete(key);
      else if (this.windows.size >= this.maxKeys) this.evict(now);
      w = { count: 0, resetAt: now + windowSeconds * 1000 };
      this.windows.set(key, w);
    }
    w.count++;
    return { count: w.count, ttl: Math.max(1, Math.ceil((w.resetAt - now) / 1000)) };
  }

  get size(): number {
    return this.windows.size;
  }

  /** Drops expired windows, and if still full the oldest tenth (Map order is insertion order). */
  private evict(now: number): void {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
    if (this.windows.size < this.maxKeys) return;
    let drop = Math.ceil(this.maxKeys / 10);
    for (const k of this.windows.keys()) {
      if (drop-- <= 0) break;
      this.windows.delete(k);
    }
  }
}

/**
 * Fixed-window login limits per account and per client address. Every login field counts,
 * so aliases batched in one request are counted one by one. Redis holds the counts, so all replicas
 * share them; while Redis is down the limits are counted in this process instead (see LocalWindows).
 */
@Injectable()
export class LoginRateLimiter {
  private readonly local = new LocalWindows();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async hit(email: string, clientIp: string): Promise<void> {
    const p = this.config.redisPrefix;
    const accountKey = `${p}:login:account:${email.toLowerCase()}`;
    const clientKey = `${p}:login:client:${clientIp}`;
    const counts = (await this.fromRedis(accountKey, clientKey)) ?? this.fromLocal(accountKey, clientKey);
    if (counts.account.count > this.config.loginMaxPerAccount) throw new TooManyRequestsError(counts.account.ttl);
    if (counts.client.count > this.config.loginMaxPerClient) throw new TooManyRequestsError(counts.client.ttl);
  }

  private fromLocal(accountKey: string, clientKey: string) {
    const window = this.config.loginWindowSeconds;
    return { account: this.local.hit(accountKey, window), client: this.local.hit(clientKey, window) };
  }

  /** The shared counts, or undefined when Redis cannot answer (not connected, or the command failed). */
  private async fromRedis(accountKey: string, clientKey: string) {
    // Not connected: do not queue behind the reconnection, which would hold the login for seconds.
    if (this.redis.status !== 'ready') return undefined;
    const window = this.config.loginWindowSeconds;
    try {
      const res = await this.redis
        .multi()
        .incr(accountKey)
        .expire(accountKey, window, 'NX')
        .ttl(accountKey)
        .incr(clientKey)
        .expire(clientKey, window, 'NX')
        .ttl(clientKey)
        .exec();
      if (!res || res.some(([err]) => err)) return undefined;
      const num = (i: number) => Number(res[i][1]);
      return {
        account: { count: num(0), ttl: Math.max(num(2), 1) },
        client: { count: num(3), ttl: Math.max(num(5), 1) },
      };
    } catch {
      return undefined;
    }
  }
}
