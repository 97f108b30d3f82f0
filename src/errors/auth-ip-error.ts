import { HttpError, type HttpErrorDetails } from './http-error';

/** The registry refused the credentials from this IP address (EAUTHIP). */
export class AuthIpError extends HttpError {
  declare readonly code: 'EAUTHIP';

  constructor(message: string, details: HttpErrorDetails) {
    super(message, details, 'EAUTHIP');
  }
}
