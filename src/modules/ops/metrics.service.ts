import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { APP_CONFIG, Database, REDIS, type AppConfig } from '@app/core';
import { QUEUE_NAME, jobMetricsKey, producerConnection } from '@app/jobs';

/**
 * Distinct operation names that become `operation` labels; later ones are counted as `other`. Operation names are
 * chosen by clients: unbounded, every distinct name was a new time series kept for the life of the process.
 */
export const MAX_OPERATION_LABELS = 200;

/** Prometheus metrics of the API, plus queue depth and job counters read from Redis at scrape time. */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL operations by operation name and outcome',
    labelNames: ['operation', 'outcome'],
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL operation duration',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly sqlStatements = new Histogram({
    name: 'graphql_sql_statements',
    help: 'SQL statements per GraphQL operation',
    buckets: [1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 50],
    registers: [this.registry],
  });
  private readonly queueJobs = new Gauge({
    name: 'queue_jobs',
    help: 'Jobs in the BullMQ queue by state',
    labelNames: ['state'],
    registers: [this.registry],
  });
  private readonly jobsTotal = new Gauge({
    name: 'jobs_processed_total',
    help: 'Jobs processed by all workers, by job name and status',
    labelNames: ['job', 'status'],
    registers: [this.registry],
  });
  private readonly jobsSeconds = new Gauge({
    name: 'jobs_processed_seconds_total',
    help: 'Total processing time of jobs by all workers, by job name and status',
    labelNames: ['job', 'status'],
    registers: [this.registry],
  });
  private readonly outboxRows = new Gauge({
    name: 'outbox_rows',
    help: 'Unfinished outbox rows in PostgreSQL: pending (never relayed), published (job not finished yet), failed (last attempt failed; kept until retried)',
    labelNames: ['state'],
    registers: [this.registry],
  });
  private readonly outboxOldest = new Gauge({
    name: 'outbox_oldest_unfinished_seconds',
    help: 'Age of the oldest outbox row still waiting for its job to finish (0 when none)',
    registers: [this.registry],
  });
  private queue?: Queue;
  private queueRedis?: Redis;
  private readonly operations = new Set<string>(['anonymous', 'other']);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly db: Database,
  ) {
    collectDefaultMetrics({ register: this.registry });
  }

  /** The `operation` label for an operation name: itself while fewer than MAX_OPERATION_LABELS names are known. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_LABELS + 2) return 'other';
    this.operations.add(name);
    return name;
  }

  async render(): Promise<string> {
    await Promise.all([this.readQueue(), this.readOutbox()]);
    return this.registry.metrics();
  }

  /** From PostgreSQL, which knows what is done even when Redis lost its data. */
  private async readOutbox(): Promise<void> {
    try {
      const [s] = await this.db.run(
        { branchIds: [] },
        (tx) =>
          tx.query<{ pending: number; published: number; failed: number; oldest_unfinished: Date | null }>(
            'SELECT * FROM outbox_stats()',
          ),
        'system',
      );
      this.outboxRows.set({ state: 'pending' }, s.pending);
      this.outboxRows.set({ state: 'published' }, s.published);
      this.outboxRows.set({ state: 'failed' }, s.failed);
      this.outboxOldest.set(s.oldest_unfinished ? (Date.now() - s.oldest_unfinished.getTime()) / 1000 : 0);
    } catch {
      // PostgreSQL down: /health says so; the rest is still worth serving.
    }
  }

  private async readQueue(): Promise<void> {
    try {
      if (!this.queue) {
        this.queueRedis = producerConnection(this.config.redisUrl);
        this.queue = new Queue(QUEUE_NAME, { connection: this.queueRedis, prefix: this.config.redisPrefix });
        this.queue.on('error', () => undefined);
      }
      const counts = await this.queue.getJobCounts(
        'waiting',
        'active',
        'delayed',
        'failed',
        'completed',
        'prioritized',
      );
      for (const [state, n] of Object.entries(counts)) this.queueJobs.set({ state }, n);
      const raw = await this.redis.hgetall(jobMetricsKey(this.config.redisPrefix));
      for (const [field, value] of Object.entries(raw)) {
        const [job, status, kind] = field.split('|');
        if (kind === 'count') this.jobsTotal.set({ job, status }, Number(value));
        else this.jobsSeconds.set({ job, status }, Number(value) / 1000);
      }
    } catch {
      // Redis down: the API metrics are still worth serving.
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue?.close();
    this.queueRedis?.disconnect();
  }
}
