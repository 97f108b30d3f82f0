import { UsageError } from '../errors/usage-error';

export interface GetOptions {
  /** Seconds a cached copy stays fresh; -1 (default) always revalidates. Clamped to [cache-min, cache-max]. */
  timeout?: number;
  /** Do not follow 3xx responses. */
  nofollow?: boolean;
  /** With a cached copy past its timeout: emit it at once, then the revalidated one. */
  staleOk?: boolean;
  /** The full packument (default) or, when false, the abbreviated one npm installs from. */
  fullMetadata?: boolean;
  /** Use any cached copy, however old; ask the network only when there is none. */
  preferOffline?: boolean;
  /** Always revalidate, whatever the copy's age. */
  preferOnline?: boolean;
  /** Never ask the network: the cached copy or ENOTCACHED. */
  offline?: boolean;
}

export type NormalizedGetOptions = Required<GetOptions>;

const GET_DEFAULTS: NormalizedGetOptions = Object.freeze({
  timeout: -1,
  nofollow: false,
  staleOk: false,
  fullMetadata: true,
  preferOffline: false,
  preferOnline: false,
  offline: false,
});

/**
 * Accepts the seed's positional form `(timeout, nofollow, staleOk)` or one
 * options object; `defaults` are the client's configured cache modes.
 */
export function normalizeGetOptions(timeoutOrOptions?: number | GetOptions, nofollow?: boolean, staleOk?: boolean, defaults: GetOptions = {}): NormalizedGetOptions {
  const given: GetOptions = typeof timeoutOrOptions === 'object' && timeoutOrOptions !== null
    ? timeoutOrOptions
    : { timeout: timeoutOrOptions, nofollow, staleOk };
  const options: NormalizedGetOptions = { ...GET_DEFAULTS, ...defaults };
  // Checked at run time too: JavaScript callers and spread objects reach here with any keys and values.
  const entries: Array<[string, unknown]> = Object.entries(given);
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    if (!isGetOption(name)) throw new UsageError(`get: unknown option "${name}"`);
    if (name === 'timeout' && typeof value === 'number' && !Number.isNaN(value)) options.timeout = value;
    else if (name !== 'timeout' && typeof value === 'boolean') options[name] = value;
    else throw new UsageError(`get: option "${name}" must be a ${typeof GET_DEFAULTS[name]}, got ${JSON.stringify(value)}`);
  }
  return options;
}

function isGetOption(name: string): name is keyof NormalizedGetOptions {
  return Object.hasOwn(GET_DEFAULTS, name);
}
