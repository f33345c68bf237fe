// One Jest run for the whole monorepo: tests live in `test/` folders mirroring `src/` in each
// workspace, plus the root `test/` folder. ts-jest only transpiles (fast); `make test` typechecks the
// tests first with `tsc -p tsconfig.test.json`. The global setup starts ONE Temporal dev server and
// ONE PostgreSQL for the run (see scripts/devstack/src/jest-global-setup.ts); run `npm run build` first.
// test/full-server/ is not part of it: `npm run test:full-server` (jest.full-server.config.js).
const { join } = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const devstack = '<rootDir>/scripts/devstack/dist';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/packages', '<rootDir>/scripts', '<rootDir>/test'],
  testMatch: ['<rootDir>/{apps,packages,scripts}/*/test/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/test/full-server/'],
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        tsconfig: {
          ...compilerOptions,
          composite: false,
          declaration: false,
          declarationMap: false,
          incremental: false,
          isolatedModules: true,
        },
      },
    ],
  },
  globalSetup: `${devstack}/jest-global-setup.js`,
  globalTeardown: `${devstack}/jest-global-teardown.js`,
  reporters: ['default', [`${devstack}/jest-summary-reporter.js`, { outputFile: join(__dirname, '.data', 'test-summary.txt') }]],
  maxWorkers: 2,
  testTimeout: 30_000,
};
