import type { HttpStatusErrorCode } from './error-code';
import { RegistryError, type RegistryErrorDetails } from './registry-error';

export interface HttpErrorDetails extends RegistryErrorDetails {
  readonly statusCode: number;
  /** Response headers, lower-case; `set-cookie` is never kept. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** `E<status>`, or the code of a status the registry gave a meaning of its own. */
export type HttpErrorCode = HttpStatusErrorCode | 'EOTP' | 'EAUTHIP' | 'EPUBLISHCONFLICT';

/** The registry answered with a status of 400 or more. `code` is `E<status>`, e.g. `E404`. */
export class HttpError extends RegistryError {
  declare readonly code: HttpErrorCode;
  declare readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;

  constructor(message: string, details: HttpErrorDetails, code: HttpErrorCode = `E${details.statusCode}`) {
    super(code, message, details);
    this.headers = details.headers ?? {};
  }
}
