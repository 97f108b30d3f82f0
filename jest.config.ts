import type { Config } from 'jest';

const transform: Config['transform'] = {
  '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
};

// Examples import the package by name, as its users do.
const moduleNameMapper: Config['moduleNameMapper'] = {
  '^rxnpm$': '<rootDir>/src/index.ts',
  '^rxnpm/testing$': '<rootDir>/src/testing/index.ts',
};

const config: Config = {
  projects: [
    {
      displayName: 'test',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      transform,
      moduleNameMapper,
    },
    {
      displayName: 'marbles',
      testEnvironment: 'node',
      roots: ['<rootDir>/marbles'],
      testMatch: ['**/*.spec.ts'],
      transform,
      moduleNameMapper,
    },
  ],
};

export default config;
