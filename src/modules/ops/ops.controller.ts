import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, HttpStatus, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Redis } from 'ioredis';
import { APP_CONFIG, Database, REDIS, type AppConfig } from '@app/core';
import { MetricsService } from './metrics.service.js';

@Controller()
export class OpsController {
  constructor(
    private readonly db: Database,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Ready when PostgreSQL and Redis both answer. */
  @Get('health')
  async health(@Res() res: Response): Promise<void> {
    const check = async (fn: () => Promise<unknown>) => {
      try {
        await Promise.race([fn(), new Promise((_, rej) => setTimeout(() => rej(new Error('timeout')), 2000))]);
        return 'up';
      } catch {
        return 'down';
      }
    };
    const [postgres, redis] = await Promise.all([
      check(() => this.db.run({ branchIds: [] }, (tx) => tx.query('SELECT 1'))),
      check(() => this.redis.ping()),
    ]);
    const ok = postgres === 'up' && redis === 'up';
    res
      .status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: ok ? 'ok' : 'degraded', postgres, redis });
  }

  /** Prometheus text, for a scraper that sends `Authorization: Bearer <METRICS_TOKEN>`; not served without one. */
  @Get('metrics')
  async render(@Req() req: Request, @Res() res: Response): Promise<void> {
    const token = this.config.metricsToken;
    if (!token) {
      res.status(HttpStatus.NOT_FOUND).json({
        errors: [{ message: '/metrics is off: set METRICS_TOKEN to serve it', extensions: { code: 'NOT_FOUND' } }],
      });
      return;
    }
    if (!bearerMatches(req.headers.authorization, token)) {
      res
        .status(HttpStatus.UNAUTHORIZED)
        .set('WWW-Authenticate', 'Bearer realm="metrics"')
        .json({
          errors: [
            { message: 'Send "Authorization: Bearer <METRICS_TOKEN>"', extensions: { code: 'UNAUTHENTICATED' } },
          ],
        });
      return;
    }
    res.set('Content-Type', 'text/plain; version=0.0.4; charset=utf-8').send(await this.metrics.render());
  }
}

/** Constant-time comparison of the presented bearer token with the configured one (digests: equal lengths). */
function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match) return false;
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(match[1]), digest(token));
}
