import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ConfigError, loadConfig, redactUrl } from './config.js';

const SECRET = 'x'.repeat(32);
const DEV_WARNING =
  '{"level":"warn","msg":"JWT_SECRET is not set: using a random development secret; tokens will not survive a restart"}\n';

let stderr: ReturnType<typeof jest.spyOn>;
beforeEach(() => {
  stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => stderr.mockRestore());

/** The ConfigError message loadConfig(env) throws; fails the test when it does not throw one. */
function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig defaults', () => {
  it('runs locally with nothing set', () => {
    const c = loadConfig({ JWT_SECRET: SECRET });
    expect(c).toMatchObject({
      nodeEnv: 'development',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/commerce',
      redisUrl: 'redis://127.0.0.1:6379',
      redisPrefix: '{commerce}',
      port: 3000,
      jwtSecret: SECRET,
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 30 * 86400,
      graphqlIntrospection: true,
      graphqlMaxDepth: 8,
      graphqlMaxComplexity: 5000,
      dbPoolSize: 10,
      dbStatementTimeoutMs: 15_000,
      dbLockTimeoutMs: 0,
      dbPoolWaitMs: 15_000,
      outboxPollMs: 500,
      outboxLeaseMs: 300_000,
      jobAttempts: 8,
      jobBackoffMs: 1000,
      runtimeRole: 'app_runtime',
      logLevel: 'info',
    });
    expect(stderr).not.toHaveBeenCalled();
  });

  it('treats empty variables as unset', () => {
    const c = loadConfig({
      JWT_SECRET: SECRET,
      PORT: '',
      DATABASE_URL: '',
      REDIS_URL: '',
      NODE_ENV: '',
      LOG_LEVEL: '',
    });
    expect([c.port, c.databaseUrl, c.redisUrl, c.nodeEnv, c.logLevel]).toEqual([
      3000,
      'postgres://postgres@127.0.0.1:5432/commerce',
      'redis://127.0.0.1:6379',
      'development',
      'info',
    ]);
  });

  it.each([
    ['development', true, 'info'],
    ['test', true, 'silent'],
    ['production', false, 'info'],
  ])('NODE_ENV=%s: introspection %s, log level %s', (nodeEnv, introspection, logLevel) => {
    const c = loadConfig({ NODE_ENV: nodeEnv, JWT_SECRET: SECRET });
    expect([c.graphqlIntrospection, c.logLevel]).toEqual([introspection, logLevel]);
  });

  it.each([
    ['production', 'true', true],
    ['development', 'false', false],
    ['development', 'yes', false],
  ])('NODE_ENV=%s GRAPHQL_INTROSPECTION=%s → %s', (nodeEnv, value, expected) => {
    expect(
      loadConfig({ NODE_ENV: nodeEnv, JWT_SECRET: SECRET, GRAPHQL_INTROSPECTION: value }).graphqlIntrospection,
    ).toBe(expected);
  });

  it('reads the values it is given', () => {
    const c = loadConfig({
      JWT_SECRET: SECRET,
      PORT: '8080',
      DATABASE_URL: 'postgresql://app:pw@db.internal:6432/ops',
      REDIS_URL: 'rediss://cache.internal:6380/2',
      REDIS_PREFIX: '{ops:eu-1}',
      GRAPHQL_MAX_DEPTH: '12',
      DB_POOL_SIZE: '50',
      DB_STATEMENT_TIMEOUT_MS: '30000',
      DB_LOCK_TIMEOUT_MS: '2000',
      DB_POOL_WAIT_MS: '500',
      LOG_LEVEL: 'debug',
      DB_RUNTIME_ROLE: 'app_runtime_bypass',
    });
    expect(c).toMatchObject({
      port: 8080,
      databaseUrl: 'postgresql://app:pw@db.internal:6432/ops',
      redisUrl: 'rediss://cache.internal:6380/2',
      redisPrefix: '{ops:eu-1}',
      graphqlMaxDepth: 12,
      dbPoolSize: 50,
      dbStatementTimeoutMs: 30_000,
      dbLockTimeoutMs: 2000,
      dbPoolWaitMs: 500,
      logLevel: 'debug',
      runtimeRole: 'app_runtime_bypass',
    });
  });
});

describe('JWT_SECRET', () => {
  it('is required in production, with a message saying what to set', () => {
    expect(configError({ NODE_ENV: 'production' })).toBe(
      'JWT_SECRET is required when NODE_ENV=production (use at least 32 random characters)',
    );
    expect(configError({ NODE_ENV: 'production', JWT_SECRET: '' })).toMatch(/^JWT_SECRET is required/);
  });

  it.each(['production', 'development'])('must be 32 characters or more (NODE_ENV=%s)', (nodeEnv) => {
    expect(configError({ NODE_ENV: nodeEnv, JWT_SECRET: 'x'.repeat(31) })).toBe(
      'JWT_SECRET must be at least 32 characters long',
    );
  });

  it('defaults in development to one random secret per process, with a JSON warning on stderr', () => {
    const a = loadConfig({ NODE_ENV: 'development' });
    const b = loadConfig({});
    expect(a.jwtSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(b.jwtSecret).toBe(a.jwtSecret);
    expect(stderr.mock.calls).toEqual([[DEV_WARNING], [DEV_WARNING]]);
    expect(JSON.parse(DEV_WARNING)).toEqual({ level: 'warn', msg: expect.stringContaining('JWT_SECRET is not set') });
  });

  it('defaults silently under NODE_ENV=test', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).jwtSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(stderr).not.toHaveBeenCalled();
  });
});

