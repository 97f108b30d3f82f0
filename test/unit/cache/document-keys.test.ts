import { cacheKey } from '../../../src/cache/cache-key';
import { documentKeys, packageDocumentKeys } from '../../../src/cache/document-keys';

const urls = { registry: 'http://127.0.0.1:4873/', scopeRegistries: new Map([['@acme', 'http://127.0.0.1:4874/acme/']]) };

describe('documentKeys', () => {
  it('gives each variant of a document its own key', () => {
    const keys = documentKeys('http://127.0.0.1:4873/rxjs');
    expect(keys).toEqual({ full: cacheKey('http://127.0.0.1:4873/rxjs', 'full'), corgi: cacheKey('http://127.0.0.1:4873/rxjs', 'corgi') });
    expect(keys.full).not.toBe(keys.corgi);
  });
});

describe('packageDocumentKeys', () => {
  it('are the keys under which a get of the package stores its packument', () => {
    expect(packageDocumentKeys('rxjs', urls)).toEqual(Object.values(documentKeys('http://127.0.0.1:4873/rxjs')));
  });

  it('look for a scoped package at its scope’s registry', () => {
    expect(packageDocumentKeys('@acme/widget', urls)).toEqual(Object.values(documentKeys('http://127.0.0.1:4874/acme/@acme%2fwidget')));
  });

  it('are none for a package id that is not a package name', () => {
    expect(packageDocumentKeys('..', urls)).toEqual([]);
  });
});
