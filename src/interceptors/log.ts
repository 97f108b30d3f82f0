import { asyncScheduler, tap } from 'rxjs';
import { redactUrl } from '../auth/redact';
import type { NormalizedLogger } from '../config/logger';
import type { RegistryError } from '../errors/registry-error';
import type { Interceptor } from '../request/interceptor';
import type { CacheStatus } from '../request/registry-response';

/**
 * Logs at `http` level what a read through the cache made of it, in
 * npm-registry-fetch's words: `cache <url> 3ms (cache hit)`, `(cache
 * revalidated)`, `(cache miss)`… A hit never reaches the chain, so this is the
 * only line it gets; a request's own line comes from the log interceptor.
 */
export function logCacheUse(log: NormalizedLogger, url: string, elapsedMs: number, status: CacheStatus): void {
  log.http('cache', `${redactUrl(url)} ${elapsedMs}ms (cache ${status})`);
}

/**
 * Logs every attempt at `http` level (never a header or a body) and shows the
 * registry's `npm-notice` header, as npm does.
 */
export function logInterceptor(log: NormalizedLogger): Interceptor {
  return (req, next) => {
    const url = redactUrl(req.url);
    const start = asyncScheduler.now();
    return next(req).pipe(
      tap({
        next: (event) => {
          if (event.type !== 'response') return;
          log.http('fetch', `${req.method} ${event.statusCode} ${url} ${asyncScheduler.now() - start}ms`);
          if (event.headers['npm-notice']) log.notice('', event.headers['npm-notice']);
        },
        error: (error: RegistryError) => log.http('fetch', `${req.method} ${url} failed: ${error.code ?? error}`),
      }),
    );
  };
}
