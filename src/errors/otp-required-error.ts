import { ownValue } from '../util/own-record';
import { HttpError, type HttpErrorDetails } from './http-error';

/**
 * The registry wants a one-time password (EOTP). Repeat the request with
 * `otp` set, or give the client an `otpPrompt`. `authUrl`/`doneUrl` are present
 * when the registry offers web-based two-factor authentication.
 */
export class OtpRequiredError extends HttpError {
  declare readonly code: 'EOTP';
  readonly authUrl?: string;
  readonly doneUrl?: string;

  constructor(message: string, details: HttpErrorDetails) {
    super(message, details, 'EOTP');
    const authUrl = ownValue(details.body, 'authUrl');
    const doneUrl = ownValue(details.body, 'doneUrl');
    if (typeof authUrl === 'string') this.authUrl = authUrl;
    if (typeof doneUrl === 'string') this.doneUrl = doneUrl;
  }
}
