import { filter, mergeMap, takeUntil, throwError, timeout, timer, type MonoTypeOperatorFunction } from 'rxjs';
import { errorDetails } from '../errors/error-details';
import { TimeoutError } from '../errors/timeout-error';
import type { HttpEvent } from '../request/http-event';
import type { Interceptor } from '../request/interceptor';
import type { RegistryRequest } from '../request/registry-request';

/**
 * How many times `fetch-timeout` one attempt may last in all. The idle bound
 * alone lets a server that sends a byte just inside every `fetch-timeout` hold
 * a request forever; this bound still lets a large tarball come slowly.
 */
export const WHOLE_REQUEST_FACTOR = 10;

/**
 * The transport reports every wire chunk, as a sign of life for the idle
 * bound; past this interceptor only the progress a request asked for goes on
 * (and a streamed body's chunks, which are its data).
 */
function askedFor(req: RegistryRequest): MonoTypeOperatorFunction<HttpEvent> {
  return filter((event) => req.reportProgress || event.type !== 'download-progress' || event.chunk !== undefined);
}

/**
 * Fails with ETIMEDOUT when the transport goes `ms` without a sign of life
 * (no headers, then no body chunk, then no end), and when one attempt has not
 * ended after `WHOLE_REQUEST_FACTOR × ms` whatever it sends. 0 waits forever.
 * Both run on the RxJS scheduler, so virtual time controls them in tests.
 */
export function timeoutInterceptor(ms: number): Interceptor {
  if (ms === 0) return (req, next) => next(req).pipe(askedFor(req));
  const whole = ms * WHOLE_REQUEST_FACTOR;
  return (req, next) => {
    // A notifier that only errors: takeUntil passes its error on, and drops it once the request ends.
    const deadline = timer(whole).pipe(mergeMap(() => throwError(() => new TimeoutError(whole, errorDetails(req), 'whole'))));
    return next(req).pipe(
      timeout({ each: ms, with: () => throwError(() => new TimeoutError(ms, errorDetails(req))) }),
      takeUntil(deadline),
      askedFor(req),
    );
  };
}
