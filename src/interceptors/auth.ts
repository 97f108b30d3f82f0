import { credentialHeader, type AuthSettings } from '../auth/credentials';
import { credentialsFor } from '../auth/credentials-for';
import type { Interceptor } from '../request/interceptor';

/**
 * Adds the credentials chosen for this request's URL (see `credentialsFor`).
 * A request that already carries an authorization header keeps it. Settings
 * are read per request: a login changes them.
 */
export function authInterceptor(settings: () => AuthSettings): Interceptor {
  return (req, next) => {
    if (req.headers.authorization) return next(req);
    const credentials = credentialsFor(req.url, req.isWrite, settings());
    if (!credentials) return next(req);
    const [name, value] = credentialHeader(credentials);
    return next(req.clone({ setHeaders: { [name]: value } }));
  };
}