describe('invalid values are refused with a message naming the variable', () => {
  it.each([
    ['PORT', 'abc', 'PORT must be an integer between 0 and 65535, got "abc"'],
    ['PORT', '-1', 'PORT must be an integer between 0 and 65535, got "-1"'],
    ['PORT', '65536', 'PORT must be an integer between 0 and 65535, got "65536"'],
    ['PORT', '80.5', 'PORT must be an integer between 0 and 65535, got "80.5"'],
    ['GRAPHQL_MAX_DEPTH', '1', 'GRAPHQL_MAX_DEPTH must be an integer between 2 and 50, got "1"'],
    ['GRAPHQL_MAX_COMPLEXITY', '9', 'GRAPHQL_MAX_COMPLEXITY must be an integer between 10 and 1000000, got "9"'],
    ['ACCESS_TOKEN_TTL_SECONDS', 'ten', 'ACCESS_TOKEN_TTL_SECONDS must be an integer between 10 and 86400, got "ten"'],
    ['DB_POOL_SIZE', '0', 'DB_POOL_SIZE must be an integer between 1 and 200, got "0"'],
    ['DB_POOL_SIZE', '201', 'DB_POOL_SIZE must be an integer between 1 and 200, got "201"'],
    ['OUTBOX_POLL_MS', '9', 'OUTBOX_POLL_MS must be an integer between 10 and 60000, got "9"'],
    ['OUTBOX_LEASE_MS', '999', 'OUTBOX_LEASE_MS must be an integer between 1000 and 86400000, got "999"'],
    ['OUTBOX_LEASE_MS', '5m', 'OUTBOX_LEASE_MS must be an integer between 1000 and 86400000, got "5m"'],
    ['JOB_ATTEMPTS', '0', 'JOB_ATTEMPTS must be an integer between 1 and 100, got "0"'],
    ['JOB_BACKOFF_MS', '9', 'JOB_BACKOFF_MS must be an integer between 10 and 3600000, got "9"'],
    [
      'DATABASE_URL',
      'not a url',
      'DATABASE_URL is not a valid URL (for example postgres://postgres@127.0.0.1:5432/commerce)',
    ],
    ['DATABASE_URL', 'mysql://db/ops', 'DATABASE_URL must start with postgres: or postgresql:, got "mysql://db/ops"'],
    ['REDIS_URL', '127.0.0.1:6379', 'REDIS_URL is not a valid URL (for example redis://127.0.0.1:6379)'],
    // A password never reaches the message, parsable or not.
    [
      'DATABASE_URL',
      'mysql://app:hunter2@db/ops',
      'DATABASE_URL must start with postgres: or postgresql:, got "mysql://app:***@db/ops"',
    ],
    [
      'DATABASE_URL',
      'postgres://app:hunter2@db:bad/ops',
      'DATABASE_URL is not a valid URL (for example postgres://postgres@127.0.0.1:5432/commerce)',
    ],
    ['PORT', '0x1F90', 'PORT must be an integer between 0 and 65535, got "0x1F90"'],
    ['PORT', '1e3', 'PORT must be an integer between 0 and 65535, got "1e3"'],
    ['REDIS_URL', 'localhost:6379', 'REDIS_URL must start with redis: or rediss:, got "localhost:6379"'],
    ['REDIS_URL', 'http://cache:6379', 'REDIS_URL must start with redis: or rediss:, got "http://cache:6379/"'],
    ['LOG_LEVEL', 'verbose', 'LOG_LEVEL must be one of debug, info, warn, error, silent, got "verbose"'],
    ['REDIS_PREFIX', 'commerce', 'REDIS_PREFIX must be a hash tag such as "{commerce}", got "commerce"'],
    ['DB_RUNTIME_ROLE', 'App-Runtime', 'DB_RUNTIME_ROLE is not a role name: "App-Runtime"'],
  ])('%s=%s', (name, value, message) => {
    expect(configError({ JWT_SECRET: SECRET, [name]: value })).toBe(message);
  });

  it.each([
    ['0', 0],
    ['65535', 65535],
  ])('PORT=%s is accepted', (value, port) => {
    expect(loadConfig({ JWT_SECRET: SECRET, PORT: value }).port).toBe(port);
  });
});

describe('redactUrl', () => {
  it.each([
    ['postgres://app:s3cret@db:5432/ops', 'postgres://app:***@db:5432/ops'],
    ['postgres://postgres@127.0.0.1:5432/commerce', 'postgres://postgres@127.0.0.1:5432/commerce'],
    ['redis://:pw@cache:6379', 'redis://:***@cache:6379'],
    ['not a url', 'not a url'],
  ])('%s → %s', (raw, redacted) => {
    expect(redactUrl(raw)).toBe(redacted);
  });
});

