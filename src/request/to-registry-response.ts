import { redactSecrets } from '../auth/redact';
import { errorDetails } from '../errors/error-details';
import { InvalidJsonError } from '../errors/invalid-json-error';
import type { ResponseEvent } from './http-event';
import type { RegistryRequest } from './registry-request';
import { asResponseOf, type CacheStatus, type RegistryResponse } from './registry-response';

/**
 * Parses a response body as JSON; an empty body or a 304 gives `null`. A
 * redirect (seen only with `nofollow`) may carry an HTML page: its data is
 * `null` and its text stays in `raw`. Known secrets are masked in the text an
 * error carries.
 */
export function toRegistryResponse<T>(req: RegistryRequest, res: ResponseEvent, cacheStatus: CacheStatus = 'skip', secrets: readonly string[] = []): RegistryResponse<T> {
  const raw = res.statusCode === 304 ? '' : res.body.toString('utf8');
  let data: unknown = null;
  if (raw.trim() !== '') {
    try {
      data = JSON.parse(raw);
    } catch {
      if (res.statusCode >= 300 && res.statusCode < 400) return asResponseOf<T>({ data: null, raw, statusCode: res.statusCode, headers: res.headers, cacheStatus });
      throw new InvalidJsonError(redactSecrets(raw, secrets), errorDetails(req, { statusCode: res.statusCode }));
    }
  }
  return asResponseOf<T>({ data, raw, statusCode: res.statusCode, headers: res.headers, cacheStatus });
}
