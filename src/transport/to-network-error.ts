import { errorDetails } from '../errors/error-details';
import { NetworkError } from '../errors/network-error';
import { RegistryError } from '../errors/registry-error';
import type { RegistryRequest } from '../request/registry-request';
import { propertyOf } from '../util/property-of';

/**
 * undici's and node:http2's codes, renamed to the system codes users and
 * retry policy know. Whether the request is then sent again is still the
 * retry policy's choice (no POST, no stream already read).
 */
const UNDICI_CODES: Readonly<Record<string, string>> = {
  UND_ERR_SOCKET: 'ECONNRESET',
  UND_ERR_CLOSED: 'ECONNRESET',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'ECONNRESET',
  UND_ERR_CONNECT_TIMEOUT: 'ETIMEDOUT',
  UND_ERR_HEADERS_TIMEOUT: 'ETIMEDOUT',
  UND_ERR_BODY_TIMEOUT: 'ETIMEDOUT',
  // HTTP/2: a stream that closed before its answer was whole (undici's InformationalError).
  UND_ERR_INFO: 'ECONNRESET',
  // HTTP/2, from node:http2: the server reset the stream (RST_STREAM; REFUSED_STREAM says it was not processed).
  ERR_HTTP2_STREAM_ERROR: 'ECONNRESET',
  // The session was told to go away (GOAWAY) or closed under the stream: requests it did not answer may go again.
  ERR_HTTP2_GOAWAY_SESSION: 'ECONNRESET',
  ERR_HTTP2_SESSION_ERROR: 'ECONNRESET',
  ERR_HTTP2_INVALID_SESSION: 'ECONNRESET',
  ERR_HTTP2_STREAM_CANCEL: 'ECONNRESET',
};

/** Wraps whatever undici or the socket threw in a `NetworkError` that keeps the system code. */
export function toNetworkError(error: unknown, req: RegistryRequest): RegistryError {
  if (error instanceof RegistryError) return error;
  const ownCode = propertyOf(error, 'code');
  const causeCode = propertyOf(propertyOf(error, 'cause'), 'code');
  const rawCode = typeof ownCode === 'string' ? ownCode : typeof causeCode === 'string' ? causeCode : 'ENETWORK';
  const code = UNDICI_CODES[rawCode] ?? rawCode;
  const message = propertyOf(error, 'message');
  const reason = typeof message === 'string' && message ? message : String(error);
  return new NetworkError(code, `${code}${code === rawCode ? '' : ` (${rawCode})`}: ${reason}`, errorDetails(req, { cause: error }));
}
