import { asyncScheduler, tap } from 'rxjs';
import { redactUrl } from '../auth/redact';
import type { NormalizedLogger } from '../config/logger';
import type { RegistryError } from '../errors/registry-error';
import type { Interceptor } from '../request/interceptor';

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
