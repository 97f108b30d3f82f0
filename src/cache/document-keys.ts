import { packagePath } from '../spec/package-path';
import type { RegistryUrls } from '../request/create-request';
import { resolveUrl } from '../request/resolve-url';
import type { DocumentVariant } from './cache-entry';
import { cacheKey } from './cache-key';

/** The store key of each variant of the document at `url`: a GET keeps them apart, a write forgets them all. */
export function documentKeys(url: string): Readonly<Record<DocumentVariant, string>> {
  return { full: cacheKey(url, 'full'), corgi: cacheKey(url, 'corgi') };
}

/**
 * The store keys of a package's own document (its packument), every variant,
 * at the registry that serves the package. None when `pkgid` is not a package
 * name (a path the caller wrote by hand): the write marker covers it.
 */
export function packageDocumentKeys(pkgid: string, urls: RegistryUrls): string[] {
  let url: string;
  try {
    url = resolveUrl(packagePath(pkgid), urls.registry, urls.scopeRegistries);
  } catch {
    return [];
  }
  return Object.values(documentKeys(url));
}
