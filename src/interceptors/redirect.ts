import { Readable } from 'node:stream';
import { filter, mergeMap, of, throwError, type Observable } from 'rxjs';
import { errorDetails } from '../errors/error-details';
import { RegistryError } from '../errors/registry-error';
import type { HttpEvent } from '../request/http-event';
import type { HttpHandler, Interceptor } from '../request/interceptor';
import type { RegistryRequest } from '../request/registry-request';

export const MAX_REDIRECTS = 20;

const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

/** Headers that belong to the host they were meant for. */
const HOST_BOUND_HEADERS = ['authorization', 'cookie', 'npm-otp'];

function isFollowed(req: RegistryRequest, statusCode: number, headers: Readonly<Record<string, string>>): boolean {
  return !req.nofollow && REDIRECT_STATUS.has(statusCode) && Boolean(headers.location);
}

/** The request to send after a redirect, following fetch's rules for method and body. */
function redirected(req: RegistryRequest, statusCode: number, location: string): RegistryRequest {
  const url = new URL(location, req.url).toString();
  const crossHost = new URL(url).host !== new URL(req.url).host;
  const toGet = statusCode === 303 || ((statusCode === 301 || statusCode === 302) && req.method === 'POST');
  // A factory makes the body again; a stream already sent cannot be.
  if (!toGet && req.body instanceof Readable) {
    throw new RegistryError('EREDIRECT', `${req.method} ${errorDetails(req).url} was redirected, and its stream body cannot be sent again`, errorDetails(req, { statusCode }));
  }
  return req.clone({
    url,
    method: toGet ? 'GET' : req.method,
    body: toGet ? undefined : req.body,
    redirects: req.redirects + 1,
    deleteHeaders: [...(crossHost ? HOST_BOUND_HEADERS : []), ...(toGet ? ['content-type', 'content-length'] : [])],
  });
}

/**
 * Follows up to 20 redirects unless the request says `nofollow`. Each hop goes
 * through the rest of the chain again, so credentials are chosen for the new
 * URL, and headers the caller set for one host are not sent to another.
 */
export function redirectInterceptor(): Interceptor {
  const follow = (req: RegistryRequest, next: HttpHandler): Observable<HttpEvent> =>
    next(req).pipe(
      filter((event) => event.type !== 'headers' || !isFollowed(req, event.statusCode, event.headers)),
      mergeMap((event) => {
        if (event.type !== 'response' || !isFollowed(req, event.statusCode, event.headers)) return of(event);
        if (req.redirects >= MAX_REDIRECTS) {
          return throwError(() => new RegistryError('EMAXREDIRECTS', `${req.method} ${errorDetails(req).url}: more than ${MAX_REDIRECTS} redirects`, errorDetails(req, { statusCode: event.statusCode })));
        }
        return follow(redirected(req, event.statusCode, event.headers.location), next);
      }),
    );
  return follow;
}
