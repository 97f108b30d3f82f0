/** Bytes sent so far of a request body (`total` when the length is known). */
export interface UploadProgressEvent {
  readonly type: 'upload-progress';
  readonly loaded: number;
  readonly total?: number;
}

/** The status line and headers arrived; the body follows. */
export interface HeadersEvent {
  readonly type: 'headers';
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Bytes received so far of a response body (`total` from Content-Length when
 * sent). For a request with `responseType: 'stream'`, `chunk` carries the
 * bytes. A transport reports every chunk of a buffered body too, as a sign of
 * life for fetch-timeout; the timeout interceptor passes them on only to a
 * request with `reportProgress`.
 */
export interface DownloadProgressEvent {
  readonly type: 'download-progress';
  readonly loaded: number;
  readonly total?: number;
  readonly chunk?: Buffer;
}

/** The whole response. Header names are lower-case. A streamed 2xx response has an empty body: its bytes came as chunks. */
export interface ResponseEvent {
  readonly type: 'response';
  readonly url: string;
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** What a transport emits for one request: zero or more progress events, then one response. */
export type HttpEvent = UploadProgressEvent | HeadersEvent | DownloadProgressEvent | ResponseEvent;

export type ProgressEvent = UploadProgressEvent | DownloadProgressEvent;

export function isResponse(event: HttpEvent): event is ResponseEvent {
  return event.type === 'response';
}
