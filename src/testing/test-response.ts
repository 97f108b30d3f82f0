import type { HttpEvent } from '../request/http-event';
import type { RegistryRequest } from '../request/registry-request';
import { decodeBody } from '../transport/decode-body';
import { propertyOf } from '../util/property-of';

/** A response as a test writes it: a status, a body (objects become JSON) and headers. */
export interface TestResponse {
  readonly status?: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The body of a test response as bytes: objects as JSON, strings as UTF-8, null/undefined as empty. */
function bodyBytes(body: unknown): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (Buffer.isBuffer(body)) return body;
  if (body instanceof Uint8Array) return Buffer.from(body);
  return Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
}

function isHttpEvent(value: unknown): value is HttpEvent {
  const type = propertyOf(value, 'type');
  return type === 'headers' || type === 'response' || type === 'upload-progress' || type === 'download-progress';
}

/**
 * The events a transport emits for one test response: headers, then the whole
 * response; for a streamed request's 2xx, the body as one chunk before an
 * empty response, as the undici transport does. A body with a Content-Encoding
 * is decoded; one that does not decode throws `BadEncodingError`.
 */
export function responseEvents(req: RegistryRequest, answer: TestResponse | HttpEvent): HttpEvent[] {
  if (isHttpEvent(answer)) return [answer];
  const url = req.url;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers ?? {})) headers[name.toLowerCase()] = value;
  // As every transport does: `{ headers: { 'content-encoding': 'gzip' }, body: gzipSync(…) }` arrives decoded.
  const wire = bodyBytes(answer.body);
  const body = decodeBody(req, wire, headers['content-encoding']);
  if (body.length > 0 && !headers['content-type'] && typeof answer.body === 'object' && !Buffer.isBuffer(answer.body)) {
    headers['content-type'] = 'application/json';
  }
  const statusCode = answer.status ?? 200;
  if (req.responseType === 'stream' && statusCode >= 200 && statusCode < 300) {
    return [
      { type: 'headers', statusCode, headers },
      { type: 'download-progress', loaded: wire.length, total: wire.length, chunk: body },
      { type: 'response', url, statusCode, headers, body: Buffer.alloc(0) },
    ];
  }
  return [
    { type: 'headers', statusCode, headers },
    { type: 'response', url, statusCode, headers, body },
  ];
}
