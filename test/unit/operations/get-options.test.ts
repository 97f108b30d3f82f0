import { UsageError } from '../../../src/errors/usage-error';
import { normalizeGetOptions } from '../../../src/operations/get-options';

describe('normalizeGetOptions', () => {
  it('has the seed’s defaults: always revalidate, follow redirects, no stale answer, the full document', () => {
    expect(normalizeGetOptions()).toEqual({
      timeout: -1,
      nofollow: false,
      staleOk: false,
      fullMetadata: true,
      preferOffline: false,
      preferOnline: false,
      offline: false,
    });
  });

  it('reads the seed’s positional form (timeout, nofollow, staleOk)', () => {
    expect(normalizeGetOptions(600, true, true)).toMatchObject({ timeout: 600, nofollow: true, staleOk: true });
  });

  it('reads one options object', () => {
    expect(normalizeGetOptions({ fullMetadata: false, offline: true })).toMatchObject({ fullMetadata: false, offline: true, timeout: -1 });
  });

  it('refuses unknown options and wrong types with a UsageError naming them', () => {
    expect(() => normalizeGetOptions({ stale: true } as never)).toThrow(/unknown option "stale"/);
    expect(() => normalizeGetOptions({ timeout: '10' } as never)).toThrow(UsageError);
    expect(() => normalizeGetOptions({ timeout: Number.NaN })).toThrow(/timeout/);
  });
});

describe('normalizeGetOptions with the client’s configured cache modes', () => {
  it('starts from them, and a call’s own options win', () => {
    expect(normalizeGetOptions(undefined, undefined, undefined, { preferOffline: true })).toMatchObject({ preferOffline: true });
    expect(normalizeGetOptions({ preferOffline: false }, undefined, undefined, { preferOffline: true })).toMatchObject({ preferOffline: false });
    expect(normalizeGetOptions(30, undefined, undefined, { offline: true })).toMatchObject({ timeout: 30, offline: true });
  });
});
