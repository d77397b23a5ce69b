import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';

/** Typed configuration, read once from the environment and validated before anything starts. */
export interface AppConfig {
  nodeEnv: string;
  databaseUrl: string;
  redisUrl: string;
  /** Prefix of every Redis key this process writes (BullMQ queues, rate limits); hash-tagged for Redis Cluster. */
  redisPrefix: string;
  port: number;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  graphqlIntrospection: boolean;
  graphqlMaxDepth: number;
  graphqlMaxComplexity: number;
  loginMaxPerAccount: number;
  loginMaxPerClient: number;
  loginWindowSeconds: number;
  contactDueScanMs: number;
  /** How often the worker looks for approval steps to remind or escalate (escalation lands within this of the SLA). */
  approvalScanMs: number;
  contractScanMs: number;
  /** How often the worker looks for tender deadline reminders that are due. */
  tenderScanMs: number;
  /** How often the worker expires SENT quotes past their validity date and reminds owners before it. */
  quoteScanMs: number;
  // ---- leads ----
  tieringScanMs: number;
  // ---- end leads ----
  /** How often the worker sends partner agreement end reminders and expires agreements past their end. */
  channelScanMs: number;
  /** How often the worker looks for branches whose ISO week closed and builds their research digest. */
  researchDigestScanMs: number;
  visitTaskScanMs: number;
  /** Complaint escalation scan; at most 30 s so a level is never more than 60 s late. */
  complaintScanMs: number;
  /** The one-working-day shipping rule's breach scan (orders past shipBy); at most 10 min. */
  orderShipScanMs: number;
  rmaScanMs: number;
  purchaseLateScanMs: number;
  // ---- finance reconciliation ----
  /** How often the worker generates due reconciliation statements and reminds unanswered ones. */
  reconciliationScanMs: number;
  /** Days after sending that an unanswered reconciliation statement is reminded (once). */
  reconciliationRemindDays: number;
  /** How often the worker looks for cheques, bills and drafts not handed to finance by the close of their day. */
  instrumentScanMs: number;
  /** A font file with CJK glyphs for statement PDFs (`path` or `path#PostScriptName` for a collection); null: ASCII. */
  reconciliationPdfFont: string | null;
  // ---- end finance reconciliation ----
  outboxPollMs: number;
  /** How long a published outbox row may stay unfinished before the relay checks its job and hands it to BullMQ again. */
  outboxLeaseMs: number;
  /** Attempts BullMQ gives an outbox job (exponential backoff from jobBackoffMs) before its row is marked failed. */
  jobAttempts: number;
  jobBackoffMs: number;
  dbPoolSize: number;
  /** Longest a statement may run (statement_timeout of every transaction); past it the request is SERVICE_BUSY. */
  dbStatementTimeoutMs: number;
  /** Longest a statement waits for a row or table lock (lock_timeout); 0: only the statement timeout bounds it. */
  dbLockTimeoutMs: number;
  /** Longest a request waits for a free pooled connection before it is SERVICE_BUSY (pg-pool connectionTimeoutMillis). */
  dbPoolWaitMs: number;
  /** Database role that GraphQL operations run as; the benchmark swaps in a BYPASSRLS twin to price the wall. */
  runtimeRole: string;
  /** Only the benchmark sets this, to measure the cost of row-level security against a BYPASSRLS role. */
  allowBypassRls: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Bearer token a Prometheus scraper sends to /metrics; unset, /metrics is not served at all. */
  metricsToken?: string;
  // ---- dashboard ----
  /** The dashboard's production build (web/dist, relative to the working directory), served at / by the API. */
  webDir: string;
  // ---- end dashboard ----
  // ---- queue view ----
  /**
   * The organization whose head-office administrators may open the queue view (/admin/queues). The queue is the
   * deployment's, shared by every organization: unset, nobody may (the view is not served).
   */
  queueViewOrganizationId?: string;
  // ---- end queue view ----
  // ---- documents ----
  /** Where file contents live: a folder on local disk (default) or an S3-compatible bucket. */
  storage: LocalStorageConfig | S3StorageConfig;
  /** Signs short-lived download links (HMAC-SHA256): FILE_LINK_SECRET, or a key derived from JWT_SECRET. */
  fileLinkSecret: string;
  fileLinkTtlSeconds: number;
  /** The largest upload of any kind, in bytes (each document kind has its own limit below this). */
  fileMaxBytes: number;
  /** How often the file of an issued or archived document is re-read and its SHA-256 compared (FILE_CHECK_EVERY_HOURS). */
  fileCheckEveryHours: number;
  /** How old a stored object with no file row must be before the sweep removes it (an upload may still be finishing). */
  fileOrphanGraceSeconds: number;
  /** How often the integrity scan and the orphan sweep run. */
  fileCheckScanMs: number;
  fileOrphanSweepMs: number;
  /** How often the worker looks for document loans due a reminder, an overdue notice or an escalation. */
  documentLoanScanMs: number;
  // ---- end documents ----
}

// ---- documents ----
export interface LocalStorageConfig {
  driver: 'local';
  dir: string;
}

