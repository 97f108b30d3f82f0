import { RegistryError, type RegistryErrorDetails } from './registry-error';

/**
 * `EBADENCODING`: the body does not decode as its Content-Encoding says (a
 * truncated or corrupt gzip, say); retried like a body that ended early.
 * `EUNKNOWNENCODING`: the body is in a coding rxnpm cannot decode (or in more
 * of them than it will undo); not retried, the next answer would be the same.
 * Either way a buffered response delivers none of the body.
 *
 * @example
 * client.get('/rxjs').subscribe({
 *   error: (err) => { if (err instanceof BadEncodingError) console.error(err.code, err.encoding); },
 * });
 */
export class BadEncodingError extends RegistryError {
  declare readonly code: 'EBADENCODING' | 'EUNKNOWNENCODING';
  /** The Content-Encoding header as the server sent it. */
  readonly encoding: string;

  constructor(code: 'EBADENCODING' | 'EUNKNOWNENCODING', encoding: string, reason: string, details: RegistryErrorDetails) {
    super(code, `${details.method} ${details.url}: ${reason} (content-encoding: ${JSON.stringify(encoding)})`, details);
    this.encoding = encoding;
  }
}
