/** Jest in native ESM mode (NestJS 12 ships ESM only); run with --experimental-vm-modules. */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

export default {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^@app/(core|jobs|graphql|testing)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.mjs',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.mjs',
  testTimeout: 60000,
  maxWorkers: 2,
  // "A worker process has failed to exit gracefully" came from Jest's 500 ms grace, not a leak: traced with async
  // hooks, a worker had no ref'd handle left after its last file (stdio and IPC pipes only) and exited in under
  // 1.5 s on a machine at load 13, but not always within 500 ms. A real leak still shows after 5 s.
  workerGracefulExitTimeout: 5000,
  // Native ESM keeps every file's module graph in the worker: with 140 files a worker reached V8's heap limit ("Jest
  // worker ran out of memory and crashed", CI of 33c0edb). A worker above this after a file is replaced by a fresh one.
  workerIdleMemoryLimit: '1536MB',
};
