export * from './catalogue.js';
export * from './outbox.js';
export * from './redis.js';
export * from './jobs-worker.js';
export * from './jobs.module.js';
export * from './scan.js';
export * from './events.js';
