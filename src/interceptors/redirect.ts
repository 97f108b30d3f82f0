import { Readable } from 'node:stream';
import { filter, mergeMap, of, throwError, type Observable } from 'rxjs';
import { errorDetails } from '../errors/error-details';
import { redactUrl } from '../auth/redact';
import { RedirectError } from '../errors/redirect-error';
import type { HttpEvent } from '../request/http-event';
import type { HttpHandler, Interceptor } from '../request/interceptor';
import type { RegistryRequest } from '../request/registry-request';

const MAX_REDIRECTS = 20;

const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

/** Headers that belong to the origin they were meant for. */
const HOST_BOUND_HEADERS = ['authorization', 'cookie', 'npm-otp'];

function isFollowed(req: RegistryRequest, statusCode: number, headers: Readonly<Record<string, string>>): boolean {
  return !req.nofollow && REDIRECT_STATUS.has(statusCode) && Boolean(headers.location);
}

/** Where a Location header points, resolved against the request; one that is not an http(s) URL is refused. */
function redirectTarget(req: RegistryRequest, statusCode: number, location: string): string {
  const url = URL.canParse(location, req.url) ? new URL(location, req.url) : undefined;
  if (url && (url.protocol === 'http:' || url.protocol === 'https:')) return url.toString();
  const shown = JSON.stringify(redactUrl(location).slice(0, 200));
  throw new RedirectError('EREDIRECT', `${req.method} ${errorDetails(req).url} was redirected (${statusCode}) to ${shown}, which is not an http(s) URL`, shown, errorDetails(req, { statusCode }));
}

/**
 * The request to send after a redirect, following fetch's rules for method
 * and body. A body never follows a redirect to another origin (scheme, host
 * and port): it may be a password (adduser, login) or a package the user
 * meant for one registry, and headers can be stripped but a body cannot.
 */
function redirected(req: RegistryRequest, statusCode: number, location: string): RegistryRequest {
  const url = redirectTarget(req, statusCode, location);
  const crossOrigin = new URL(url).origin !== new URL(req.url).origin;
  const toGet = statusCode === 303 || ((statusCode === 301 || statusCode === 302) && req.method === 'POST');
  const refuse = (why: string) => new RedirectError('EREDIRECT', `${req.method} ${errorDetails(req).url} was redirected (${statusCode}) to ${redactUrl(url)}, ${why}`, redactUrl(url), errorDetails(req, { statusCode }));
  if (!toGet && req.body !== undefined && crossOrigin) throw refuse('another origin, and its body is not sent there');
  // A factory makes the body again; a stream already sent cannot be.
  if (!toGet && req.body instanceof Readable) throw refuse('and its stream body cannot be sent again');
  return req.clone({
    url,
    method: toGet ? 'GET' : req.method,
    body: toGet ? undefined : req.body,
    redirects: req.redirects + 1,
    deleteHeaders: [...(crossOrigin ? HOST_BOUND_HEADERS : []), ...(toGet ? ['content-type', 'content-length'] : [])],
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
          const target = redactUrl(redirectTarget(req, event.statusCode, event.headers.location));
          const message = `${req.method} ${errorDetails(req).url}: more than ${MAX_REDIRECTS} redirects, the last to ${target}`;
          return throwError(() => new RedirectError('EMAXREDIRECTS', message, target, errorDetails(req, { statusCode: event.statusCode })));
        }
        return follow(redirected(req, event.statusCode, event.headers.location), next);
      }),
    );
  return follow;
}
