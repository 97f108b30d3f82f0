import { asyncScheduler, concat, concatMap, defer, distinctUntilChanged, map, repeat, timer, type Observable } from 'rxjs';
import { HttpError } from '../errors/http-error';
import { RegistryError } from '../errors/registry-error';
import { UsageError } from '../errors/usage-error';
import { retryAfterMs } from '../retry/retry-after';
import { backoffDelay, isRetriedError } from '../retry/retry-policy';
import { retryWithBackoff } from '../retry/retry-with-backoff';
import { asResponseOf, type RegistryResponse } from '../request/registry-response';
import { coalesce } from '../cache/coalesce';
import { packagePath } from '../spec/package-path';
import { get } from './get';
import type { OperationContext } from './operation-context';

export interface WatchOptions {
  /** Milliseconds between polls. Default 30 000. */
  interval?: number;
  /** Watch the full packument instead of the abbreviated one. Default false. */
  fullMetadata?: boolean;
}

export const DEFAULT_WATCH_INTERVAL = 30_000;

/** A Retry-After longer than this is taken as a mistake, not a reason to go quiet for days. */
const LONGEST_RETRY_AFTER = 60 * 60_000;

/**
 * A live view of a package: emits its packument now, then polls with
 * conditional requests every `interval` ms and emits only when the document
 * changed. Transient failures (network, 429, 5xx) are retried with backoff, or
 * after the Retry-After the registry asked for, and never end the watch; a
 * 404 does. All subscribers of the same package share one poll, and late ones
 * get the latest document at once; the last to unsubscribe stops it.
 *
 * @example
 * client.watch('rxjs').pipe(map(({ data }) => data['dist-tags'].latest)).subscribe(render);
 */
export function watch<T = unknown>(ctx: OperationContext, name: string, options: WatchOptions = {}): Observable<RegistryResponse<T>> {
  return defer(() => {
    const interval = options.interval ?? DEFAULT_WATCH_INTERVAL;
    if (typeof interval !== 'number' || !(interval > 0)) throw new UsageError(`watch: interval must be a positive number of ms, got ${JSON.stringify(options.interval)}`);
    const fullMetadata = options.fullMetadata ?? false;
    const path = packagePath(name);
    const key = `${fullMetadata}:${interval}:${path}`;
    return coalesce(ctx.inflight.watches, key, () => poll(ctx, path, interval, fullMetadata), { replay: true }).pipe(map(asResponseOf<T>));
  });
}

function poll(ctx: OperationContext, path: string, interval: number, fullMetadata: boolean): Observable<RegistryResponse> {
  const { retry } = ctx.config;
  const current = get(ctx, path, { fullMetadata });
  const next = timer(interval).pipe(
    concatMap(() => get(ctx, path, { fullMetadata, preferOnline: true })),
    repeat(),
  );
  // A poll answered 304 carries the same text as the last emission, so it is dropped below with the unchanged 200s.
  return concat(current, next).pipe(
    retryWithBackoff({
      maxRetries: Number.POSITIVE_INFINITY,
      resetOnSuccess: true,
      shouldRetry: (error) => isRetriedError(error) && !(error instanceof HttpError && error.statusCode === 404),
      delay: (error, attempt) =>
        Math.min(retryAfterMs(error, asyncScheduler.now()) ?? backoffDelay(attempt, retry), LONGEST_RETRY_AFTER),
      onRetry: (error, _attempt, delay) => ctx.config.log.warn('watch', `${path}: ${error instanceof RegistryError ? error.code : String(error)}; polling again in ${delay}ms`),
    }),
    distinctUntilChanged((a, b) => a.raw === b.raw),
  );
}
