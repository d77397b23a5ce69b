import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { JsonLogger } from '@app/core';
import { preflight, processLogger } from './bootstrap.js';
import { WorkerModule } from './worker.module.js';

const config = await preflight();
const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
  logger: processLogger(config, 'worker'),
});
app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
await app.init();
new JsonLogger(config.logLevel, { process: 'worker' }).info('worker running: processors, job schedulers, outbox relay');
