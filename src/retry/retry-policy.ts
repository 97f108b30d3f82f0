import { Readable } from 'node:stream';
import { HttpError } from '../errors/http-error';
import { RegistryError } from '../errors/registry-error';
import type { RegistryRequest } from '../request/registry-request';

/** Failures worth another try: the next attempt may well succeed. */
export const RETRIED_ERROR_CODES: Readonly<Record<string, string>> = {
  ECONNRESET: 'the server or a proxy dropped the connection, or the body ended early',
  ECONNREFUSED: 'nothing listening yet: a registry restarting or a proxy coming up',
  ETIMEDOUT: 'no answer within fetch-timeout: a slow or overloaded server',
  EPIPE: 'the connection closed while the body was being sent',
  EAI_AGAIN: 'a temporary DNS failure',
  EADDRINUSE: 'no local port free for the connection at that moment',
  // EUNKNOWNENCODING is not here: the server would send the same coding again.
  EBADENCODING: 'the compressed body was cut short or corrupted on the way, as a body that ends early',
};

/** Statuses that say "later", not "never". */
export const RETRIED_STATUS_CODES: Readonly<Record<number, string>> = {
  408: 'Request Timeout: the server gave up waiting for us',
  429: 'Too Many Requests: rate limited; Retry-After says when',
  500: 'Internal Server Error: often transient on a busy registry',
  502: 'Bad Gateway: a proxy or CDN could not reach the registry',
  503: 'Service Unavailable: overloaded or in maintenance; Retry-After may say when',
  504: 'Gateway Timeout: the registry behind a proxy was too slow',
};

/** Only these statuses' Retry-After is honoured: on others it is not a promise to recover. */
export const RETRY_AFTER_STATUS_CODES: readonly number[] = [429, 503];

export function isRetriedError(error: unknown): boolean {
  if (error instanceof HttpError) return error.statusCode in RETRIED_STATUS_CODES;
  return error instanceof RegistryError && error.statusCode === undefined && error.code in RETRIED_ERROR_CODES;
}

/**
 * Whether a request may be sent again at all. POST is not idempotent; a stream
 * body that was partly read cannot be replayed (a body factory can).
 */
export function isReplayable(req: RegistryRequest): boolean {
  if (req.method === 'POST') return false;
  return canResendBody(req);
}

/**
 * Whether the request's body can be sent again: a stream only if unread, a
 * body factory always. Enough for a repeat the registry asked for (EOTP: it
 * did nothing), even of a POST.
 */
export function canResendBody(req: RegistryRequest): boolean {
  if (req.body instanceof Readable) return !req.body.readableDidRead && !req.body.destroyed;
  // A body factory makes a fresh stream for each attempt.
  return true;
}

/** The seed's backoff: min(minTimeout × factor^attempt, maxTimeout), attempt counting from 0. */
export function backoffDelay(attempt: number, settings: { factor: number; minTimeout: number; maxTimeout: number }): number {
  return Math.min(settings.minTimeout * settings.factor ** attempt, settings.maxTimeout);
}
