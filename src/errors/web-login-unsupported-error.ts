import { RegistryError, type RegistryErrorDetails } from './registry-error';

/** The registry has no web login, and no classic login was offered to fall back on (ENOWEBLOGIN). */
export class WebLoginUnsupportedError extends RegistryError {
  declare readonly code: 'ENOWEBLOGIN';

  constructor(message: string, details: RegistryErrorDetails = {}) {
    super('ENOWEBLOGIN', message, details);
  }
}
