import { errorDetails } from '../errors/error-details';
import { NetworkError } from '../errors/network-error';
import { RegistryError } from '../errors/registry-error';
import type { RegistryRequest } from '../request/registry-request';

/** undici's own codes, renamed to the system codes users and retry policy know. */
const UNDICI_CODES: Readonly<Record<string, string>> = {
  UND_ERR_SOCKET: 'ECONNRESET',
  UND_ERR_CLOSED: 'ECONNRESET',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'ECONNRESET',
  UND_ERR_CONNECT_TIMEOUT: 'ETIMEDOUT',
  UND_ERR_HEADERS_TIMEOUT: 'ETIMEDOUT',
  UND_ERR_BODY_TIMEOUT: 'ETIMEDOUT',
};

/** Wraps whatever undici or the socket threw in a `NetworkError` that keeps the system code. */
export function toNetworkError(error: unknown, req: RegistryRequest): RegistryError {
  if (error instanceof RegistryError) return error;
  const err = error as { code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const rawCode = typeof err?.code === 'string' ? err.code : typeof err?.cause?.code === 'string' ? err.cause.code : 'ENETWORK';
  const code = UNDICI_CODES[rawCode] ?? rawCode;
  const reason = typeof err?.message === 'string' && err.message ? err.message : String(error);
  return new NetworkError(code, `${code}${code === rawCode ? '' : ` (${rawCode})`}: ${reason}`, errorDetails(req, { cause: error }));
}
