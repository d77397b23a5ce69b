// Runs once per `npm test`, outside Jest's module system: names this run. Every database the run creates carries
// the run id in its name (libs/testing/src/env.ts), and global-teardown.mjs drops those and nothing else.
import { randomBytes } from 'node:crypto';

export default async function globalSetup() {
  process.env.NODE_ENV = 'test';
  process.env.TEST_RUN_ID = randomBytes(6).toString('hex');
}
