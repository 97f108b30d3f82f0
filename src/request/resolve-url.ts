import { UsageError } from '../errors/usage-error';

/** The scope a registry path starts with (`@scope%2fname`, `@scope/name`), if any. */
function scopeOf(path: string): string | undefined {
  return /^(@[^/%]+)(?:%2f|\/)/i.exec(path)?.[1];
}

/**
 * The absolute URL of `where`: an http(s) URL as given, or a path appended to
 * the registry's URL (keeping the registry's own path), using the scope's
 * registry when the path names a scoped package that has one.
 */
export function resolveUrl(where: string, registry: string, scopeRegistries: ReadonlyMap<string, string>): string {
  if (typeof where !== 'string' || where === '') throw new UsageError('where must be a non-empty path or URL');
  if (/^[a-z][a-z0-9+.-]*:/i.test(where)) {
    let url: URL;
    try {
      url = new URL(where);
    } catch {
      throw new UsageError(`not a valid URL: ${JSON.stringify(where)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`only http: and https: URLs can be requested, not ${url.protocol}`);
    // Never sent, but kept in the URL it would end up in cache keys and on disk: credentials go in //host/:_auth keys.
    if (url.username || url.password) throw new UsageError(`the URL of ${url.host}${url.pathname} carries a user name or password; configure them as //${url.host}/:_auth instead`);
    return url.toString();
  }
  const path = where.replace(/^\/+/, '');
  const scope = scopeOf(path);
  const base = (scope && scopeRegistries.get(scope)) || registry;
  let url: URL;
  try {
    url = new URL(path, base);
  } catch {
    throw new UsageError(`not a valid path: ${JSON.stringify(where)}`);
  }
  // The URL parser reads `\\host`, ` //host` or `\t//host` as another host: a path must stay on its registry.
  if (url.origin !== new URL(base).origin) throw new UsageError(`the path ${JSON.stringify(where)} would leave the registry ${new URL(base).origin}`);
  return url.toString();
}

/** A path segment decoded, or `undefined` when it is not valid percent-encoding (decodeURIComponent would throw). */
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The package a registry URL is about: `name` or `@scope/name` from its first path segment(s) under its registry. */
export function pkgidOf(url: string, registries: string | readonly string[]): string | undefined {
  // The longest registry the URL lives under: a scope's registry may sit in a folder of the default one's host.
  const base = [registries].flat().filter((r) => url.startsWith(r)).sort((a, b) => b.length - a.length)[0];
  const path = base ? url.slice(base.length) : new URL(url).pathname.slice(1);
  const segments = path.split(/[?#]/)[0].split('/');
  const named = segments[0] === '-' ? (segments[1] === 'package' ? segments.slice(2) : []) : segments;
  const [first, second] = named.map(decodeSegment);
  if (!first) return undefined;
  if (first.startsWith('@')) return first.includes('/') ? first : second ? `${first}/${second}` : undefined;
  return first;
}
