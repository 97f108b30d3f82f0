import { RegistryError, type RegistryErrorDetails } from './registry-error';

/**
 * The registry answered, but with something that cannot be what was asked
 * for (EBADRESPONSE): a manifest of another package or of a version that is
 * not the one resolved, a version that is not semver, a tarball URL that is
 * not a URL. Nothing was written from it.
 */
export class BadResponseError extends RegistryError {
  declare readonly code: 'EBADRESPONSE';

  constructor(message: string, details: RegistryErrorDetails = {}) {
    super('EBADRESPONSE', message, details);
  }
}
