import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { QueryFailedError } from 'typeorm';
import { UnauthenticatedError } from './errors.js';
import { APP_CONFIG, type AppConfig } from './config.js';
import { transientFailure } from './transient.js';
import type { DataSource, EntityManager, ObjectLiteral, QueryRunner, Repository, EntityTarget } from 'typeorm';
import type { TenantScope } from './request-context.js';
import { statementName, statementsOf } from './prepared.js';
import { timestamptzParser } from './timestamptz.js';

export const DATA_SOURCE = Symbol('DATA_SOURCE');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidLiteral(id: string): string {
  if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  return id.toLowerCase();
}

// Process-wide, for every pg connection (TypeORM's included): same Dates as pg's default parser, cheaper.
pg.types.setTypeParser(
  pg.types.builtins.TIMESTAMPTZ,
  timestamptzParser(pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ, 'text')),
);

interface PgConnection {
  query(
    sql: string | { name: string; text: string; values: unknown[] },
    params?: unknown[],
  ): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

/** Prepared statements a pooled connection keeps (see prepared.ts). */
const PREPARED_PER_CONNECTION = 200;

/**
 * One transaction on one pooled connection. Sibling resolvers share it, so its statements are
 * serialized here: a pg client must never run two queries at once.
 */
export class Tx {
  statements = 0;
  private tail: Promise<unknown> = Promise.resolve();
  /** The statement failure that aborted this transaction: what later statements' 25P02 really means. */
  private failure?: unknown;
  private done = false;
  private readonly rawQuery: QueryRunner['query'];
  private readonly connection: PgConnection;

  constructor(private readonly qr: QueryRunner) {
    this.rawQuery = qr.query.bind(qr);
    this.connection = (qr as unknown as { databaseConnection: PgConnection }).databaseConnection;
    // Route TypeORM's own queries (repositories, query builders) through the same queue.
    (qr as { query: QueryRunner['query'] }).query = ((sql: string, params?: unknown[], structured?: boolean) =>
      this.enqueue(() => this.rawQuery(sql, params, structured as never))) as QueryRunner['query'];
  }

  get manager(): EntityManager {
    return this.qr.manager;
  }

  repo<E extends ObjectLiteral>(entity: EntityTarget<E>): Repository<E> {
    return this.qr.manager.getRepository(entity);
  }

  /** Rows of a statement (SELECT, or any statement with RETURNING). */
  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.enqueue(() => this.direct(sql, params))).rows as T[];
  }

  /** Number of rows a statement inserted, updated or deleted. */
  async execute(sql: string, params: unknown[] = []): Promise<number> {
    return (await this.enqueue(() => this.direct(sql, params))).rowCount ?? 0;
  }

  /**
   * Our own statements go to the pg connection itself: TypeORM's query() adds only promise hops here (logging
   * is off, there are no subscribers), and it fails the same way, with a QueryFailedError around pg's error.
   */
  private async direct(sql: string, params: unknown[]) {
    try {
      if (params.length === 0) return await this.connection.query(sql, params);
      const name = statementName(sql);
      const statements = statementsOf(this.connection, PREPARED_PER_CONNECTION);
      statements.use(name);
      try {
        return await this.connection.query({ name, text: sql, values: params });
      } catch (e) {
        if ((e as { code?: string }).code === '0A000') statements.discard(name);
        throw e;
      }
    } catch (e) {
      throw new QueryFailedError(sql, params, e as Error);
    }
  }

  private enqueue<T>(run: () => Promise<T>): Promise<T> {
    if (this.done) return Promise.reject(new Error('transaction already finished'));
    const step = async () => {
      this.statements++;
      try {
        return await run();
      } catch (e) {
        // After a failure PostgreSQL answers every statement with 25P02 (in_failed_sql_transaction): sibling
        // resolvers then fail with the cause (a timeout stays a typed SERVICE_BUSY), not an internal error.
        const code = (e as { driverError?: { code?: string } }).driverError?.code;
        if (code === '25P02' && this.failure !== undefined) throw this.failure;
        // Only PostgreSQL's own errors abort the transaction (one pg refuses before sending does not).
        if (code) this.failure ??= e;
        throw e;
      }
    };
    const next = this.tail.then(step, step);
    this.tail = next.catch(() => undefined);
    return next;
  }

  /**
   * Internal: the first statement, sent without the queue bookkeeping of TypeORM, after deallocating the prepared
   * statements this connection pushed out of its cache (same round trip; the connection is idle here).
   */
  async start(sql: string): Promise<void> {
    const evictions = statementsOf(this.connection, PREPARED_PER_CONNECTION).takeEvictions(this.connection as object);
    await this.enqueue(() => this.rawQuery(evictions + sql));
    // Tell TypeORM a transaction is open so repository.save() does not open (and commit) its own.
    const mutable = this.qr as unknown as { isTransactionActive: boolean; transactionDepth: number };
    mutable.isTransactionActive = true;
    mutable.transactionDepth = 1;
  }

  async commit(): Promise<void> {
    await this.end('COMMIT');
  }

  async rollback(): Promise<void> {
    await this.end('ROLLBACK');
  }

  private async end(sql: string): Promise<void> {
    if (this.done) return;
    try {
      await this.enqueue(() => this.rawQuery(sql));
    } finally {
      this.done = true;
      const mutable = this.qr as unknown as { isTransactionActive: boolean; transactionDepth: number };
      mutable.isTransactionActive = false;
      mutable.transactionDepth = 0;
      await this.qr.release().catch(() => undefined);
    }
  }

  /** The connection broke mid-transaction: drop it rather than return it to the pool. */
  async destroy(): Promise<void> {
    this.done = true;
    // Releasing with an error makes the pool destroy the client instead of reusing it.
    const qr = this.qr as unknown as { releasePostgresConnection(err: Error): Promise<void> };
    await qr.releasePostgresConnection(new Error('discarded')).catch(() => undefined);
  }
}

