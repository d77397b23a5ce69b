import { loadConfig, redactUrl, runMigrations, PreflightError, ConfigError } from '@app/core';
import { migrations } from '../migrations/index.js';

try {
  const config = loadConfig();
  const applied = await runMigrations(config.databaseUrl, migrations);
  console.log(
    applied.length
      ? `Migrated ${redactUrl(config.databaseUrl)}: ${applied.join(', ')}`
      : `${redactUrl(config.databaseUrl)} is up to date`,
  );
} catch (e) {
  if (e instanceof PreflightError || e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
