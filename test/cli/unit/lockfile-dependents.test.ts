import { lockfileDependents } from '../../../src/cli/audit/lockfile-dependents';

describe('lockfileDependents', () => {
  it('points each edge at the copy Node would load: nested first, then the folders above', () => {
    const dependents = lockfileDependents({
      packages: {
        '': { dependencies: { a: '^1.0.0', b: '^1.0.0' }, devDependencies: { c: '^1.0.0' } },
        'node_modules/a': { version: '1.0.0', dependencies: { b: '^2.0.0', c: '^1.0.0' } },
        'node_modules/a/node_modules/b': { version: '2.0.0' },
        'node_modules/b': { version: '1.0.0', devDependencies: { a: '*' } },
        'node_modules/c': { version: '1.0.0' },
        'node_modules/linked': { link: true, resolved: 'packages/linked', dependencies: { c: '*' } },
      },
    });
    expect(Object.fromEntries(dependents)).toEqual({
      'node_modules/a': [{ from: '', spec: '^1.0.0' }],
      'node_modules/b': [{ from: '', spec: '^1.0.0' }],
      'node_modules/c': [{ from: '', spec: '^1.0.0' }, { from: 'node_modules/a', spec: '^1.0.0' }],
      'node_modules/a/node_modules/b': [{ from: 'node_modules/a', spec: '^2.0.0' }],
    });
  });

  it('has no edges for a lockfile without packages (version 1)', () => {
    expect(lockfileDependents({ lockfileVersion: 1, dependencies: { a: { version: '1.0.0' } } }).size).toBe(0);
  });
});
