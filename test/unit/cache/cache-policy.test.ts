import { decide, maxAgeMs, type CacheMode } from '../../../src/cache/cache-policy';

const mode = (overrides: Partial<CacheMode> = {}): CacheMode => ({
  bypass: false,
  offline: false,
  preferOffline: false,
  preferOnline: false,
  staleOk: false,
  maxAge: 60_000,
  ...overrides,
});

describe('maxAgeMs: get’s timeout clamped to cache-min and cache-max', () => {
  it('turns the default -1 into cache-min', () => expect(maxAgeMs(-1, 10, Infinity)).toBe(10_000));
  it('keeps a timeout inside the bounds', () => expect(maxAgeMs(30, 10, 100)).toBe(30_000));
  it('lowers a timeout above cache-max', () => expect(maxAgeMs(500, 10, 100)).toBe(100_000));
  it('with cache-min 0, -1 means always revalidate, even a copy stored this very moment', () => {
    expect(maxAgeMs(-1, 0, Infinity)).toBe(0);
    expect(decide(5, 5, mode({ maxAge: maxAgeMs(-1, 0, Infinity) }))).toBe('revalidate');
  });
});

describe('decide', () => {
  const now = 1_000_000;

  it('bypasses the cache for ?write=true reads, whatever is cached', () => {
    expect(decide(now, now, mode({ bypass: true }))).toBe('bypass');
    expect(decide(now, now, mode({ bypass: true, preferOffline: true }))).toBe('bypass');
  });

  it('refuses a ?write=true read offline: only the registry can answer it', () => {
    expect(decide(now, now, mode({ bypass: true, offline: true }))).toBe('not-cached');
  });

  it('fetches when nothing is cached, and refuses offline', () => {
    expect(decide(undefined, now, mode())).toBe('fetch');
    expect(decide(undefined, now, mode({ staleOk: true, preferOffline: true }))).toBe('fetch');
    expect(decide(undefined, now, mode({ offline: true }))).toBe('not-cached');
  });

  it('answers from a copy younger than the max age', () => {
    expect(decide(now - 59_999, now, mode())).toBe('hit');
  });

  it('revalidates a copy as old as the max age or older', () => {
    expect(decide(now - 60_000, now, mode())).toBe('revalidate');
    expect(decide(now - 600_000, now, mode())).toBe('revalidate');
  });

  it('with staleOk, answers with the old copy and revalidates', () => {
    expect(decide(now - 60_000, now, mode({ staleOk: true }))).toBe('stale-while-revalidate');
    expect(decide(now - 1, now, mode({ staleOk: true }))).toBe('hit');
  });

  it('offline and preferOffline take any copy, however old', () => {
    expect(decide(0, now, mode({ offline: true }))).toBe('hit');
    expect(decide(0, now, mode({ preferOffline: true }))).toBe('hit');
  });

  it('preferOnline revalidates even a fresh copy', () => {
    expect(decide(now, now, mode({ preferOnline: true }))).toBe('revalidate');
    expect(decide(now, now, mode({ preferOnline: true, staleOk: true }))).toBe('stale-while-revalidate');
  });
});
