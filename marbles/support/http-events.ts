import { NetworkError } from '../../src/errors/network-error';
import type { HeadersEvent, ResponseEvent } from '../../src/request/http-event';
import { REGISTRY } from './marble-client';

type Headers = Readonly<Record<string, string>>;

/** A complete response whose body is `data` as JSON. */
export function json(statusCode: number, data: unknown, headers: Headers = {}): ResponseEvent {
  return text(statusCode, JSON.stringify(data), { 'content-type': 'application/json', ...headers });
}

/** A complete response with a body taken as it is (may be empty or not JSON). */
export function text(statusCode: number, body: string, headers: Headers = {}): ResponseEvent {
  return { type: 'response', url: REGISTRY, statusCode, headers, body: Buffer.from(body, 'utf8') };
}

/** The status line and headers, before the body. */
export function headersOf(statusCode: number, headers: Headers = {}): HeadersEvent {
  return { type: 'headers', statusCode, headers };
}

/** A connection failure as the undici transport reports it, keeping the system code. */
export function networkError(code: string, method = 'GET', url = REGISTRY): NetworkError {
  return new NetworkError(code, `${code} (scripted)`, { method, url });
}

/** A 200 with the document `{ name: 'rxjs' }`, as the transport reports it… */
export const RXJS_OK = json(200, { name: 'rxjs' });

/** …and the RegistryResponse `client.request` makes of it. */
export const RXJS_RESPONSE = { data: { name: 'rxjs' }, raw: '{"name":"rxjs"}', statusCode: 200, headers: { 'content-type': 'application/json' }, cacheStatus: 'skip' };
