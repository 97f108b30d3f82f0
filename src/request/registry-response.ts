/**
 * Where a response came from. `skip`: the network, cache not consulted;
 * `miss`: not cached, fetched and stored; `hit`: from the cache without a request;
 * `stale`: from the cache, a revalidation follows; `revalidated`: the registry
 * answered 304; `updated`: the registry sent a newer document.
 */
export type CacheStatus = 'skip' | 'miss' | 'hit' | 'stale' | 'revalidated' | 'updated';

/** One answer of the registry, parsed. */
export interface RegistryResponse<T = unknown> {
  /** The parsed JSON body, or `null` when the body was empty. */
  readonly data: T;
  /** The body as text. */
  readonly raw: string;
  readonly statusCode: number;
  /** Response headers with lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly cacheStatus: CacheStatus;
}

/**
 * A response typed with the data its caller expects. rxnpm parses JSON but
 * does not check its shape (as HttpClient's `get<T>` does not): this is the
 * one place that type is taken on trust.
 */
export function asResponseOf<T>(response: RegistryResponse): RegistryResponse<T> {
  return response as RegistryResponse<T>;
}
