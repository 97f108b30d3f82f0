import { catchError, from, isObservable, mergeMap, of, take, throwError, type Observable } from 'rxjs';
import { OtpRequiredError } from '../errors/otp-required-error';
import type { Interceptor } from '../request/interceptor';
import { canResendBody } from '../retry/retry-policy';

/** Asks the user for a one-time password; given the error, which may carry `authUrl`/`doneUrl`. */
export type OtpPrompt = (error: OtpRequiredError) => Observable<string> | Promise<string> | string;

function codeFrom(answer: Observable<string> | Promise<string> | string): Observable<string> {
  return isObservable(answer) ? answer.pipe(take(1)) : typeof answer === 'string' ? of(answer) : from(answer);
}

/**
 * Two-factor authentication: sends the configured one-time password with
 * writes; when the registry still answers EOTP, asks `prompt` for a code and
 * repeats the request once with it. Without a prompt (or when the body cannot
 * be sent again) the OtpRequiredError reaches the subscriber.
 */
export function otpInterceptor(otp: string | undefined, prompt: OtpPrompt | undefined): Interceptor {
  return (req, next) => {
    const first = otp && req.isWrite && !req.headers['npm-otp'] ? req.clone({ setHeaders: { 'npm-otp': otp } }) : req;
    return next(first).pipe(
      catchError((error: unknown) => {
        if (!(error instanceof OtpRequiredError) || !prompt || !canResendBody(req)) return throwError(() => error);
        return codeFrom(prompt(error)).pipe(mergeMap((code) => next(req.clone({ setHeaders: { 'npm-otp': String(code).trim() } }))));
      }),
    );
  };
}
