import { defer, finalize, ReplaySubject, share, Subject, type Observable } from 'rxjs';

/**
 * Subscribers to the same key while a first one is in flight share its
 * subscription: one request, one cache write. The shared work is torn down
 * when the last subscriber leaves, and a failure is not remembered: the next
 * subscriber starts afresh. With `replay`, a subscriber who joins late gets
 * the latest value at once (long-lived streams such as `watch`).
 */
export function coalesce<T>(inflight: Map<string, Observable<T>>, key: string, work: () => Observable<T>, { replay = false } = {}): Observable<T> {
  return defer(() => {
    const running = inflight.get(key);
    if (running) return running;
    const shared: Observable<T> = work().pipe(
      finalize(() => {
        if (inflight.get(key) === shared) inflight.delete(key);
      }),
      share({ connector: () => (replay ? new ReplaySubject<T>(1) : new Subject<T>()) }),
    );
    inflight.set(key, shared);
    return shared;
  });
}
