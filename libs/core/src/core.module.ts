import { Global, Module, type DynamicModule, type OnApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from './config.js';
import { DATA_SOURCE, Database } from './database.js';
import { JsonLogger, LOGGER } from './logger.js';

export const REDIS = Symbol('REDIS');

export interface CoreOptions {
  config: AppConfig;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  /** Which process this is, for logs. */
  process: 'api' | 'worker' | 'script';
}

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

export function createDataSource(config: AppConfig, entities: CoreOptions['entities'], poolSize = config.dbPoolSize) {
  return new DataSource({
    type: 'postgres',
    url: config.databaseUrl,
    entities,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    // Every session starts as the runtime role, so a query that escapes a tenant transaction sees nothing.
    // A request waits at most dbPoolWaitMs for a connection (pg-pool waits forever by default): then SERVICE_BUSY.
    extra: {
      max: poolSize,
      connectionTimeoutMillis: config.dbPoolWaitMs,
      options: `-c role=${config.runtimeRole}`,
      application_name: 'commerce',
    },
  });
}

@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreOptions): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: LOGGER, useValue: new JsonLogger(options.config.logLevel, { process: options.process }) },
        {
          provide: DATA_SOURCE,
          useFactory: async () => createDataSource(options.config, options.entities).initialize(),
        },
        {
          provide: REDIS,
          useFactory: () => {
            const r = new Redis(options.config.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 3000 });
            r.on('error', () => undefined);
            return r;
          },
        },
        Database,
        RedisCloser,
      ],
      exports: [APP_CONFIG, LOGGER, DATA_SOURCE, REDIS, Database],
    };
  }
}
