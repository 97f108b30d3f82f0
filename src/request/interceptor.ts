import type { Observable } from 'rxjs';
import type { HttpEvent } from './http-event';
import type { RegistryRequest } from './registry-request';

/** Sends a request on and returns its events. */
export type HttpHandler = (req: RegistryRequest) => Observable<HttpEvent>;

/**
 * One link of the request chain: look at or change (by cloning) the request,
 * call `next`, and look at or change what comes back.
 *
 * @example
 * const addSession: Interceptor = (req, next) =>
 *   next(req.clone({ setHeaders: { 'npm-session': sessionId } }));
 */
export type Interceptor = (req: RegistryRequest, next: HttpHandler) => Observable<HttpEvent>;
