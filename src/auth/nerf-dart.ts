/**
 * The key npm files per-registry settings under: `//host[:port]/path/`, the URL
 * without protocol, query or last path segment. Keys written without the
 * trailing slash mean the same folder.
 *
 * @example nerfDart('https://r.example/npm/rxjs') === '//r.example/npm/'
 */
export function nerfDart(url: string): string {
  const parsed = new URL(url);
  const folder = parsed.pathname.endsWith('/') ? parsed.pathname : parsed.pathname.replace(/[^/]*$/, '');
  return `//${parsed.host}${folder}`;
}

/** A per-registry key prefix as written in `.npmrc`, with the trailing slash made explicit. */
export function normalizeNerfDart(prefix: string): string {
  return prefix.endsWith('/') ? prefix : `${prefix}/`;
}

/** The enclosing folders of a nerf-dart, longest first, ending at `//host/`. */
export function nerfDartAncestors(dart: string): string[] {
  const out = [dart];
  let current = dart;
  while (current.indexOf('/', 2) < current.length - 1) {
    current = current.slice(0, current.lastIndexOf('/', current.length - 2) + 1);
    out.push(current);
  }
  return out;
}
