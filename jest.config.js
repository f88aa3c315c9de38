// One jest config, four projects = the test tiers of docs/testing.md.
// Everything runs as native ESM (NestJS 12 is ESM-only): `node --experimental-vm-modules`.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: {
        legacyDecorator: true,
        decoratorMetadata: true,
        useDefineForClassFields: false,
        react: { runtime: 'automatic' },
      },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
    swcrc: false,
  },
];

const common = {
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  transformIgnorePatterns: ['/node_modules/'],
  moduleNameMapper: {
    '^@meridian/platform$': '<rootDir>/services/platform/src/index.ts',
    '^@meridian/platform/testing$': '<rootDir>/services/platform/src/testing/index.ts',
    '^@meridian/proto$': '<rootDir>/proto/paths.ts',
    '^@meridian/proto/(.*)$': '<rootDir>/proto/gen/$1.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/', '<rootDir>/.meridian/'],
};

export default {
  rootDir: '.',
  ...common,
  reporters: ['default', '<rootDir>/scripts/summary-reporter.cjs'],
  globalSetup: '<rootDir>/scripts/jest-global-setup.js',
  globalTeardown: '<rootDir>/scripts/jest-global-teardown.js',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{services,web,deploy,bench}/**/*.spec.ts?(x)'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/services/*/test/**/*.integration-spec.ts'],
      testTimeout: 120000,
      setupFilesAfterEnv: ['<rootDir>/scripts/jest-slow-tier.js'],
    },
    {
      ...common,
      displayName: 'contract',
      testMatch: ['<rootDir>/services/*/test/contracts/**/*.contract-spec.ts'],
      testTimeout: 120000,
      setupFilesAfterEnv: ['<rootDir>/scripts/jest-slow-tier.js'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/web/e2e/**/*.e2e-spec.ts'],
      testTimeout: 300000,
      setupFilesAfterEnv: ['<rootDir>/scripts/jest-slow-tier.js'],
    },
  ],
};
