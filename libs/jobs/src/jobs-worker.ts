import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, Database, LOGGER, type AppConfig, type JsonLogger } from '@app/core';
import { JOB_HANDLER, QUEUE_NAME, type JobDef } from './catalogue.js';
import { jobMetricsKey, producerConnection, workerConnection } from './redis.js';

export const JOB_DEFS = Symbol('JOB_DEFS');

type Handler = (payload: unknown, job: Job) => Promise<unknown>;

const RELAY_BATCH = 200;
const SCHEDULER_REFRESH_MS = 60_000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * The worker process's engine: finds the one handler of every catalogued job, runs them from
 * BullMQ, keeps the job schedulers, and relays committed outbox rows into the queue.
 */
@Injectable()
export class JobsWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly handlers = new Map<string, Handler>();
  private queue?: Queue;
  private worker?: Worker;
  private metricsRedis?: Redis;
  private queueRedis?: Redis;
  private workerRedis?: Redis;
  private relayRunning = false;
  private relayLoop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly log: JsonLogger,
    @Inject(JOB_DEFS) private readonly defs: JobDef<unknown>[],
  ) {}

  /** Name of every job that has a handler; startup fails if one is missing or doubled. */
  discoverHandlers(): Map<string, Handler> {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const name = this.reflector.get<string | undefined>(JOB_HANDLER, fn as () => unknown);
        if (!name) continue;
        if (this.handlers.has(name)) throw new Error(`job "${name}" has two handlers`);
        this.handlers.set(name, (fn as Handler).bind(instance));
      }
    }
    const known = new Set(this.defs.map((d) => d.name));
    for (const d of this.defs) {
      if (!this.handlers.has(d.name)) throw new Error(`job "${d.name}" has no handler`);
    }
    for (const name of this.handlers.keys()) {
      if (!known.has(name)) throw new Error(`handler for "${name}" is not in the job catalogue`);
    }
    return this.handlers;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.discoverHandlers();
    const prefix = this.config.redisPrefix;
    // Connections we pass in are ours to close: BullMQ closes only the ones it creates.
    this.queueRedis = producerConnection(this.config.redisUrl);
    this.workerRedis = workerConnection(this.config.redisUrl);
    this.queue = new Queue(QUEUE_NAME, { connection: this.queueRedis, prefix });
    // The relay loop reports Redis outages (with backoff); the queue's own events would only repeat them.
    this.queue.on('error', () => undefined);
    this.metricsRedis = producerConnection(this.config.redisUrl);
    await this.upsertSchedulers();
    this.worker = new Worker(QUEUE_NAME, (job) => this.process(job), {
      connection: this.workerRedis,
      prefix,
      concurrency: 4,
    });
    this.worker.on('error', (e) => this.log.write('warn', 'worker connection error', { error: e.message }));
    this.relayRunning = true;
    this.relayLoop = this.runRelay();
    this.log.info('worker started', { jobs: [...this.handlers.keys()] });
  }

  /**
   * Keeps the job schedulers in Redis. Called at start and again by the relay loop, so a Redis that
   * restarted empty gets its schedules back without a worker restart (upsert is idempotent).
   */
  private async upsertSchedulers(): Promise<void> {
    for (const def of this.defs) {
      if (!def.every || !this.queue) continue;
      const every = typeof def.every === 'function' ? def.every(this.config) : def.every;
      await this.queue.upsertJobScheduler(
        def.name,
        { every },
        { name: def.name, data: {}, opts: { attempts: 1, removeOnComplete: 100, removeOnFail: 1000 } },
      );
    }
  }

  private async process(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`no handler for job "${job.name}"`);
    const started = process.hrtime.bigint();
    let status = 'completed';
    try {
      return await handler(job.data, job);
    } catch (e) {
      status = 'failed';
      this.log.write('warn', 'job failed', {
        job: job.name,
        jobId: job.id,
        attempt: job.attemptsMade + 1,
        error: (e as Error).message,
      });
      throw e;
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      this.log.write('debug', 'job done', { job: job.name, jobId: job.id, status, ms });
      void this.metricsRedis
        ?.multi()
        .hincrby(jobMetricsKey(this.config.redisPrefix), `${job.name}|${status}|count`, 1)
        .hincrbyfloat(jobMetricsKey(this.config.redisPrefix), `${job.name}|${status}|ms`, ms)
        .exec()
        .catch(() => undefined);
    }
  }

  /** Moves committed outbox rows into BullMQ; jobId = outbox id, so a repeated relay adds nothing. */
  async relayOnce(): Promise<number> {
    const queue = this.queue;
    if (!queue) return 0;
    return this.db.run(
      { branchIds: [] },
      async (tx) => {
        const rows = await tx.query<{ id: string; job_name: string; payload: unknown }>(
          'SELECT id, job_name, payload FROM outbox_claim($1)',
          [RELAY_BATCH],
        );
        if (rows.length === 0) return 0;
        await withTimeout(
          queue.addBulk(
            rows.map((r) => ({
              name: r.job_name,
              data: r.payload,
              opts: {
                jobId: r.id,
                attempts: 8,
                backoff: { type: 'exponential', delay: 1000 },
                removeOnComplete: { age: 86400, count: 10000 },
                removeOnFail: { age: 7 * 86400 },
              },
            })),
          ),
          5000,
          'outbox relay to Redis',
        );
        await tx.query('SELECT outbox_mark_published($1::uuid[])', [rows.map((r) => r.id)]);
        return rows.length;
      },
      'system',
    );
  }

  private async runRelay(): Promise<void> {
    let failures = 0;
    let schedulersAt = Date.now();
    while (this.relayRunning) {
      let moved = 0;
      try {
        moved = await this.relayOnce();
        if (failures > 0 || Date.now() - schedulersAt > SCHEDULER_REFRESH_MS) {
          if (failures > 0) this.log.info('outbox relay recovered', { after: failures });
          await this.upsertSchedulers();
          schedulersAt = Date.now();
        }
        failures = 0;
      } catch (e) {
        failures++;
        if (failures === 1 || failures % 20 === 0) {
          this.log.write('warn', 'outbox relay failed; rows stay in PostgreSQL until it succeeds', {
            error: (e as Error).message,
            failures,
          });
        }
      }
      if (moved === RELAY_BATCH) continue;
      const wait = failures ? Math.min(this.config.outboxPollMs * 2 ** failures, 10000) : this.config.outboxPollMs;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.relayRunning = false;
    this.wake?.();
    await this.relayLoop;
    await this.worker?.close();
    await this.queue?.close();
    this.metricsRedis?.disconnect();
    this.queueRedis?.disconnect();
    this.workerRedis?.disconnect();
  }
}
