export * from './connection.js';
export * from './scalars.js';
export * from './limits.js';
export * from './pipes.js';
export * from './errors.js';
export * from './exception.filter.js';
export * from './loaders.js';
