import pg from 'pg';
import { Redis } from 'ioredis';
import { redactUrl } from './config.js';

/** Thrown when a backing service cannot be reached; its message is the one line printed before exit. */
export class PreflightError extends Error {}

export async function checkPostgres(
  databaseUrl: string,
  requireMigrated = true,
  runtime?: { role: string; allowBypassRls: boolean },
): Promise<void> {
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
    if (runtime) {
      // The runtime role is the wall: one that bypasses row-level security would show every branch to everyone.
      const r = await client.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
        'SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1',
        [runtime.role],
      );
      if (!r.rows[0]) {
        throw new PreflightError(`PostgreSQL at ${shown} has no role "${runtime.role}". Run "npm run migrate".`);
      }
      if ((r.rows[0].rolsuper || r.rows[0].rolbypassrls) && !runtime.allowBypassRls) {
        throw new PreflightError(
          `DB_RUNTIME_ROLE "${runtime.role}" bypasses row-level security; use app_runtime (DB_ALLOW_BYPASSRLS=1 is for benchmarks only).`,
        );
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
