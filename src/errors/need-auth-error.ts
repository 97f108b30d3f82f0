import { RegistryError, type RegistryErrorDetails } from './registry-error';

/**
 * The operation needs credentials (ENEEDAUTH): there are none for the
 * registry, or the registry does not know the ones sent (`whoami` answered
 * 401, or with no user name). Log in (`adduser`) or configure a token.
 *
 * @example
 * client.whoami().subscribe({ error: (err) => err instanceof NeedAuthError && console.error('log in first') });
 */
export class NeedAuthError extends RegistryError {
  declare readonly code: 'ENEEDAUTH';

  constructor(message: string, details: RegistryErrorDetails = {}) {
    super('ENEEDAUTH', message, details);
  }
}
