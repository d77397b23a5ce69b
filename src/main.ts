import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { JsonLogger, keepConnectionsAlive } from '@app/core';
import { AppModule } from './app.module.js';
import { preflight, processLogger } from './bootstrap.js';

const config = await preflight();
const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
  logger: processLogger(config, 'api'),
});
app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
await app.listen(config.port);
keepConnectionsAlive(app.getHttpServer());
new JsonLogger(config.logLevel, { process: 'api' }).info(`GraphQL API on http://localhost:${config.port}/graphql`);
