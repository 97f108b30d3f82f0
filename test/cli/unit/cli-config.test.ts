import { join } from 'node:path';
import { defaultCacheFolder } from '../../../src/cli/config/default-cache';
import { flagEntries } from '../../../src/cli/config/global-flags';
import { parsePackageSpec, parseVersionSpec } from '../../../src/cli/spec/parse-spec';

describe('defaultCacheFolder', () => {
  it('is rxnpm under XDG_CACHE_HOME, else under ~/.cache; never npm’s cache', () => {
    expect(defaultCacheFolder({ XDG_CACHE_HOME: '/x/cache' }, '/home/ada', 'linux')).toBe(join('/x/cache', 'rxnpm'));
    expect(defaultCacheFolder({}, '/home/ada', 'linux')).toBe(join('/home/ada', '.cache', 'rxnpm'));
    expect(defaultCacheFolder({ XDG_CACHE_HOME: 'relative' }, '/home/ada', 'linux')).toBe(join('/home/ada', '.cache', 'rxnpm'));
  });
});

describe('flagEntries', () => {
  it('gives the npm names of the flags that were given', () => {
    expect(flagEntries({ registry: 'http://127.0.0.1:1/', preferOnline: true, loglevel: 'http' })).toEqual([
      ['registry', 'http://127.0.0.1:1/'],
      ['prefer-online', true],
      ['loglevel', 'http'],
    ]);
  });
});

describe('parsePackageSpec', () => {
  it.each([
    ['pkg', { name: 'pkg', escapedName: 'pkg', rawSpec: '', type: 'tag' }],
    ['pkg@1.2.3', { name: 'pkg', rawSpec: '1.2.3', type: 'version' }],
    ['pkg@^1', { name: 'pkg', rawSpec: '^1', type: 'range' }],
    ['pkg@next', { name: 'pkg', rawSpec: 'next', type: 'tag' }],
    ['@scope/pkg@1.0.0', { name: '@scope/pkg', escapedName: '@scope%2fpkg', rawSpec: '1.0.0', type: 'version' }],
  ])('reads %s', (spec, expected) => {
    expect(parsePackageSpec(spec)).toMatchObject(expected);
  });

  it('refuses what is not on a registry', () => {
    expect(() => parsePackageSpec('./folder')).toThrow(/does not name a package on a registry/);
    expect(() => parseVersionSpec('pkg@^1')).toThrow(/must name one version/);
  });
});
