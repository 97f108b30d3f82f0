/**
 * What a GET does with the cache. `fetch`: nothing cached, ask the network;
 * `hit`: answer from the cache; `revalidate`: a conditional request;
 * `stale-while-revalidate`: answer from the cache, then revalidate;
 * `not-cached`: offline with nothing usable cached (a `?write=true` read never
 * is); `bypass`: neither read nor write.
 */
export type CacheDecision = 'bypass' | 'not-cached' | 'fetch' | 'hit' | 'revalidate' | 'stale-while-revalidate';

export interface CacheMode {
  /** `?write=true` URLs and other reads that must see the registry itself. */
  readonly bypass: boolean;
  readonly offline: boolean;
  readonly preferOffline: boolean;
  readonly preferOnline: boolean;
  readonly staleOk: boolean;
  /** How old, in ms, a copy may be and still answer without a request. */
  readonly maxAge: number;
}

/** The seed's rule: `get`'s timeout (seconds, -1 = always ask) clamped to [cache-min, cache-max]. */
export function maxAgeMs(timeout: number, cacheMin: number, cacheMax: number): number {
  return Math.min(Math.max(timeout, cacheMin), cacheMax) * 1000;
}

/** One short decision from the cached copy's time and the mode; pure, so it is tested directly. */
export function decide(storedAt: number | undefined, now: number, mode: CacheMode): CacheDecision {
  if (mode.bypass) return mode.offline ? 'not-cached' : 'bypass';
  if (storedAt === undefined) return mode.offline ? 'not-cached' : 'fetch';
  if (mode.offline || mode.preferOffline) return 'hit';
  if (!mode.preferOnline && now - storedAt < mode.maxAge) return 'hit';
  return mode.staleOk ? 'stale-while-revalidate' : 'revalidate';
}
