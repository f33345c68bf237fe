// `npm run test:full-server`: the smoke test of the production topology (test/full-server/): the full
// Temporal Server on PostgreSQL, the worker and the API as processes; it starts its own stack, so
// this configuration has no global setup. Not in `make test`: it needs the server built in
// .tools/temporal-server (see README "Performance") and skips with a message where it is absent.
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/full-server'],
  testMatch: ['<rootDir>/test/full-server/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: undefined,
  globalTeardown: undefined,
  reporters: ['default'],
  maxWorkers: 1,
  testTimeout: 120_000,
};
