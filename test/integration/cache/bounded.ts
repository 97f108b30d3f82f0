import type { Observable, Subscription } from 'rxjs';

/** Resolves as `promise` does, or fails naming `what` after `ms`: a broken stream fails the test instead of hanging it. */
export async function within<T>(promise: Promise<T>, ms: number, what: string | (() => string)): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up after ${ms}ms waiting for ${typeof what === 'string' ? what : what()}`)), ms);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves after `ms`: only for giving something that must NOT happen a chance to happen. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Subscribes to `source` and keeps what it emits, so a test can wait for the
 * n-th value or the error, each wait bounded.
 */
export interface Recorder<T> {
  readonly values: readonly T[];
  /** The `n`-th value (1-based). */
  value(n: number, ms?: number): Promise<T>;
  /** The error the stream ends with; fails if it completes instead or nothing comes within `ms`. */
  error(ms?: number): Promise<unknown>;
  unsubscribe(): void;
}

type Ending = { kind: 'error'; error: unknown } | { kind: 'complete' };

export function record<T>(source: Observable<T>): Recorder<T> {
  const values: T[] = [];
  let ending: Ending | undefined;
  const changed = new Set<() => void>();
  const notify = () => changed.forEach((wake) => wake());
  const subscription: Subscription = source.subscribe({
    next: (value) => {
      values.push(value);
      notify();
    },
    error: (error: unknown) => {
      ending = { kind: 'error', error };
      notify();
    },
    complete: () => {
      ending = { kind: 'complete' };
      notify();
    },
  });
  /** Resolves with `check()`'s first defined answer, re-checked after every event. */
  function until<R>(check: () => R | undefined, ms: number, what: string): Promise<R> {
    let now: R | undefined;
    try {
      now = check();
    } catch (error) {
      return Promise.reject(error);
    }
    if (now !== undefined) return Promise.resolve(now);
    let wake!: () => void;
    const settled = new Promise<R>((resolve, reject) => {
      wake = () => {
        try {
          const answer = check();
          if (answer !== undefined) resolve(answer);
        } catch (error) {
          reject(error);
        }
      };
      changed.add(wake);
    });
    return within(settled, ms, () => `${what} (have ${values.length} values${ending ? `, stream ended: ${ending.kind}` : ''})`).finally(() => changed.delete(wake));
  }
  return {
    values,
    value: (n, ms = 3000) =>
      until(() => {
        if (values.length >= n) return { value: values[n - 1] };
        if (ending?.kind === 'error') throw ending.error;
        if (ending) throw new Error(`the stream completed after ${values.length} values, before value ${n}`);
        return undefined;
      }, ms, `value ${n}`).then(({ value }) => value),
    error: (ms = 3000) =>
      until(() => {
        if (ending?.kind === 'error') return { error: ending.error };
        if (ending) throw new Error(`expected an error, but the stream completed after ${values.length} values`);
        return undefined;
      }, ms, 'an error').then(({ error }) => error),
    unsubscribe: () => subscription.unsubscribe(),
  };
}

/** Resolves once `check()` is true, checking every few ms; fails naming `what` after `ms`. */
export async function eventually(check: () => boolean, ms: number, what: string): Promise<void> {
  let gaveUp = false;
  try {
    await within(
      (async () => {
        while (!gaveUp && !check()) await pause(5);
      })(),
      ms,
      what,
    );
  } finally {
    gaveUp = true;
  }
}
