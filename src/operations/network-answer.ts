import type { CachedDocument } from '../cache/cache-entry';
import type { CacheStatus, RegistryResponse } from '../request/registry-response';

/**
 * What the shared network step of a GET yields to each of its subscribers:
 * the document as the cache now holds it, or a response not to be cached.
 */
export interface NetworkAnswer {
  readonly doc?: CachedDocument;
  readonly response?: RegistryResponse;
  readonly status: CacheStatus;
}
