import { Controller, Get, Header, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { Database, REDIS } from '@app/core';
import { MetricsService } from './metrics.service.js';

@Controller()
export class OpsController {
  constructor(
    private readonly db: Database,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly metrics: MetricsService,
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

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  render(): Promise<string> {
    return this.metrics.render();
  }
}