describe('METRICS_TOKEN', () => {
  it('is optional: /metrics is then not served', () => {
    expect(loadConfig({ JWT_SECRET: SECRET }).metricsToken).toBeUndefined();
    expect(loadConfig({ JWT_SECRET: SECRET, METRICS_TOKEN: 'p'.repeat(16) }).metricsToken).toBe('p'.repeat(16));
  });

  it.each(['short', 'has a space in it 123', 'x'.repeat(201)])('refuses %j without echoing it', (token) => {
    const message = configError({ JWT_SECRET: SECRET, METRICS_TOKEN: token });
    expect(message).toBe('METRICS_TOKEN must be 16 to 200 printable characters without spaces');
    expect(message).not.toContain(token);
  });
});

// ---- documents ----
describe('file storage and links', () => {
  it('defaults to a local folder and a link key derived from JWT_SECRET, the same for every replica', () => {
    const c = loadConfig({ JWT_SECRET: SECRET });
    expect(c.storage).toEqual({ driver: 'local', dir: './var/files' });
    expect(c.fileLinkSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(c.fileLinkSecret).not.toContain(SECRET);
    expect(loadConfig({ JWT_SECRET: SECRET }).fileLinkSecret).toBe(c.fileLinkSecret);
    expect(loadConfig({ JWT_SECRET: 'y'.repeat(32) }).fileLinkSecret).not.toBe(c.fileLinkSecret);
    expect([c.fileLinkTtlSeconds, c.fileMaxBytes]).toEqual([300, 2 * 1024 ** 3]);
  });

  it('reads an S3 bucket', () => {
    const c = loadConfig({
      JWT_SECRET: SECRET,
      STORAGE_DRIVER: 's3',
      S3_BUCKET: 'ops-files',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_ACCESS_KEY_ID: 'k',
      S3_SECRET_ACCESS_KEY: 's',
      S3_FORCE_PATH_STYLE: 'true',
    });
    expect(c.storage).toEqual({
      driver: 's3',
      bucket: 'ops-files',
      endpoint: 'http://127.0.0.1:9000',
      region: 'us-east-1',
      accessKeyId: 'k',
      secretAccessKey: 's',
      forcePathStyle: true,
    });
  });

  it.each([
    [{ STORAGE_DRIVER: 'ftp' }, 'STORAGE_DRIVER must be local or s3, got "ftp"'],
    [{ STORAGE_DRIVER: 's3' }, 'S3_BUCKET must name a bucket (3-63 lowercase letters, digits, dots and hyphens)'],
    [
      { STORAGE_DRIVER: 's3', S3_BUCKET: 'ops', S3_ACCESS_KEY_ID: 'k' },
      'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together (or neither: the AWS default chain)',
    ],
    [
      { STORAGE_DRIVER: 's3', S3_BUCKET: 'ops', S3_ENDPOINT: 'ftp://x' },
      'S3_ENDPOINT must start with http: or https:, got "ftp://x/"',
    ],
    [{ FILE_LINK_SECRET: 'short' }, 'FILE_LINK_SECRET must be at least 32 characters long'],
    [{ FILE_LINK_TTL_SECONDS: '5' }, 'FILE_LINK_TTL_SECONDS must be an integer between 10 and 86400, got "5"'],
    [{ FILE_MAX_BYTES: '10' }, 'FILE_MAX_BYTES must be an integer between 1024 and 68719476736, got "10"'],
  ])('%j is refused', (env, message) => {
    expect(configError({ JWT_SECRET: SECRET, ...env })).toBe(message);
  });
});
// ---- end documents ----
// ---- queue view ----
describe('QUEUE_VIEW_ORGANIZATION_ID', () => {
  it('is unset by default (the queue view is off) and takes an organization id, lower-cased', () => {
    expect(loadConfig({ JWT_SECRET: SECRET }).queueViewOrganizationId).toBeUndefined();
    expect(loadConfig({ JWT_SECRET: SECRET, QUEUE_VIEW_ORGANIZATION_ID: '' }).queueViewOrganizationId).toBeUndefined();
    const id = 'A0B1C2D3-0000-4000-8000-00000000000F';
    expect(loadConfig({ JWT_SECRET: SECRET, QUEUE_VIEW_ORGANIZATION_ID: id }).queueViewOrganizationId).toBe(
      id.toLowerCase(),
    );
  });

  it.each(['hq', '*', 'a0b1c2d3-0000-4000-8000-00000000000', 'a0b1c2d3-0000-4000-8000-00000000000f,x'])(
    '%j is refused',
    (value) => {
      expect(configError({ JWT_SECRET: SECRET, QUEUE_VIEW_ORGANIZATION_ID: value })).toBe(
        `QUEUE_VIEW_ORGANIZATION_ID must be an organization id (a UUID), got "${value}"`,
      );
    },
  );
});
// ---- end queue view ----
