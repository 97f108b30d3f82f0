import { tap } from 'rxjs';
import type { RegistryUrls } from '../request/create-request';
import type { Interceptor } from '../request/interceptor';
import type { DocumentCache } from './document-cache';
import { packageDocumentKeys } from './document-keys';

/**
 * After a successful write to a package, makes `cache` forget the package's
 * documents, so the next `get` cannot return the document from before the
 * write. It sits above redirect, so a redirected write counts once, by its
 * final answer.
 */
export function invalidateInterceptor(cache: Pick<DocumentCache, 'invalidate'>, urls: RegistryUrls): Interceptor {
  return (req, next) => {
    const { pkgid } = req;
    if (!req.isWrite || pkgid === undefined) return next(req);
    return next(req).pipe(
      tap((event) => {
        if (event.type === 'response' && event.statusCode < 300) cache.invalidate(pkgid, packageDocumentKeys(pkgid, urls));
      }),
    );
  };
}
