import type { NormalizedConfig } from '../config/normalized-config';
import { encodeBody, type RequestPayload } from './encode-body';
import { RegistryRequest } from './registry-request';
import { pkgidOf, resolveUrl } from './resolve-url';

/** What a request needs of the settings: where the registries are. */
export type RegistryUrls = Pick<NormalizedConfig, 'registry' | 'scopeRegistries'>;

/**
 * The immutable request value for the seed's `request(method, where, what,
 * etag, nofollow)`: `where` resolved against the registry (or its scope's),
 * `what` encoded, `etag` sent as If-Match on writes and If-None-Match on
 * reads, and the package the URL is about named for the cache and for error
 * messages. Throws `UsageError` on unusable arguments.
 *
 * @example
 * const req = createRequest(config, 'PUT', '/-/package/rxjs/dist-tags/next', '"7.8.2"');
 */
export function createRequest(urls: RegistryUrls, method: string, where: string, what?: RequestPayload | null, etag?: string, nofollow = false): RegistryRequest {
  const url = resolveUrl(where, urls.registry, urls.scopeRegistries);
  const { body, contentType } = encodeBody(what);
  const headers: Record<string, string> = {};
  if (contentType) headers['content-type'] = contentType;
  const pkgid = pkgidOf(url, [urls.registry, ...urls.scopeRegistries.values()]);
  const req = new RegistryRequest({ method, url, headers, body, nofollow, pkgid });
  return etag ? req.clone({ setHeaders: { [req.isWrite ? 'if-match' : 'if-none-match']: etag } }) : req;
}
