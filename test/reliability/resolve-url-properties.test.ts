import fc from 'fast-check';
import { UsageError } from '../../src/errors/usage-error';
import { resolveUrl } from '../../src/request/resolve-url';

const RUNS = { numRuns: 200 };

const REGISTRY = 'http://127.0.0.1:4873/npm/';
const SCOPE_REGISTRY = 'https://scoped.test/registry/';
const SCOPES: ReadonlyMap<string, string> = new Map([['@scope', SCOPE_REGISTRY]]);
const ORIGINS = [new URL(REGISTRY).origin, new URL(SCOPE_REGISTRY).origin];

/** Pieces of paths that have fooled URL joiners: slashes of both kinds, dots, encodings, controls, authority markers. */
const FRAGMENTS = [
  '/', '//', '\\', '\\\\', '.', '..', '%2e', '%2e%2e', '%2f', '%5c', '%00', '\t', '\n', '\r', ' ', '\u0000', '\u00a0',
  '@', ':', '?', '#', '%', '%zz', 'evil.test', '127.0.0.2', 'x', 'pkg', '@scope', '@scope%2fname', '-', 'http:', 'https:', 'javascript:',
];

/** What resolveUrl did: the URL, or the error it threw. */
function attempt(where: unknown): { url?: string; error?: unknown } {
  try {
    return { url: resolveUrl(where as string, REGISTRY, SCOPES) };
  } catch (error) {
    return { error };
  }
}

describe('resolveUrl, property-based', () => {
  it('a path made of hostile fragments stays on the registry\'s origin (or a scope registry\'s), or is a UsageError', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 8 }), (pieces) => {
        const where = pieces.join('');
        // A string with a scheme is an absolute URL, which has its own property below.
        fc.pre(!/^[a-z][a-z0-9+.-]*:/i.test(where));
        const { url, error } = attempt(where);
        if (error !== undefined) {
          expect(error).toBeInstanceOf(UsageError);
          return;
        }
        expect(ORIGINS).toContain(new URL(url!).origin);
      }),
      RUNS,
    );
  });

  it.each([
    ['two backslashes', '\\\\evil.test/x'],
    ['a slash and a backslash after the stripped slashes', '/\\/evil.test/x'],
    ['a tab before two slashes', '\t//evil.test/x'],
    ['a space before two slashes', ' //evil.test/x'],
    ['a newline inside two slashes', '/\n/evil.test/x'],
    ['two backslashes and nothing else', '\\\\'],
  ])('a path with %s does not leave the registry', (_what, where) => {
    const { url, error } = attempt(where);
    if (error !== undefined) expect(error).toBeInstanceOf(UsageError);
    else expect(new URL(url!).origin).toBe(new URL(REGISTRY).origin);
  });

  it('a path that names no scope registry stays under the registry\'s origin, with the registry\'s path kept when it has no dots', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9_-]{1,10}$/), { minLength: 1, maxLength: 5 }), (segments) => {
        const url = resolveUrl(`/${segments.join('/')}`, REGISTRY, SCOPES);
        expect(url).toBe(`${REGISTRY}${segments.join('/')}`);
      }),
      RUNS,
    );
  });

  it('an absolute http(s) URL keeps its own origin', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true }), (where) => {
        const { url, error } = attempt(where);
        expect(error).toBeUndefined();
        expect(new URL(url!).origin).toBe(new URL(where).origin);
      }),
      RUNS,
    );
  });

  it('never throws anything but a UsageError, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme-ascii' }), fc.anything({ withBigInt: true, withNullPrototype: true })), (where) => {
        const { error } = attempt(where);
        if (error !== undefined) expect(error).toBeInstanceOf(UsageError);
      }),
      RUNS,
    );
  });

  it('URLs of other schemes are a UsageError', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['ftp', 'file', 'ws', 'javascript', 'data', 'git+ssh'] }), (where) => {
        expect(attempt(where).error).toBeInstanceOf(UsageError);
      }),
      { numRuns: 50 },
    );
  });
});
