export * from './env.js';
export * from './test-db.js';
export * from './factories.js';
export * from './test-app.js';
export * from './processes.js';
export * from './hostile.js';
export { EnumValue, RawLiteral, seededRandom } from './hostile-values.js';
export * from './fixture.js';
