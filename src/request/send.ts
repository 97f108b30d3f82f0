import { EMPTY, mergeMap, of, type Observable } from 'rxjs';
import type { Progress } from './progress';
import type { ResponseEvent, UploadProgressEvent } from './http-event';
import type { HttpHandler } from './interceptor';
import type { RegistryRequest } from './registry-request';
import type { RegistryResponse } from './registry-response';
import { toRegistryResponse } from './to-registry-response';

/** A parsed response with the bytes it was parsed from: the cache stores bytes, so it keeps what the registry sent. */
export interface ReceivedResponse<T> {
  readonly response: RegistryResponse<T>;
  readonly body: Buffer;
}

/**
 * The one path from a request to its answer, as `HttpClient.request` is
 * Angular's: the chain's response event is made into a value by `answer`,
 * upload progress into `Progress` when the request asks for it and `progress`
 * is given; every other event stays inside.
 */
function exchange<R>(handle: HttpHandler, req: RegistryRequest, answer: (res: ResponseEvent) => R, progress?: (event: UploadProgressEvent) => R): Observable<R> {
  return handle(req).pipe(
    mergeMap((event) => {
      if (event.type === 'response') return of(answer(event));
      if (progress && event.type === 'upload-progress' && req.reportProgress) return of(progress(event));
      return EMPTY;
    }),
  );
}

/**
 * Sends `req` through the chain and emits its parsed response, with
 * `cacheStatus: 'skip'`; `secrets` are masked in the text an error carries.
 *
 * @example
 * send(handle, createRequest(config, 'GET', '/-/ping'), secrets).subscribe(({ statusCode }) => console.log(statusCode));
 */
export function send<T = unknown>(handle: HttpHandler, req: RegistryRequest, secrets: readonly string[]): Observable<RegistryResponse<T>> {
  return exchange(handle, req, (res) => toRegistryResponse<T>(req, res, 'skip', secrets));
}

/** Like `send`, emitting upload progress before the response when the request asks for it (publish, upload). */
export function sendWithProgress<T = unknown>(handle: HttpHandler, req: RegistryRequest, secrets: readonly string[]): Observable<Progress | RegistryResponse<T>> {
  return exchange<Progress | RegistryResponse<T>>(
    handle,
    req,
    (res) => toRegistryResponse<T>(req, res, 'skip', secrets),
    ({ loaded, total }) => ({ type: 'progress', loaded, total }),
  );
}

/** Like `send`, keeping the bytes of the body beside its parsed form, for the cache. */
export function receive<T = unknown>(handle: HttpHandler, req: RegistryRequest, secrets: readonly string[]): Observable<ReceivedResponse<T>> {
  return exchange(handle, req, (res) => ({ response: toRegistryResponse<T>(req, res, 'skip', secrets), body: res.body }));
}