export interface S3StorageConfig {
  driver: 's3';
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

function storageConfig(env: Env): LocalStorageConfig | S3StorageConfig {
  const driver = env.STORAGE_DRIVER || 'local';
  if (driver === 'local') return { driver, dir: env.STORAGE_DIR || './var/files' };
  if (driver !== 's3') throw new ConfigError(`STORAGE_DRIVER must be local or s3, got "${driver}"`);
  const bucket = env.S3_BUCKET || '';
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new ConfigError('S3_BUCKET must name a bucket (3-63 lowercase letters, digits, dots and hyphens)');
  }
  if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together (or neither: the AWS default chain)');
  }
  return {
    driver,
    endpoint: env.S3_ENDPOINT ? url(env, 'S3_ENDPOINT', 'http://127.0.0.1:9000', ['http:', 'https:']) : undefined,
    region: env.S3_REGION || 'us-east-1',
    bucket,
    accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
  };
}

/** FILE_LINK_SECRET, or a key derived from JWT_SECRET (replicas share that one already, so links work on any). */
function fileLinkSecret(env: Env, jwtSecret: string): string {
  const raw = env.FILE_LINK_SECRET || '';
  if (!raw) return createHmac('sha256', jwtSecret).update('commerce-ops file links').digest('hex');
  // Not echoed: it is a secret.
  if (raw.length < 32) throw new ConfigError('FILE_LINK_SECRET must be at least 32 characters long');
  return raw;
}
// ---- end documents ----

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, def: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const n = /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

