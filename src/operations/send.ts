import { filter, map, mergeMap, of, type Observable } from 'rxjs';
import type { HttpEvent } from '../request/http-event';
import type { RegistryRequest } from '../request/registry-request';
import type { RegistryResponse } from '../request/registry-response';
import { toRegistryResponse } from '../request/to-registry-response';
import type { OperationContext } from './operation-context';
import type { Progress } from './progress';

/** Sends a request the operation built itself and parses the response. */
export function send<T = unknown>(ctx: OperationContext, req: RegistryRequest): Observable<RegistryResponse<T>> {
  return ctx.handle(req).pipe(
    filter((event): event is Extract<HttpEvent, { type: 'response' }> => event.type === 'response'),
    map((res) => toRegistryResponse<T>(req, res, 'skip', ctx.session.secrets)),
  );
}

/** Like `send`, emitting upload progress before the response when the request asks for it. */
export function sendWithProgress<T = unknown>(ctx: OperationContext, req: RegistryRequest): Observable<Progress | RegistryResponse<T>> {
  return ctx.handle(req).pipe(
    mergeMap((event): Observable<Progress | RegistryResponse<T>> => {
      if (event.type === 'response') return of(toRegistryResponse<T>(req, event, 'skip', ctx.session.secrets));
      if (event.type === 'upload-progress' && req.reportProgress) return of({ type: 'progress', loaded: event.loaded, total: event.total });
      return of();
    }),
  );
}
