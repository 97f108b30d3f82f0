import { join } from 'node:path';
import { defaultCacheFolder } from '../../../src/cli/config/default-cache';
import { parsePackageSpec } from '../../../src/index';
import { oneVersion } from '../../../src/cli/spec/one-version';

describe('defaultCacheFolder', () => {
  it('is rxnpm under XDG_CACHE_HOME, else under ~/.cache; never npm’s cache', () => {
    expect(defaultCacheFolder({ XDG_CACHE_HOME: '/x/cache' }, '/home/ada', 'linux')).toBe(join('/x/cache', 'rxnpm'));
    expect(defaultCacheFolder({}, '/home/ada', 'linux')).toBe(join('/home/ada', '.cache', 'rxnpm'));
    expect(defaultCacheFolder({ XDG_CACHE_HOME: 'relative' }, '/home/ada', 'linux')).toBe(join('/home/ada', '.cache', 'rxnpm'));
  });
});

describe('oneVersion', () => {
  it('is the version a spec names, without the = or v npm allows before it', () => {
    expect(oneVersion('pkg@=v1.2.3', parsePackageSpec('pkg@=v1.2.3'))).toBe('1.2.3');
  });

  it.each(['pkg', 'pkg@^1', 'pkg@next'])('refuses %s with EUSAGE: the command acts on one version', (spec) => {
    expect(() => oneVersion(spec, parsePackageSpec(spec))).toThrow(expect.objectContaining({ code: 'EUSAGE', message: `"${spec}" must name one version, e.g. pkg@1.0.0` }));
  });
});
