import { tap } from 'rxjs';
import type { Interceptor } from '../request/interceptor';
import type { RegistryRequest } from '../request/registry-request';

/**
 * After a successful write to a package, tells the cache to forget it, so the
 * next `get` cannot return the document from before the write.
 */
export function invalidateInterceptor(invalidate: (req: RegistryRequest) => void): Interceptor {
  return (req, next) =>
    !req.isWrite || req.pkgid === undefined
      ? next(req)
      : next(req).pipe(tap((event) => event.type === 'response' && event.statusCode < 300 && invalidate(req)));
}
