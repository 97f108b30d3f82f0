import { RegistryError, type ErrorCode, type RegistryErrorDetails } from '../../index';

/**
 * A failure of the command line itself (a bad argument, a tarball without
 * package.json), with a code from the library's catalogue (`ERROR_CODES`).
 */
export class CliError extends RegistryError {
  /**
   * The command printed its result before failing (an audit's findings): the
   * error sets the exit code and says why on stderr, and `--json` adds no
   * error object to the JSON already on stdout.
   */
  readonly reported: boolean;

  constructor(code: ErrorCode, message: string, details: RegistryErrorDetails = {}, { reported = false } = {}) {
    super(code, message, details);
    this.reported = reported;
  }
}
