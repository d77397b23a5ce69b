import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Redis } from 'ioredis';
import { keepConnectionsAlive, loadConfig, type AppConfig } from '../../core/src/index.js';
import { AppModule } from '../../../src/app.module.js';
import { WorkerModule } from '../../../src/worker.module.js';
import { TEST_REDIS_URL } from './env.js';

/** Configuration for one test file: its own database and its own Redis key prefix. */
export function testConfig(databaseUrl: string, env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `{t${randomBytes(4).toString('hex')}}`,
    JWT_SECRET: 'test-secret-test-secret-test-secret-0001',
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL || 'silent',
    CONTACT_DUE_SCAN_MS: '200',
    APPROVAL_SCAN_MS: '200',
    CONTRACT_SCAN_MS: '200',
    TENDER_SCAN_MS: '200',
    QUOTE_SCAN_MS: '200',
    // ---- leads ----
    TIERING_SCAN_MS: '200',
    // ---- end leads ----
    CHANNEL_SCAN_MS: '200',
    RESEARCH_DIGEST_SCAN_MS: '200',
    VISIT_TASK_SCAN_MS: '200',
    COMPLAINT_SCAN_MS: '200',
    ORDER_SHIP_SCAN_MS: '200',
    RMA_SCAN_MS: '200',
    PURCHASE_LATE_SCAN_MS: '200',
    OUTBOX_POLL_MS: '50',
    DB_POOL_SIZE: '4',
    ...env,
  });
}

export interface TestApp {
  app: INestApplication;
  url: string;
  config: AppConfig;
  close: () => Promise<void>;
}

export async function startApp(
  config: AppConfig,
  extra: Parameters<typeof AppModule.forRoot>[1] = {},
): Promise<TestApp> {
  const app = await NestFactory.create(AppModule.forRoot(config, extra), { logger: false });
  await app.listen(0, '127.0.0.1');
  keepConnectionsAlive(app.getHttpServer());
  const addr = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${addr.port}/graphql`, config, close: () => app.close() };
}

export async function startWorker(
  config: AppConfig,
  extra: Parameters<typeof WorkerModule.forRoot>[1] = {},
): Promise<INestApplicationContext> {
  const ctx = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, extra), { logger: false });
  await ctx.init();
  return ctx;
}

/** Removes every Redis key a test file wrote under its prefix. */
export async function cleanRedis(config: AppConfig): Promise<void> {
  const r = new Redis(config.redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${config.redisPrefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: {
      message: string;
      path?: string[];
      extensions?: { code?: string; fields?: { field: string; message: string }[] };
    }[];
  };
  text: string;
}

/** GraphQL over HTTP, as a client would send it. */
export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  opts: { token?: string; branchId?: string; headers?: Record<string, string> } = {},
): Promise<GqlResponse<T>> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
    ...opts.headers,
  };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.branchId) headers['x-branch-id'] = opts.branchId;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  let body: GqlResponse<T>['body'] = {};
  try {
    body = JSON.parse(text) as GqlResponse<T>['body'];
  } catch {
    // not JSON: the test will look at text
  }
  return { status: res.status, headers: res.headers, body, text };
}

export async function login(
  url: string,
  email: string,
  password: string,
): Promise<{ accessToken: string; refreshToken: string }> {
  const r = await gql<{ login: { accessToken: string; refreshToken: string } }>(
    url,
    'mutation($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { accessToken refreshToken } }',
    { e: email, p: password },
  );
  if (!r.body.data?.login) throw new Error(`login failed for ${email}: ${r.text}`);
  return r.body.data.login;
}

/** Polls until `check` returns a truthy value or the time runs out. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15000, stepMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
