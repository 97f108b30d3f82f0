import type { Interceptor } from '../request/interceptor';

/** The headers every request carries unless the caller set them: user-agent and a JSON accept. */
export function headersInterceptor(userAgent: string): Interceptor {
  return (req, next) => {
    const setHeaders: Record<string, string> = {};
    if (!req.headers['user-agent']) setHeaders['user-agent'] = userAgent;
    if (!req.headers.accept) setHeaders.accept = 'application/json';
    return next(Object.keys(setHeaders).length ? req.clone({ setHeaders }) : req);
  };
}
