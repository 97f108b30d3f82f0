import { RegistryError, type RegistryErrorDetails } from './registry-error';

/** Offline mode, and the cache has no copy of what was asked for (ENOTCACHED). */
export class NotCachedError extends RegistryError {
  declare readonly code: 'ENOTCACHED';

  constructor(details: RegistryErrorDetails) {
    super('ENOTCACHED', `${details.method} ${details.url}: not in the cache, and offline mode forbids a request`, details);
  }
}
