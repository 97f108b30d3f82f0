import { retryBackoff } from 'backoff-rxjs';
import { asyncScheduler, defer, tap } from 'rxjs';
import { redactUrl } from '../auth/redact';
import type { NormalizedLogger } from '../config/logger';
import type { RetrySettings } from '../config/normalized-config';
import type { RegistryError } from '../errors/registry-error';
import type { Interceptor } from '../request/interceptor';
import { retryAfterMs } from '../retry/retry-after';
import { backoffDelay, isReplayable, isRetriedError } from '../retry/retry-policy';

/**
 * Retries what `retry-policy` says is transient, with the seed's exponential
 * backoff or the delay a Retry-After asks for, never longer than maxTimeout.
 * Unsubscribing during the wait cancels the pending retry.
 */
export function retryInterceptor(settings: RetrySettings, log: NormalizedLogger): Interceptor {
  return (req, next) => {
    if (settings.retries === 0 || !isReplayable(req)) return next(req);
    return defer(() => {
      let lastError: unknown;
      let failures = 0;
      const delayFor = (attempt: number) =>
        Math.min(retryAfterMs(lastError, asyncScheduler.now()) ?? backoffDelay(attempt, settings), settings.maxTimeout);
      return next(req).pipe(
        tap({ error: (error) => ((lastError = error), (failures += 1)) }),
        retryBackoff({
          initialInterval: settings.minTimeout,
          maxInterval: settings.maxTimeout,
          maxRetries: settings.retries,
          backoffDelay: (attempt) => delayFor(attempt),
          shouldRetry: (error) => {
            const retry = isRetriedError(error) && isReplayable(req);
            if (retry) {
              const err = error as RegistryError;
              log.warn('retry', `${req.method} ${redactUrl(req.url)} failed with ${err.code}; attempt ${failures + 1} of ${settings.retries + 1} in ${delayFor(failures - 1)}ms`);
            }
            return retry;
          },
        }),
      );
    });
  };
}
