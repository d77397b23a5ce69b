import {
  ConfigError,
  JsonLogger,
  PreflightError,
  checkPostgres,
  checkRedis,
  loadConfig,
  type AppConfig,
} from '@app/core';

/** Reads the configuration and checks PostgreSQL and Redis; on failure prints one line and exits. */
export async function preflight(): Promise<AppConfig> {
  try {
    const config = loadConfig();
    await checkPostgres(config.databaseUrl, true, { role: config.runtimeRole, allowBypassRls: config.allowBypassRls });
    await checkRedis(config.redisUrl);
    return config;
  } catch (e) {
    if (e instanceof ConfigError || e instanceof PreflightError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}

export function processLogger(config: AppConfig, name: string): JsonLogger {
  return new JsonLogger(config.logLevel === 'silent' ? 'silent' : 'warn', { process: name });
}
