import { nerfDart, nerfDartAncestors, normalizeNerfDart } from '../../../src/auth/nerf-dart';

describe('nerfDart', () => {
  it.each([
    ['http://127.0.0.1:4873/npm/rxjs', '//127.0.0.1:4873/npm/'],
    ['http://127.0.0.1:4873/npm/', '//127.0.0.1:4873/npm/'],
    ['http://127.0.0.1:4873/', '//127.0.0.1:4873/'],
    ['http://127.0.0.1:4873', '//127.0.0.1:4873/'],
    ['https://registry.example/a/b/c?write=true#top', '//registry.example/a/b/'],
    ['http://ada:pw@127.0.0.1:4873/pkg', '//127.0.0.1:4873/'],
    ['https://registry.example:443/pkg', '//registry.example/'],
    ['http://registry.example:80/pkg', '//registry.example/'],
    ['http://registry.example:8080/pkg', '//registry.example:8080/'],
  ])('%s → %s', (url, dart) => {
    expect(nerfDart(url)).toBe(dart);
  });
});

describe('nerfDartAncestors', () => {
  it('lists the enclosing folders, longest first, down to the host', () => {
    expect(nerfDartAncestors('//127.0.0.1:4873/a/b/c/')).toEqual(['//127.0.0.1:4873/a/b/c/', '//127.0.0.1:4873/a/b/', '//127.0.0.1:4873/a/', '//127.0.0.1:4873/']);
  });

  it('is just the host for a host', () => {
    expect(nerfDartAncestors('//127.0.0.1:4873/')).toEqual(['//127.0.0.1:4873/']);
  });
});

describe('normalizeNerfDart', () => {
  it('adds the trailing slash a key may be written without', () => {
    expect(normalizeNerfDart('//127.0.0.1:4873')).toBe('//127.0.0.1:4873/');
    expect(normalizeNerfDart('//127.0.0.1:4873/npm')).toBe('//127.0.0.1:4873/npm/');
  });

  it('leaves a key with the slash as it is', () => {
    expect(normalizeNerfDart('//127.0.0.1:4873/npm/')).toBe('//127.0.0.1:4873/npm/');
  });
});
