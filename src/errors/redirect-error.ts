import { RegistryError, type RegistryErrorDetails } from './registry-error';

/**
 * A redirect rxnpm will not follow. `code` says why: EREDIRECT (a body that
 * would go to another origin, or a stream that cannot be sent twice),
 * EMAXREDIRECTS (more than 20 in a row). `location` is the target, with any
 * credentials removed.
 */
export class RedirectError extends RegistryError {
  declare readonly code: 'EREDIRECT' | 'EMAXREDIRECTS';
  readonly location: string;

  constructor(code: 'EREDIRECT' | 'EMAXREDIRECTS', message: string, location: string, details: RegistryErrorDetails) {
    super(code, message, details);
    this.location = location;
  }
}
