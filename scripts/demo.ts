import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { ConfigError, PreflightError, loadConfig, runMigrations } from '@app/core';
import { migrations } from '../migrations/index.js';
import { nodeFlags } from './node-flags.js';
import { demoId, seedDemo, seedDemoActivity } from './seed-demo.js';

/** `npm run demo`: migrate, seed, then run the API and the worker in the foreground until Ctrl-C. */
const here = dirname(fileURLToPath(import.meta.url));
try {
  const config = loadConfig();
  await runMigrations(config.databaseUrl, migrations);
  await seedDemo(config.databaseUrl);
  await seedDemoActivity(config);
} catch (e) {
  if (e instanceof PreflightError || e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
console.log('Demo data ready. Accounts: admin@hq.demo, manager@sh.demo, rep@sh.demo, ... password demo-pass-2026');
// The demo organization operates this deployment: its head-office administrator may open the queue view
// (/admin/queues) from the dashboard. A value already set is kept.
process.env.QUEUE_VIEW_ORGANIZATION_ID ||= demoId('org');

const children: ChildProcess[] = [];
let stopping = false;
// The same Node flags as `npm start` and `npm run start:worker`, so the demo behaves as the deployed processes.
const start = (file: string, script: 'start' | 'start:worker') => {
  const child = spawn(process.execPath, [...nodeFlags(script), join(here, '..', 'src', file)], {
    stdio: 'inherit',
    env: process.env,
  });
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`${file} exited with code ${code}; stopping the demo`);
      stop(code ?? 1);
    }
  });
  children.push(child);
};
const stop = (code = 0) => {
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 5000).unref();
  Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.on('exit', r))))).then(() =>
    process.exit(code),
  );
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
start('main.js', 'start');
start('worker.js', 'start:worker');
