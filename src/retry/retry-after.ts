import { HttpError } from '../errors/http-error';
import { RETRY_AFTER_STATUS_CODES } from './retry-policy';

/**
 * The delay a 429/503 asks for in its Retry-After header, in milliseconds:
 * either delta-seconds or an HTTP date. `undefined` when absent, unreadable or
 * negative, so the ordinary backoff applies; the caller caps it.
 */
export function retryAfterMs(error: unknown, now: number): number | undefined {
  if (!(error instanceof HttpError) || !RETRY_AFTER_STATUS_CODES.includes(error.statusCode)) return undefined;
  return parseRetryAfter(error.headers['retry-after'], now);
}

/** A Retry-After header's delay in milliseconds (delta-seconds or an HTTP date); `undefined` when absent, unreadable or negative. */
export function parseRetryAfter(header: string | undefined, now: number): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date always names its month; without this, Date.parse reads "-5" or "1.5" as a year in the past.
  if (!/[a-z]/i.test(value)) return undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
