/**
 * What the compiler accepts as a client's configuration, and what it refuses.
 * Never run: `type-fixtures.test.ts` compiles it, and each `@ts-expect-error`
 * must fail on the line below it with the words that follow the directive.
 */
import { RegistryClient, type RegistryClientConfig, type RegistryClientOptions, type PerRegistryKeys } from 'rxnpm';
import { memoryStore, TestingTransport } from 'rxnpm/testing';
import type { CONFIG_KEYS, ConfigKey } from '../../src/config/config-keys';

const registry = 'http://127.0.0.1:4873/';
const cache = memoryStore();
const host = new URL(registry).host;

// Accepted: npm's names, as in .npmrc, and their camelCase aliases.
export const npmNames: RegistryClientConfig = { registry, cache, 'fetch-retries': 2, 'fetch-retry-mintimeout': '100', 'strict-ssl': 'false', 'prefer-offline': true };
export const camelCase: RegistryClientConfig = { registry, cache, fetchRetries: '2', fetchRetryMinTimeout: 100, strictSSL: false, preferOffline: true, maxSockets: 4 };

// Accepted: per-registry credentials as `npm login` writes them, and scope registries.
export const perRegistry: RegistryClientConfig = {
  registry,
  cache,
  '//127.0.0.1:4873/:_authToken': 'npm_token',
  '//127.0.0.1:4873/npm/:_auth': 'dXNlcjpwYXNz',
  '//127.0.0.1:4873/other/:username': 'ada',
  '//127.0.0.1:4873/other/:_password': 'c2VjcmV0',
  '@acme:registry': 'http://127.0.0.1:4874/acme/',
};
export const computedKey: RegistryClientConfig = { registry, cache, 'fetch-retries': 0, 'always-auth': true, log: console, [`//${host}/:_authToken`]: 'npm_token' };

// Accepted: an npmconf-style object with get(), alone or with the layers or keys it can list, and the client's extras.
const npmrc: Record<string, unknown> = { registry, 'fetch-retries': 2, [`//${host}/:_authToken`]: 'npm_token' };
export const getter: RegistryClientConfig = { get: (key: string) => npmrc[key] };
export const layered: RegistryClientConfig = { get: (key: string) => npmrc[key], list: [npmrc], keys: Object.keys(npmrc) };
export const getterWithExtras: RegistryClientConfig = { get: (key: string) => npmrc[key], transport: new TestingTransport(), otpPrompt: () => '123456' };

// Refused: a misspelt setting, in a variable or given to the constructor.
export const misspelt: RegistryClientConfig = {
  registry,
  cache,
  // @ts-expect-error 'fetchRetires' does not exist in type
  fetchRetires: 3,
};
// @ts-expect-error 'strict_ssl' does not exist in type
export const misspeltInline = new RegistryClient({ registry, cache, strict_ssl: false });

// Refused: a credential name rxnpm does not read, and a scope key without its `:registry`.
export const misspeltCredential: RegistryClientOptions = {
  // @ts-expect-error ''//127.0.0.1:4873/:_authtoken'' does not exist in type
  '//127.0.0.1:4873/:_authtoken': 'npm_token',
};
// @ts-expect-error ''@acme:registy'' does not exist in type
export const misspeltScope: RegistryClientOptions = { '@acme:registy': registry };

// Refused: a value of the wrong type, and a misspelt extra beside get().
// @ts-expect-error Type '"no"' is not assignable to type 'Flag | undefined'
export const badFlag: RegistryClientOptions = { strictSsl: 'no' };
export const badExtra: RegistryClientConfig = {
  get: (key: string) => npmrc[key],
  // @ts-expect-error 'otpPromt' does not exist in type
  otpPromt: () => '123456',
};

// `client.config`: the settings in force, read-only, without credentials or machinery.
const client = new RegistryClient(perRegistry);
export const shown: readonly unknown[] = [client.config.registry, client.config.tag, client.config.scopeRegistries.get('@acme'), client.config.retry.retries];
// @ts-expect-error Property 'secrets' does not exist
export const secrets = client.config.secrets;
// @ts-expect-error Property 'auth' does not exist
export const auth = client.config.auth;
// @ts-expect-error Property 'transport' does not exist
export const transport = client.config.transport;
// @ts-expect-error Cannot assign to 'registry' because it is a read-only property
client.config.registry = 'http://127.0.0.1:4875/';

// Every spelling normalizeConfig reads is an option, and every named option is read: the type and the reader agree.
type Spelling = ConfigKey | (typeof CONFIG_KEYS)[ConfigKey][number];
export const everySpellingIsAnOption: Record<Exclude<Spelling, keyof RegistryClientOptions>, never> = {};
export const everyOptionIsRead: Record<Exclude<keyof RegistryClientOptions, Spelling | keyof PerRegistryKeys>, never> = {};
