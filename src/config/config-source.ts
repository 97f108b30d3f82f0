import { CONFIG_KEYS, type ConfigKey } from './config-keys';

/** Anything with `get(key)`, as npmconf and `@npmcli/config` objects have. */
export interface ConfigGetter {
  get(key: string): unknown;
}

/** Reads settings from any of the three accepted shapes, by their npm names. */
export interface ConfigSource {
  get(key: string): unknown;
  /** The per-registry (`//host/…:`) and scope (`@scope:registry`) keys the source can list. */
  keys(): string[];
}

function isGetter(input: object): input is ConfigGetter {
  return typeof (input as { get?: unknown }).get === 'function';
}

function listedKeys(input: object): string[] {
  const keys = new Set<string>(Object.keys(input));
  // @npmcli/config exposes its layers as `list`; npmconf-style objects may expose `keys`.
  const { list, keys: ownKeys } = input as { list?: unknown; keys?: unknown };
  if (Array.isArray(list)) for (const layer of list) if (layer && typeof layer === 'object') Object.keys(layer).forEach((k) => keys.add(k));
  if (Array.isArray(ownKeys)) ownKeys.forEach((k) => typeof k === 'string' && keys.add(k));
  return [...keys].filter((k) => k.startsWith('//') || /^@[^:]+:registry$/.test(k));
}

export function configSource(input: object): ConfigSource {
  if (isGetter(input)) {
    return { get: (key) => input.get(key), keys: () => listedKeys(input) };
  }
  const record = input as Record<string, unknown>;
  return {
    get(key) {
      if (record[key] !== undefined) return record[key];
      for (const alias of CONFIG_KEYS[key as ConfigKey] ?? []) if (record[alias] !== undefined) return record[alias];
      return undefined;
    },
    keys: () => listedKeys(input),
  };
}
