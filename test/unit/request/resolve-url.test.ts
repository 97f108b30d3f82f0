import { UsageError } from '../../../src/errors/usage-error';
import { pkgidOf, resolveUrl } from '../../../src/request/resolve-url';

const REGISTRY = 'http://127.0.0.1:4873/npm/';
const scopes = new Map([['@acme', 'http://127.0.0.1:4874/acme/']]);

function usageErrorOf(where: string): UsageError {
  try {
    resolveUrl(where, REGISTRY, scopes);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`expected resolveUrl(${JSON.stringify(where)}) to throw a UsageError`);
}

describe('resolveUrl', () => {
  it.each([
    ['/rxjs', 'http://127.0.0.1:4873/npm/rxjs'],
    ['rxjs', 'http://127.0.0.1:4873/npm/rxjs'],
    ['/-/ping', 'http://127.0.0.1:4873/npm/-/ping'],
    ['/rxjs/-/rxjs-7.8.2.tgz', 'http://127.0.0.1:4873/npm/rxjs/-/rxjs-7.8.2.tgz'],
    ['/-/v1/search?text=rxjs&size=2', 'http://127.0.0.1:4873/npm/-/v1/search?text=rxjs&size=2'],
    ['//rxjs', 'http://127.0.0.1:4873/npm/rxjs'],
  ])('appends %s to the registry, keeping its path: %s', (where, url) => {
    expect(resolveUrl(where, REGISTRY, scopes)).toBe(url);
  });

  it.each([
    ['/@acme%2fwidget', 'http://127.0.0.1:4874/acme/@acme%2fwidget'],
    ['/@acme%2Fwidget', 'http://127.0.0.1:4874/acme/@acme%2Fwidget'],
    ['/@acme/widget', 'http://127.0.0.1:4874/acme/@acme/widget'],
    ['@acme/widget/latest', 'http://127.0.0.1:4874/acme/@acme/widget/latest'],
  ])('sends %s to its scope’s registry: %s', (where, url) => {
    expect(resolveUrl(where, REGISTRY, scopes)).toBe(url);
  });

  it('sends a scoped package without a scope registry to the default registry', () => {
    expect(resolveUrl('/@other%2fwidget', REGISTRY, scopes)).toBe('http://127.0.0.1:4873/npm/@other%2fwidget');
  });

  it('does not read a package whose name merely starts like a scope as scoped', () => {
    expect(resolveUrl('/acme/widget', REGISTRY, scopes)).toBe('http://127.0.0.1:4873/npm/acme/widget');
  });

  it.each(['http://127.0.0.1:4875/tarballs/x-1.0.0.tgz', 'https://registry.example/rxjs?write=true'])('keeps the absolute URL %s', (url) => {
    expect(resolveUrl(url, REGISTRY, scopes)).toBe(url);
  });

  it.each([
    ['an ftp: URL', 'ftp://127.0.0.1/rxjs'],
    ['a file: URL', 'file:///etc/passwd'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['an http URL without a host', 'http://'],
    ['an http URL with a space in the host', 'http://exa mple/rxjs'],
    ['an empty string', ''],
  ])('refuses %s with EUSAGE', (_case, where) => {
    expect(usageErrorOf(where).code).toBe('EUSAGE');
  });

  it('refuses a where that is not a string with EUSAGE', () => {
    expect(() => resolveUrl(undefined as unknown as string, REGISTRY, scopes)).toThrow(UsageError);
  });
});

describe('pkgidOf', () => {
  const registry = 'http://127.0.0.1:4873/';

  it.each([
    ['/rxjs', 'rxjs'],
    ['/rxjs/latest', 'rxjs'],
    ['/rxjs?write=true', 'rxjs'],
    ['/rxjs/-/rxjs-7.8.2.tgz', 'rxjs'],
    ['/@s%2fn', '@s/n'],
    ['/@s%2Fn/1.0.0', '@s/n'],
    ['/@s/n', '@s/n'],
    ['/@s/n/latest', '@s/n'],
    ['/-/package/x/dist-tags', 'x'],
    ['/-/package/@s%2fn/dist-tags/beta', '@s/n'],
  ])('%s is about %s', (path, pkgid) => {
    expect(pkgidOf(`http://127.0.0.1:4873${path}`, registry)).toBe(pkgid);
  });

  it.each(['/-/ping', '/-/whoami', '/-/user/org.couchdb.user:ada', '/', '/@s'])('%s is about no package', (path) => {
    expect(pkgidOf(`http://127.0.0.1:4873${path}`, registry)).toBeUndefined();
  });

  it('reads the path after the registry’s own path', () => {
    expect(pkgidOf('http://127.0.0.1:4873/npm/rxjs/latest', 'http://127.0.0.1:4873/npm/')).toBe('rxjs');
  });

  it('reads the path after the longest registry the URL lives under (a scope registry in a folder)', () => {
    const registries = [registry, 'http://127.0.0.1:4873/acme/'];
    expect(pkgidOf('http://127.0.0.1:4873/acme/@acme%2fwidget/1.0.0', registries)).toBe('@acme/widget');
    expect(pkgidOf('http://127.0.0.1:4873/rxjs', registries)).toBe('rxjs');
  });

  it('reads the whole path of a URL on another host', () => {
    expect(pkgidOf('http://127.0.0.1:4875/rxjs/-/rxjs-7.8.2.tgz', registry)).toBe('rxjs');
  });

  it('gives no package, rather than throwing, for a path that is not valid percent-encoding', () => {
    expect(pkgidOf('http://127.0.0.1:4873/%E0%A4%A', registry)).toBeUndefined();
    expect(pkgidOf('http://127.0.0.1:4873/-/package/%zz/dist-tags', registry)).toBeUndefined();
  });
});
