import { describeChange, NO_PACKAGE, packageChanges } from '../../../src/cli/watch/package-changes';

const doc = (tags: Record<string, string>, versions: Record<string, { deprecated?: string }>) => ({ name: 'pkg', 'dist-tags': tags, versions });

describe('packageChanges', () => {
  it('finds nothing between two equal documents', () => {
    const same = doc({ latest: '1.0.0' }, { '1.0.0': {} });
    expect(packageChanges(same, same)).toEqual([]);
  });

  it('lists new and removed versions, then moved, new and removed tags', () => {
    const before = doc({ latest: '1.0.0', beta: '1.1.0-beta.0' }, { '1.0.0': {}, '1.1.0-beta.0': {} });
    const after = doc({ latest: '1.1.0', next: '2.0.0-rc.1' }, { '1.0.0': {}, '1.1.0': {}, '2.0.0-rc.1': {} });
    expect(packageChanges(before, after)).toEqual([
      { type: 'version-added', version: '1.1.0' },
      { type: 'version-added', version: '2.0.0-rc.1' },
      { type: 'version-removed', version: '1.1.0-beta.0' },
      { type: 'tag-moved', tag: 'latest', from: '1.0.0', to: '1.1.0' },
      { type: 'tag-added', tag: 'next', to: '2.0.0-rc.1' },
      { type: 'tag-removed', tag: 'beta', from: '1.1.0-beta.0' },
    ]);
  });

  it('a tag or version named like a property of Object.prototype is data, not an inherited function', () => {
    const before = doc({ latest: '1.0.0' }, { '1.0.0': {} });
    const after = doc({ latest: '1.0.0', constructor: '1.0.0', toString: '1.0.0' }, { '1.0.0': {}, constructor: {} });
    expect(packageChanges(before, after)).toEqual([
      { type: 'version-added', version: 'constructor' },
      { type: 'tag-added', tag: 'constructor', to: '1.0.0' },
      { type: 'tag-added', tag: 'toString', to: '1.0.0' },
    ]);
    expect(packageChanges(after, before)).toEqual([
      { type: 'version-removed', version: 'constructor' },
      { type: 'tag-removed', tag: 'constructor', from: '1.0.0' },
      { type: 'tag-removed', tag: 'toString', from: '1.0.0' },
    ]);
  });

  it('reports a deprecation and its lifting', () => {
    const plain = doc({ latest: '1.0.0' }, { '1.0.0': {} });
    const deprecated = doc({ latest: '1.0.0' }, { '1.0.0': { deprecated: 'use 2' } });
    expect(packageChanges(plain, deprecated)).toEqual([{ type: 'deprecated', version: '1.0.0', message: 'use 2' }]);
    expect(packageChanges(deprecated, plain)).toEqual([{ type: 'undeprecated', version: '1.0.0' }]);
  });

  it('sees everything in the first document of a package that was not there', () => {
    expect(packageChanges(NO_PACKAGE, doc({ latest: '0.1.0' }, { '0.1.0': {} }))).toEqual([
      { type: 'version-added', version: '0.1.0' },
      { type: 'tag-added', tag: 'latest', to: '0.1.0' },
    ]);
  });
});

describe('describeChange', () => {
  it.each([
    [{ type: 'version-added', version: '1.3.0' }, 'pkg: new version 1.3.0'],
    [{ type: 'version-removed', version: '1.3.0' }, 'pkg: version 1.3.0 removed'],
    [{ type: 'tag-moved', tag: 'latest', from: '1.2.0', to: '1.3.0' }, 'pkg: latest 1.2.0 → 1.3.0'],
    [{ type: 'tag-added', tag: 'next', to: '2.0.0' }, 'pkg: next → 2.0.0 (new tag)'],
    [{ type: 'tag-removed', tag: 'next', from: '2.0.0' }, 'pkg: next removed (was 2.0.0)'],
    [{ type: 'deprecated', version: '1.0.0', message: 'old' }, 'pkg: 1.0.0 deprecated: old'],
    [{ type: 'undeprecated', version: '1.0.0' }, 'pkg: 1.0.0 no longer deprecated'],
  ] as const)('%o reads "%s"', (change, line) => {
    expect(describeChange('pkg', change)).toBe(line);
  });
});