interface ErrorEmitter {
  on(event: 'error', listener: (e: Error) => void): unknown;
}
const guarded = new WeakSet<object>();

/**
 * A pooled connection whose server session dies (a restart, pg_terminate_backend, a network cut)
 * emits 'error' once its query has already failed; TypeORM listens only while the connection is
 * checked out, so a late event would crash the process. The failed query is the error that
 * matters, and the pool discards the broken connection; this only keeps the process alive.
 */
function guardConnection(conn: ErrorEmitter | undefined): void {
  if (!conn || guarded.has(conn)) return;
  guarded.add(conn);
  conn.on('error', () => undefined);
}

export type TxRole = 'tenant' | 'platform' | 'system';

/**
 * The one way to the database. Every transaction starts by setting the role and the
 * transaction-local tenant settings (the PostgREST pattern), in the same round trip as BEGIN.
 */
@Injectable()
export class Database implements OnApplicationShutdown {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async begin(scope: TenantScope, role: TxRole = 'tenant'): Promise<Tx> {
    // Both are integers from the validated configuration. Past them the statement fails with 57014 / 55P03, which
    // transientFailure() turns into a typed SERVICE_BUSY: the transaction rolls back, the client may retry.
    const parts = [`set_config('statement_timeout', '${Math.trunc(this.config.dbStatementTimeoutMs)}', true)`];
    if (this.config.dbLockTimeoutMs > 0)
      parts.push(`set_config('lock_timeout', '${Math.trunc(this.config.dbLockTimeoutMs)}', true)`);
    const ids = scope.branchIds.map(uuidLiteral);
    const branchArray = `'{${ids.join(',')}}'`;
    parts.push(`set_config('app.branch_ids', ${branchArray}, true)`);
    const session = scope.session;
    if (session && scope.userId) {
      // Folded into this statement, so checking the person costs no round trip (one index lookup in SQL).
      const version = session.authVersion;
      if (!Number.isSafeInteger(version)) throw new Error('auth version is not an integer');
      const array = (list: readonly string[]) =>
        list === scope.branchIds ? branchArray : `'{${list.map(uuidLiteral).join(',')}}'`;
      parts.push(
        `session_check('${uuidLiteral(scope.userId)}', '${uuidLiteral(session.organizationId)}', ${version}, ` +
          `${array(session.branchIds)}, ${array(session.memberOf)})`,
      );
    }
    if (role === 'platform') {
      if (scope.organizationId) parts.push(`set_config('app.org_id', '${uuidLiteral(scope.organizationId)}', true)`);
      parts.push(`set_config('role', 'app_platform', true)`);
    } else {
      if (scope.userId) parts.push(`set_config('app.user_id', '${uuidLiteral(scope.userId)}', true)`);
      if (scope.ownOnly) parts.push(`set_config('app.own_only', 'on', true)`);
      if (role === 'system') parts.push(`set_config('role', 'app_worker', true)`);
    }
    const qr = this.ds.createQueryRunner();
    try {
      await qr.connect();
    } catch (e) {
      // No pooled connection within DB_POOL_WAIT_MS: busy, and nothing was started.
      throw transientFailure(e) ?? e;
    }
    guardConnection((qr as unknown as { databaseConnection: ErrorEmitter }).databaseConnection);
    const tx = new Tx(qr);
    try {
      await tx.start(`BEGIN; SELECT ${parts.join(', ')}`);
    } catch (e) {
      const driver = (e as { driverError?: { code?: string; message?: string } }).driverError;
      if (driver?.code === '28000') {
        // session_check refused the person: the connection is fine, only the transaction is aborted.
        await tx.rollback().catch(() => tx.destroy());
        throw new UnauthenticatedError(driver.message);
      }
      await tx.destroy();
      throw e;
    }
    return tx;
  }

  /** Runs fn in one transaction: commit on success, rollback on any error. */
  async run<T>(scope: TenantScope, fn: (tx: Tx) => Promise<T>, role: TxRole = 'tenant'): Promise<T> {
    const tx = await this.begin(scope, role);
    let result: T;
    try {
      result = await fn(tx);
    } catch (e) {
      await tx.rollback().catch(() => tx.destroy());
      throw e;
    }
    await tx.commit();
    return result;
  }

  /**
   * Platform tables (organizations, branches, users, memberships, tokens): only the branches module uses this.
   * Rows of `scope.organizationId` only (RLS on app.org_id); `scope.branchIds` are where its audit rows may go.
   */
  runPlatform<T>(scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.run(scope, fn, 'platform');
  }

  get dataSource(): DataSource {
    return this.ds;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}
