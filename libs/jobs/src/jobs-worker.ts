import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { DelayedError, Queue, Worker, type Job, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { APP_CONFIG, Database, LOGGER, type AppConfig, type JsonLogger } from '@app/core';
import { deferBusy } from './busy.js';
import { JOB_HANDLER, QUEUE_NAME, type JobDef } from './catalogue.js';
import { finishedByHandler, outboxKeyOf } from './outbox.js';
import { jobMetricsKey, producerConnection, relayEpochKey, workerConnection } from './redis.js';

export const JOB_DEFS = Symbol('JOB_DEFS');

type Handler = (payload: unknown, job: Job) => Promise<unknown>;

const RELAY_BATCH = 200;
const SCHEDULER_REFRESH_MS = 60_000;
/** Finished outbox rows are kept this long (what was sent, for support questions), then pruned. */
export const OUTBOX_KEEP_DAYS = 7;
const PRUNE_EVERY_MS = 3_600_000;
const PRUNE_BATCH = 5000;

interface ClaimedRow {
  branch_id: string;
  id: string;
  job_name: string;
  payload: unknown;
  publishes: number;
}

/** What a republish found in Redis for a row whose lease ran out. */
type Seen = 'add' | 'queued' | 'completed' | 'failed';

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
  /** This process's epoch, written into the marker key when it finds the marker gone. */
  private readonly epoch = `${randomUUID()}@${new Date().toISOString()}`;
  private redisRunId?: string;

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
    this.worker = new Worker(QUEUE_NAME, (job, token) => this.process(job, token), {
      connection: this.workerRedis,
      prefix,
      concurrency: 4,
    });
    this.worker.on('error', (e) => this.log.write('warn', 'worker connection error', { error: e.message }));
    // The last attempt failed (finishedOn is set only then): the row stays unfinished, marked failed and counted.
    this.worker.on('failed', (job, err) => {
      if (job?.finishedOn && outboxKeyOf(job)) void this.markFailed([job], [err.message]);
    });
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

  private async process(job: Job, token?: string): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`no handler for job "${job.name}"`);
    const started = process.hrtime.bigint();
    let status = 'completed';
    try {
      const result = await handler(job.data, job);
      // A handler that did not finish its row in its own transaction: finish it now (a crash in between
      // runs the handler again, which its unique keys make a no-op).
      const key = outboxKeyOf(job);
      if (key && !finishedByHandler(job)) {
        await this.db.run(
          { branchIds: [] },
          (tx) => tx.query('SELECT outbox_finish($1::uuid[], $2::uuid[])', [[key.branchId], [key.id]]),
          'system',
        );
      }
      return result;
    } catch (e) {
      if (await deferBusy(job, token, e, this.config.jobBackoffMs, this.log)) {
        status = 'deferred';
        throw new DelayedError();
      }
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

  /** The options of every outbox job: jobId = outbox id, so a row relayed twice is one job while Redis keeps it. */
  private jobOptions(id: string): JobsOptions {
    return {
      jobId: id,
      attempts: this.config.jobAttempts,
      backoff: { type: 'exponential', delay: this.config.jobBackoffMs },
      removeOnComplete: { age: 86400, count: 10000 },
      removeOnFail: { age: 7 * 86400 },
    };
  }

  /**
   * Hands due outbox rows to BullMQ: new rows, and published rows whose lease ran out (or whose Redis
   * lost its data). For those, Redis is asked first: a job still queued is left alone, a job lost is
   * added again, and a finished one whose mark in PostgreSQL was lost is marked now.
   */
  async relayOnce(): Promise<number> {
    const queue = this.queue;
    if (!queue) return 0;
    return this.db.run(
      { branchIds: [] },
      async (tx) => {
        const rows = await tx.query<ClaimedRow>(
          'SELECT branch_id, id, job_name, payload, publishes FROM outbox_claim($1)',
          [RELAY_BATCH],
        );
        if (rows.length === 0) return 0;
        const seen = await withTimeout(
          Promise.all(rows.map((r) => (r.publishes === 0 ? 'add' : this.inRedis(queue, r.id)))),
          5000,
          'outbox relay state check',
        );
        const toAdd = rows.filter((_, i) => seen[i] === 'add');
        if (toAdd.length > 0) {
          await withTimeout(
            queue.addBulk(toAdd.map((r) => ({ name: r.job_name, data: r.payload, opts: this.jobOptions(r.id) }))),
            5000,
            'outbox relay to Redis',
          );
        }
        const pick = (what: Seen) => rows.filter((_, i) => seen[i] === what);
        const keys = (list: ClaimedRow[]) => [list.map((r) => r.branch_id), list.map((r) => r.id)];
        const completed = pick('completed');
        if (completed.length > 0) await tx.query('SELECT outbox_finish($1::uuid[], $2::uuid[])', keys(completed));
        const failed = pick('failed');
        if (failed.length > 0) {
          await tx.query('SELECT outbox_fail($1::uuid[], $2::uuid[], $3::text[])', [
            ...keys(failed),
            failed.map(() => 'failed in the queue (its last attempt)'),
          ]);
        }
        const live = rows.filter((_, i) => seen[i] === 'add' || seen[i] === 'queued');
        if (live.length > 0) {
          await tx.query('SELECT outbox_mark_published($1::uuid[], $2::uuid[], $3::boolean[], $4::integer)', [
            ...keys(live),
            seen.filter((x) => x === 'add' || x === 'queued').map((x) => x === 'add'),
            this.config.outboxLeaseMs,
          ]);
        }
        if (rows.some((r) => r.publishes > 0)) {
          this.log.info('outbox rows relayed again', {
            added: toAdd.filter((r) => r.publishes > 0).length,
            queued: pick('queued').length,
            completed: completed.length,
            failed: failed.length,
          });
        }
        return rows.length;
      },
      'system',
    );
  }

  private async inRedis(queue: Queue, id: string): Promise<Seen> {
    const state = await queue.getJobState(id);
    if (state === 'unknown') return 'add';
    if (state === 'completed' || state === 'failed') return state;
    return 'queued';
  }

  /**
   * Notices a Redis that lost its data: the relays' marker key is gone (restarted empty, flushed) or the
   * server's run_id changed (restarted, failed over: jobs since its last snapshot may be gone). Then every
   * published, unfinished row is due at once, and the job schedulers are put back.
   */
  private async watchRedis(): Promise<void> {
    const redis = this.queueRedis;
    if (!redis) return;
    const key = relayEpochKey(this.config.redisPrefix);
    const [marker, info] = await withTimeout(
      // INFO may be disabled on a managed Redis; the marker alone still tells an empty restart.
      Promise.all([redis.exists(key), redis.info('server').catch(() => '')]),
      5000,
      'Redis check',
    );
    const runId = /^run_id:(\w+)/m.exec(info)?.[1];
    const reason =
      marker === 0 ? 'marker missing' : runId && this.redisRunId && runId !== this.redisRunId ? 'run_id changed' : '';
    if (reason) {
      const [{ n }] = await this.db.run(
        { branchIds: [] },
        (tx) => tx.query<{ n: number }>('SELECT outbox_republish() AS n'),
        'system',
      );
      await this.upsertSchedulers();
      await redis.set(key, this.epoch);
      this.log.info('Redis may have lost queued jobs: unfinished outbox rows relayed again', { reason, rows: n });
    }
    if (runId) this.redisRunId = runId;
  }

  /** Marks outbox rows failed for good (their last attempt failed); logged and retried by the lease if it fails. */
  private async markFailed(jobs: Job[], errors: string[]): Promise<void> {
    const keys = jobs.map((j) => outboxKeyOf(j)!);
    try {
      await this.db.run(
        { branchIds: [] },
        (tx) =>
          tx.query('SELECT outbox_fail($1::uuid[], $2::uuid[], $3::text[])', [
            keys.map((k) => k.branchId),
            keys.map((k) => k.id),
            errors,
          ]),
        'system',
      );
    } catch (e) {
      this.log.write('warn', 'could not mark outbox rows failed; the relay will after the lease', {
        error: (e as Error).message,
      });
    }
  }

  /** Deletes finished rows older than OUTBOX_KEEP_DAYS, a batch at a time. */
  private async prune(): Promise<number> {
    let total = 0;
    for (;;) {
      const [{ n }] = await this.db.run(
        { branchIds: [] },
        (tx) => tx.query<{ n: number }>('SELECT outbox_prune($1, $2) AS n', [OUTBOX_KEEP_DAYS, PRUNE_BATCH]),
        'system',
      );
      total += n;
      if (n < PRUNE_BATCH || !this.relayRunning) return total;
    }
  }

  private async runRelay(): Promise<void> {
    let failures = 0;
    let schedulersAt = Date.now();
    let prunedAt = 0;
    while (this.relayRunning) {
      let moved = 0;
      try {
        await this.watchRedis();
        moved = await this.relayOnce();
        if (failures > 0 || Date.now() - schedulersAt > SCHEDULER_REFRESH_MS) {
          if (failures > 0) this.log.info('outbox relay recovered', { after: failures });
          await this.upsertSchedulers();
          schedulersAt = Date.now();
        }
        if (Date.now() - prunedAt > PRUNE_EVERY_MS) {
          prunedAt = Date.now();
          const pruned = await this.prune();
          if (pruned > 0) this.log.info('finished outbox rows pruned', { rows: pruned, keptDays: OUTBOX_KEEP_DAYS });
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