function url(env: Env, name: string, def: string, protocols: string[]): string {
  const raw = env[name] || def;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    // Not echoed: an unparsable URL may still hold a password.
    throw new ConfigError(`${name} is not a valid URL (for example ${def})`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.join(' or ')}, got "${redactUrl(raw)}"`);
  }
  return raw;
}

/** An optional font file that must exist (`path`, or `path#PostScriptName` to pick a face of a .ttc collection). */
function fontFile(env: Env, name: string): string | null {
  const raw = env[name];
  if (!raw) return null;
  const path = raw.split('#')[0];
  if (!/\.(ttf|otf|ttc)$/i.test(path) || !existsSync(path)) {
    throw new ConfigError(`${name} must name an existing .ttf, .otf or .ttc file, got "${raw}"`);
  }
  return raw;
}

let devSecret: string | undefined;

export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = env.NODE_ENV || 'development';
  let jwtSecret = env.JWT_SECRET || '';
  if (!jwtSecret) {
    if (nodeEnv === 'production') {
      throw new ConfigError('JWT_SECRET is required when NODE_ENV=production (use at least 32 random characters)');
    }
    devSecret ??= randomBytes(32).toString('hex');
    jwtSecret = devSecret;
    if (nodeEnv !== 'test') {
      process.stderr.write(
        '{"level":"warn","msg":"JWT_SECRET is not set: using a random development secret; tokens will not survive a restart"}\n',
      );
    }
  } else if (jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET must be at least 32 characters long');
  }
  const logLevel = (env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info')) as AppConfig['logLevel'];
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of debug, info, warn, error, silent, got "${logLevel}"`);
  }
  const redisPrefix = env.REDIS_PREFIX || '{commerce}';
  if (!/^\{[A-Za-z0-9:_-]+\}$/.test(redisPrefix)) {
    throw new ConfigError(`REDIS_PREFIX must be a hash tag such as "{commerce}", got "${redisPrefix}"`);
  }
  const runtimeRole = env.DB_RUNTIME_ROLE || 'app_runtime';
  if (!/^[a-z_][a-z0-9_]*$/.test(runtimeRole))
    throw new ConfigError(`DB_RUNTIME_ROLE is not a role name: "${runtimeRole}"`);
  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && !/^[\x21-\x7e]{16,200}$/.test(metricsToken)) {
    // Not echoed: it is a secret.
    throw new ConfigError('METRICS_TOKEN must be 16 to 200 printable characters without spaces');
  }
  // ---- queue view ----
  const queueViewOrganizationId = env.QUEUE_VIEW_ORGANIZATION_ID?.toLowerCase() || undefined;
  if (
    queueViewOrganizationId !== undefined &&
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(queueViewOrganizationId)
  ) {
    throw new ConfigError(
      `QUEUE_VIEW_ORGANIZATION_ID must be an organization id (a UUID), got "${queueViewOrganizationId}"`,
    );
  }
  // ---- end queue view ----
  return {
    nodeEnv,
    databaseUrl: url(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/commerce', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    redisPrefix,
    port: int(env, 'PORT', 3000, 0, 65535),
    jwtSecret,
    accessTokenTtlSeconds: int(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 10, 86400),
    refreshTokenTtlSeconds: int(env, 'REFRESH_TOKEN_TTL_SECONDS', 30 * 86400, 60, 365 * 86400),
    graphqlIntrospection: (env.GRAPHQL_INTROSPECTION ?? (nodeEnv === 'production' ? 'false' : 'true')) === 'true',
    graphqlMaxDepth: int(env, 'GRAPHQL_MAX_DEPTH', 8, 2, 50),
    graphqlMaxComplexity: int(env, 'GRAPHQL_MAX_COMPLEXITY', 5000, 10, 1_000_000),
    loginMaxPerAccount: int(env, 'LOGIN_MAX_PER_ACCOUNT', 10, 1, 10000),
    loginMaxPerClient: int(env, 'LOGIN_MAX_PER_CLIENT', 30, 1, 100000),
    loginWindowSeconds: int(env, 'LOGIN_WINDOW_SECONDS', 900, 1, 86400),
    contactDueScanMs: int(env, 'CONTACT_DUE_SCAN_MS', 30000, 100, 86_400_000),
    approvalScanMs: int(env, 'APPROVAL_SCAN_MS', 15000, 100, 60_000),
    contractScanMs: int(env, 'CONTRACT_SCAN_MS', 60000, 100, 3_600_000),
    tenderScanMs: int(env, 'TENDER_SCAN_MS', 60000, 100, 3_600_000),
    quoteScanMs: int(env, 'QUOTE_SCAN_MS', 60000, 100, 3_600_000),
    // ---- leads ----
    tieringScanMs: int(env, 'TIERING_SCAN_MS', 600000, 100, 86_400_000),
    // ---- end leads ----
    channelScanMs: int(env, 'CHANNEL_SCAN_MS', 60000, 100, 3_600_000),
    researchDigestScanMs: int(env, 'RESEARCH_DIGEST_SCAN_MS', 300000, 100, 86_400_000),
    visitTaskScanMs: int(env, 'VISIT_TASK_SCAN_MS', 60000, 100, 3_600_000),
    complaintScanMs: int(env, 'COMPLAINT_SCAN_MS', 15000, 100, 30_000),
    orderShipScanMs: int(env, 'ORDER_SHIP_SCAN_MS', 60000, 100, 600_000),
    rmaScanMs: int(env, 'RMA_SCAN_MS', 60000, 100, 600_000),
    purchaseLateScanMs: int(env, 'PURCHASE_LATE_SCAN_MS', 300_000, 100, 3_600_000),
    // ---- finance reconciliation ----
    reconciliationScanMs: int(env, 'RECONCILIATION_SCAN_MS', 600_000, 100, 86_400_000),
    reconciliationRemindDays: int(env, 'RECONCILIATION_REMIND_DAYS', 15, 1, 365),
    instrumentScanMs: int(env, 'INSTRUMENT_SCAN_MS', 300_000, 100, 3_600_000),
    reconciliationPdfFont: fontFile(env, 'RECONCILIATION_PDF_FONT'),
    // ---- end finance reconciliation ----
    outboxPollMs: int(env, 'OUTBOX_POLL_MS', 500, 10, 60000),
    outboxLeaseMs: int(env, 'OUTBOX_LEASE_MS', 300_000, 1000, 86_400_000),
    jobAttempts: int(env, 'JOB_ATTEMPTS', 8, 1, 100),
    jobBackoffMs: int(env, 'JOB_BACKOFF_MS', 1000, 10, 3_600_000),
    dbPoolSize: int(env, 'DB_POOL_SIZE', 10, 1, 200),
    dbStatementTimeoutMs: int(env, 'DB_STATEMENT_TIMEOUT_MS', 15_000, 100, 3_600_000),
    dbLockTimeoutMs: int(env, 'DB_LOCK_TIMEOUT_MS', 0, 0, 3_600_000),
    dbPoolWaitMs: int(env, 'DB_POOL_WAIT_MS', 15_000, 100, 3_600_000),
    runtimeRole,
    allowBypassRls: env.DB_ALLOW_BYPASSRLS === '1',
    logLevel,
    metricsToken,
    // ---- dashboard ----
    webDir: env.WEB_DIR || 'web/dist',
    // ---- end dashboard ----
    // ---- queue view ----
    queueViewOrganizationId,
    // ---- end queue view ----
    // ---- documents ----
    storage: storageConfig(env),
    fileLinkSecret: fileLinkSecret(env, jwtSecret),
    fileLinkTtlSeconds: int(env, 'FILE_LINK_TTL_SECONDS', 300, 10, 86400),
    fileMaxBytes: int(env, 'FILE_MAX_BYTES', 2 * 1024 ** 3, 1024, 64 * 1024 ** 3),
    fileCheckEveryHours: int(env, 'FILE_CHECK_EVERY_HOURS', 168, 1, 8760),
    fileOrphanGraceSeconds: int(env, 'FILE_ORPHAN_GRACE_SECONDS', 86400, 1, 30 * 86400),
    fileCheckScanMs: int(env, 'FILE_CHECK_SCAN_MS', 300_000, 100, 86_400_000),
    fileOrphanSweepMs: int(env, 'FILE_ORPHAN_SWEEP_MS', 3_600_000, 100, 86_400_000),
    documentLoanScanMs: int(env, 'DOCUMENT_LOAN_SCAN_MS', 60_000, 100, 3_600_000),
    // ---- end documents ----
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Redacts the password of a connection URL so it can be printed. */
export function redactUrl(raw: string): string {
  try {
    const u = new URL(raw);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return raw;
  }
}
