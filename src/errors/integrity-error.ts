import { RegistryError, type RegistryErrorDetails } from './registry-error';

/**
 * A tarball cannot be trusted (EINTEGRITY): its bytes do not match the
 * manifest's hash, or the manifest offers no hash rxnpm accepts (only
 * sha512, sha384, sha256, and sha1 when nothing stronger is given).
 */
export class IntegrityError extends RegistryError {
  declare readonly code: 'EINTEGRITY';

  constructor(message: string, details: RegistryErrorDetails = {}) {
    super('EINTEGRITY', message, details);
  }
}
