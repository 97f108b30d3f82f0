import { asyncScheduler, defer, tap } from 'rxjs';
import { redactUrl } from '../auth/redact';
import type { NormalizedLogger } from '../config/logger';
import type { RetrySettings } from '../config/normalized-config';
import { RegistryError } from '../errors/registry-error';
import type { Interceptor } from '../request/interceptor';
import { retryAfterMs } from '../retry/retry-after';
import { backoffDelay, isReplayable, isRetriedError } from '../retry/retry-policy';
import { retryWithBackoff } from '../retry/retry-with-backoff';

/**
 * Retries what `retry-policy` says is transient, with the seed's exponential
 * backoff or the delay a Retry-After asks for, never longer than maxTimeout.
 * Unsubscribing during the wait cancels the pending retry. A streamed
 * response whose chunks have started to reach the subscriber is not retried:
 * a second attempt would send its bytes again after the first one's.
 */
export function retryInterceptor(settings: RetrySettings, log: NormalizedLogger): Interceptor {
  return (req, next) => {
    if (settings.retries === 0 || !isReplayable(req)) return next(req);
    return defer(() => {
      let streamed = false;
      // `defer`: each attempt calls `next` again, so the interceptors below and the
      // transport get a fresh request instead of a resubscription of the first one.
      return defer(() => next(req)).pipe(
        tap((event) => {
          if (event.type === 'download-progress' && event.chunk) streamed = true;
        }),
        retryWithBackoff({
          maxRetries: settings.retries,
          shouldRetry: (error) => !streamed && isRetriedError(error) && isReplayable(req),
          delay: (error, attempt) =>
            Math.min(retryAfterMs(error, asyncScheduler.now()) ?? backoffDelay(attempt, settings), settings.maxTimeout),
          onRetry: (error, attempt, delay) =>
            log.warn('retry', `${req.method} ${redactUrl(req.url)} failed with ${error instanceof RegistryError ? error.code : String(error)}; attempt ${attempt + 2} of ${settings.retries + 1} in ${delay}ms`),
        }),
      );
    });
  };
}
