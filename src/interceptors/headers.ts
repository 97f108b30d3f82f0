import type { Interceptor } from '../request/interceptor';
import { ACCEPT_ENCODING } from '../transport/content-decoders';

/**
 * The headers every request carries unless the caller set them: user-agent,
 * a JSON accept, and the compression the transport decodes (a packument is a
 * tenth of its size gzipped). A tarball asks for `identity` itself.
 */
export function headersInterceptor(userAgent: string): Interceptor {
  return (req, next) => {
    const setHeaders: Record<string, string> = {};
    if (!req.headers['user-agent']) setHeaders['user-agent'] = userAgent;
    if (!req.headers.accept) setHeaders.accept = 'application/json';
    if (!req.headers['accept-encoding']) setHeaders['accept-encoding'] = ACCEPT_ENCODING;
    return next(Object.keys(setHeaders).length ? req.clone({ setHeaders }) : req);
  };
}
