import { retryBackoff } from 'backoff-rxjs';
import { defer, tap, type MonoTypeOperatorFunction } from 'rxjs';

export interface BackoffOptions {
  readonly maxRetries: number;
  /** Whether this failure is worth another try. */
  readonly shouldRetry: (error: unknown) => boolean;
  /** Milliseconds to wait before retry number `attempt` (from 0) after `error`. */
  readonly delay: (error: unknown, attempt: number) => number;
  /** Start counting again after a value gets through (long-lived streams). */
  readonly resetOnSuccess?: boolean;
  readonly onRetry?: (error: unknown, attempt: number, delay: number) => void;
}

/**
 * backoff-rxjs's `retryBackoff`, given the failure itself when it picks the
 * delay (its own delay function sees only the attempt number), so a
 * Retry-After can set it. The wait is an RxJS timer: unsubscribing cancels it,
 * and virtual time controls it.
 */
export function retryWithBackoff<T>(options: BackoffOptions): MonoTypeOperatorFunction<T> {
  return (source) =>
    defer(() => {
      let lastError: unknown;
      let lastDelay = 0;
      let lastAttempt = 0;
      return source.pipe(
        tap({ error: (error: unknown) => (lastError = error) }),
        retryBackoff({
          initialInterval: 0,
          maxRetries: options.maxRetries,
          resetOnSuccess: options.resetOnSuccess ?? false,
          backoffDelay: (attempt) => {
            lastAttempt = attempt;
            lastDelay = options.delay(lastError, attempt);
            return lastDelay;
          },
          shouldRetry: (error: unknown) => {
            const retry = options.shouldRetry(error);
            if (retry) options.onRetry?.(error, lastAttempt, lastDelay);
            return retry;
          },
        }),
      );
    });
}
