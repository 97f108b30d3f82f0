import { throwError, timeout } from 'rxjs';
import { errorDetails } from '../errors/error-details';
import { TimeoutError } from '../errors/timeout-error';
import type { Interceptor } from '../request/interceptor';

/**
 * Fails with ETIMEDOUT when the transport goes `ms` without a sign of life:
 * no headers, and then no body bytes. 0 waits forever. It runs on the RxJS
 * scheduler, so virtual time controls it in tests.
 */
export function timeoutInterceptor(ms: number): Interceptor {
  if (ms === 0) return (req, next) => next(req);
  return (req, next) =>
    next(req).pipe(timeout({ each: ms, with: () => throwError(() => new TimeoutError(ms, errorDetails(req))) }));
}
