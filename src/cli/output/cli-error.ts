import { RegistryError, type ErrorCode, type RegistryErrorDetails } from '../../index';

/**
 * A failure of the command line itself (a bad argument, a tarball without
 * package.json), with a code from the library's catalogue (`ERROR_CODES`).
 */
export class CliError extends RegistryError {
  constructor(code: ErrorCode, message: string, details: RegistryErrorDetails = {}) {
    super(code, message, details);
  }
}
