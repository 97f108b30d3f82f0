import { parsePackageSpec, UsageError } from '../../../src/index';

describe('parsePackageSpec', () => {
  it.each([
    ['pkg', { name: 'pkg', escapedName: 'pkg', rawSpec: '', type: 'tag' }],
    ['pkg@', { name: 'pkg', rawSpec: '*', type: 'range' }],
    ['pkg@*', { name: 'pkg', rawSpec: '*', type: 'range' }],
    ['pkg@1.2.3', { name: 'pkg', rawSpec: '1.2.3', type: 'version', version: '1.2.3' }],
    ['pkg@=v1.2.3', { name: 'pkg', rawSpec: '=v1.2.3', type: 'version', version: '1.2.3' }],
    ['pkg@^1', { name: 'pkg', rawSpec: '^1', type: 'range' }],
    ['pkg@next', { name: 'pkg', rawSpec: 'next', type: 'tag' }],
    ['pkg@npm:other@1', { name: 'pkg', rawSpec: 'npm:other@1', type: 'alias' }],
    ['@scope/pkg@1.0.0', { name: '@scope/pkg', escapedName: '@scope%2fpkg', rawSpec: '1.0.0', type: 'version', version: '1.0.0' }],
  ])('reads %s', (spec, expected) => {
    expect(parsePackageSpec(spec)).toMatchObject(expected);
  });

  it('gives a version only to a spec that names one', () => {
    expect(['pkg', 'pkg@^1', 'pkg@next'].map((spec) => parsePackageSpec(spec).version)).toEqual([undefined, undefined, undefined]);
  });

  it.each([
    ['./folder', '"./folder" does not name a package on a registry (it is a directory spec)'],
    ['github:ada/pkg', '"github:ada/pkg" does not name a package on a registry (it is a git spec)'],
    ['pkg@a tag', '"pkg@a tag" is not a package spec: Invalid tag name "a tag" of package "pkg@a tag": Tags may not have any characters that encodeURIComponent encodes.'],
    ['_pkg@1', '"_pkg@1" is not a package spec: Invalid package name "_pkg" of package "_pkg@1": name cannot start with an underscore.'],
  ])('refuses %s with UsageError EUSAGE', (spec, message) => {
    let thrown: unknown;
    try {
      parsePackageSpec(spec);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect(thrown).toMatchObject({ code: 'EUSAGE', message });
  });
});
