import {
  Inject,
  Module,
  RequestMethod,
  type MiddlewareConsumer,
  type NestModule,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, REDIS, type AppConfig } from '@app/core';
import { QUEUE_NAME, producerConnection } from '@app/jobs';
import { MetricsService } from './metrics.service.js';
import { OpsController } from './ops.controller.js';
import { queueViewKey, queueViewMiddleware } from './queue-view.js';
import { QueueViewResolver } from './queue-view.resolver.js';

@Module({ controllers: [OpsController], providers: [MetricsService, QueueViewResolver], exports: [MetricsService] })
export class OpsModule implements NestModule, OnModuleDestroy {
  private queueRedis?: Redis;
  private queue?: Queue;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** The queue view (bull-board) at /admin/queues, for head office's administrators (see queue-view.ts). */
  configure(consumer: MiddlewareConsumer): void {
    const organizationId = this.config.queueViewOrganizationId;
    if (!organizationId) return; // not served: /admin/queues answers 404 like any unknown path
    this.queueRedis = producerConnection(this.config.redisUrl);
    this.queue = new Queue(QUEUE_NAME, { connection: this.queueRedis, prefix: this.config.redisPrefix });
    this.queue.on('error', () => undefined);
    const view = queueViewMiddleware({
      key: queueViewKey(this.config.jwtSecret),
      organizationId,
      redis: this.redis,
      redisPrefix: this.config.redisPrefix,
      queue: this.queue,
    });
    consumer.apply(view).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue?.close();
    this.queueRedis?.disconnect();
  }
}
