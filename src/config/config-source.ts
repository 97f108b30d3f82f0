import { CONFIG_KEYS, type ConfigKey } from './config-keys';
import { propertyOf } from '../util/property-of';

/**
 * Anything with `get(key)`, as npmconf and `@npmcli/config` objects have.
 * `get` answers by npm's names (`fetch-retries`, `//host/:_authToken`).
 */
export interface ConfigGetter {
  get(key: string): unknown;
  /** The per-registry and scope keys `get` can answer, for a getter that cannot list its layers. */
  readonly keys?: readonly string[];
  /** `@npmcli/config`'s layers, each settings by npm name: the per-registry and scope keys are listed from them. */
  readonly list?: readonly object[];
}

/** Reads settings from any of the three accepted shapes, by their npm names. */
export interface ConfigSource {
  get(key: string): unknown;
  /** The per-registry (`//host/…:`) and scope (`@scope:registry`) keys the source can list. */
  keys(): string[];
}

function isGetter(input: object): input is ConfigGetter {
  return typeof propertyOf(input, 'get') === 'function';
}

function isConfigKey(key: string): key is ConfigKey {
  return Object.hasOwn(CONFIG_KEYS, key);
}

function listedKeys(input: object): string[] {
  const keys = new Set<string>(Object.keys(input));
  const list = propertyOf(input, 'list');
  const ownKeys = propertyOf(input, 'keys');
  if (Array.isArray(list)) for (const layer of list) if (layer && typeof layer === 'object') Object.keys(layer).forEach((k) => keys.add(k));
  if (Array.isArray(ownKeys)) ownKeys.forEach((k) => typeof k === 'string' && keys.add(k));
  return [...keys].filter((k) => k.startsWith('//') || /^@[^:]+:registry$/.test(k));
}

/** `input` is a `RegistryClientOptions` or a `ConfigGetter`, read as untrusted: a JavaScript caller's object may hold anything. */
export function configSource(input: object): ConfigSource {
  if (isGetter(input)) {
    return { get: (key) => input.get(key), keys: () => listedKeys(input) };
  }
  const read = (key: string) => propertyOf(input, key);
  return {
    get(key) {
      if (read(key) !== undefined) return read(key);
      for (const alias of isConfigKey(key) ? CONFIG_KEYS[key] : []) if (read(alias) !== undefined) return read(alias);
      return undefined;
    },
    keys: () => listedKeys(input),
  };
}
