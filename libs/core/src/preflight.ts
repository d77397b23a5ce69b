import pg from 'pg';
import { Redis } from 'ioredis';
import { redactUrl } from './config.js';

/** Thrown when a backing service cannot be reached; its message is the one line printed before exit. */
export class PreflightError extends Error {}

export async function checkPostgres(databaseUrl: string, requireMigrated = true): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  const shown = redactUrl(databaseUrl);
  try {
    await client.connect();
  } catch (e) {
    const err = e as { code?: string; message: string };
    if (err.code === '3D000') {
      throw new PreflightError(
        `PostgreSQL at ${shown}: the database does not exist. Run "npm run migrate" to create it.`,
      );
    }
    throw new PreflightError(
      `Cannot reach PostgreSQL at ${shown} (${err.code ?? err.message}). Start PostgreSQL or set DATABASE_URL.`,
    );
  }
  try {
    if (requireMigrated) {
      const r = await client.query(`SELECT to_regclass('public.migrations') IS NOT NULL AS ok`);
      if (!r.rows[0].ok) {
        throw new PreflightError(`PostgreSQL at ${shown} has no schema yet. Run "npm run migrate".`);
      }
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function checkRedis(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 5000,
    enableOfflineQueue: false,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    throw new PreflightError(
      `Cannot reach Redis at ${redactUrl(redisUrl)} (${(e as Error).message}). Start Redis or set REDIS_URL.`,
    );
  } finally {
    redis.disconnect();
  }
}
