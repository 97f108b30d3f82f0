import type { Observable } from 'rxjs';

/** Everything a subscriber saw of one Observable until it ended. */
export interface Outcome<T> {
  readonly values: T[];
  readonly errors: unknown[];
  readonly completed: boolean;
}

/**
 * Subscribes once and resolves when the Observable errors or completes, with
 * every value and error it delivered. Gives up (unsubscribing) after `ms`, so
 * a stream that never ends fails the test instead of hanging it.
 */
export function outcomeOf<T>(source: Observable<T>, ms = 10_000): Promise<Outcome<T>> {
  const values: T[] = [];
  const errors: unknown[] = [];
  return new Promise((resolve, reject) => {
    let completed = false;
    const timer = setTimeout(() => {
      subscription.unsubscribe();
      reject(new Error(`the Observable neither errored nor completed within ${ms}ms (${values.length} values so far)`));
    }, ms);
    const subscription = source.subscribe({
      next: (value) => values.push(value),
      error: (error: unknown) => {
        errors.push(error);
        clearTimeout(timer);
        // A turn later, so a second notification (there must be none) would be seen too.
        setImmediate(() => resolve({ values, errors, completed }));
      },
      complete: () => {
        completed = true;
        clearTimeout(timer);
        setImmediate(() => resolve({ values, errors, completed }));
      },
    });
  });
}
