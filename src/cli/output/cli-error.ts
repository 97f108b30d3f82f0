/** A failure of the command line itself (a bad argument, a tarball without package.json), with a stable code. */
export class CliError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'CliError';
    this.code = code;
  }
}
