import { throwError } from 'rxjs';
import type { OtpPrompt } from '../../index';
import { ask, type AskStreams } from './ask';

/**
 * The client's `otpPrompt`: on a terminal, asks for the code (mentioning the
 * registry's web login page when it offers one); otherwise lets the EOTP
 * error through, whose printed line tells the user to pass `--otp`.
 */
export function otpPrompt(streams: AskStreams, interactive: boolean): OtpPrompt {
  return (error) => {
    if (!interactive) return throwError(() => error);
    const web = error.authUrl ? `Authenticate in your browser: ${error.authUrl}\nor enter` : 'Enter';
    return ask(`This operation requires a one-time password.\n${web} the code from your authenticator: `, streams);
  };
}
