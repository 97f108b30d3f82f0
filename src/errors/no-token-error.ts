import { RegistryError, type RegistryErrorDetails } from './registry-error';

/** The registry accepted a login but sent no token to use from then on (ENOTOKEN). */
export class NoTokenError extends RegistryError {
  declare readonly code: 'ENOTOKEN';

  constructor(message: string, details: RegistryErrorDetails = {}) {
    super('ENOTOKEN', message, details);
  }
}
