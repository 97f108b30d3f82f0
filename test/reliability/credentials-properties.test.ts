import fc from 'fast-check';
import type { AuthSettings, Credentials } from '../../src/auth/credentials';
import { credentialsFor } from '../../src/auth/credentials-for';

const RUNS = { numRuns: 200 };

const HOSTS = ['127.0.0.1:4873', '127.0.0.1:4874', '127.0.0.1', 'registry.test', 'registry.test:8443', 'other.test', 'registry.test.evil'];
/** Path segments, hostile ones included: they must not let a URL climb out of a key's folder. */
const SEGMENTS = ['npm', 'npm2', 'np', 'a', 'b', '-', '@scope', '..', '.', '%2e%2e', '%2E%2e', '.%2e', '%2f', 'a%2fb', 'x y', '%00', ';', '~'];
/** Segments a key's folder may contain (as written in an .npmrc, never a traversal). */
const KEY_SEGMENTS = ['npm', 'npm2', 'np', 'a', 'b', '@scope'];

const host = fc.constantFrom(...HOSTS);
const keyOf = fc.tuple(host, fc.array(fc.constantFrom(...KEY_SEGMENTS), { maxLength: 3 })).map(([h, path]) => `//${h}/${path.map((p) => `${p}/`).join('')}`);
const urlOf = fc
  .tuple(fc.constantFrom('http', 'https'), host, fc.array(fc.constantFrom(...SEGMENTS), { maxLength: 5 }), fc.constantFrom('', '/', '?q=1', '#f', '/?write=true'))
  .map(([scheme, h, path, tail]) => `${scheme}://${h}/${path.join('/')}${tail}`);
const token = (i: number): Credentials => ({ type: 'bearer', token: `token-${i}` });

/** Scoped credentials for a few keys, each with its own token. */
const scopedKeys = fc.uniqueArray(keyOf, { minLength: 1, maxLength: 6 });

function settingsOf(keys: readonly string[], extra: Partial<AuthSettings> = {}): AuthSettings {
  return { registry: 'http://127.0.0.1:4873/', alwaysAuth: false, scoped: new Map(keys.map((key, i) => [key, token(i)])), ...extra };
}

/** The folder the URL is in, as `//host/path/`, after the URL parser's own resolution of `..` and `%2e%2e`. */
function folderOf(url: string): string {
  const parsed = new URL(url);
  return `//${parsed.host}${parsed.pathname.replace(/[^/]*$/, '')}`;
}

describe('credentialsFor, property-based', () => {
  it('never returns a scoped token for a URL outside that key\'s host and folder', () => {
    fc.assert(
      fc.property(scopedKeys, urlOf, fc.boolean(), (keys, url, isWrite) => {
        const found = credentialsFor(url, isWrite, settingsOf(keys));
        if (!found) return;
        const key = keys[Number((found as { token: string }).token.slice('token-'.length))];
        expect(folderOf(url).startsWith(key)).toBe(true);
        expect(new URL(url).host).toBe(key.slice(2, key.indexOf('/', 2)));
      }),
      RUNS,
    );
  });

  it('returns the token of the longest key that encloses the URL, and one whenever a key does', () => {
    fc.assert(
      fc.property(scopedKeys, urlOf, (keys, url) => {
        const enclosing = keys.filter((key) => folderOf(url).startsWith(key)).sort((a, b) => b.length - a.length);
        const found = credentialsFor(url, false, settingsOf(keys));
        expect(found).toEqual(enclosing.length ? token(keys.indexOf(enclosing[0])) : undefined);
      }),
      RUNS,
    );
  });

  it('does not depend on the order the keys were configured in', () => {
    fc.assert(
      fc.property(
        scopedKeys.chain((keys) => fc.tuple(fc.constant(keys), fc.shuffledSubarray(keys, { minLength: keys.length, maxLength: keys.length }))),
        urlOf,
        ([keys, shuffled], url) => {
          const tokenOf = (key: string) => token(keys.indexOf(key));
          const inOrder = new Map(keys.map((key) => [key, tokenOf(key)]));
          const reordered = new Map(shuffled.map((key) => [key, tokenOf(key)]));
          const base = { registry: 'http://127.0.0.1:4873/', alwaysAuth: false };
          expect(credentialsFor(url, true, { ...base, scoped: reordered })).toEqual(credentialsFor(url, true, { ...base, scoped: inOrder }));
        },
      ),
      RUNS,
    );
  });

  it('sends the default credentials only to the default registry\'s host, and on reads only with always-auth', () => {
    const basic: Credentials = { type: 'basic', auth: Buffer.from('ada:pw').toString('base64') };
    fc.assert(
      fc.property(urlOf, fc.boolean(), fc.boolean(), (url, isWrite, alwaysAuth) => {
        const found = credentialsFor(url, isWrite, settingsOf([], { defaultCredentials: basic, alwaysAuth }));
        const onRegistryHost = new URL(url).host === '127.0.0.1:4873';
        expect(found).toEqual(onRegistryHost && (isWrite || alwaysAuth) ? basic : undefined);
      }),
      RUNS,
    );
  });

  it('a token scoped to //host/npm/ never goes to /other/ or /npm2/ on the same host, however the path is spelled', () => {
    const scoped = settingsOf(['//127.0.0.1:4873/npm/']);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SEGMENTS), { maxLength: 6 }), (path) => {
        const url = `http://127.0.0.1:4873/${path.join('/')}`;
        const pathname = new URL(url).pathname;
        expect(credentialsFor(url, true, scoped) !== undefined).toBe(pathname.startsWith('/npm/'));
      }),
      RUNS,
    );
  });
});
