import { STATUS_CODES } from 'node:http';
import { map } from 'rxjs';
import { redactSecrets } from '../auth/redact';
import { AuthIpError } from '../errors/auth-ip-error';
import { errorDetails } from '../errors/error-details';
import { HttpError, type HttpErrorDetails } from '../errors/http-error';
import { OtpRequiredError } from '../errors/otp-required-error';
import type { ResponseEvent } from '../request/http-event';
import type { Interceptor } from '../request/interceptor';
import type { RegistryRequest } from '../request/registry-request';
import { nestedDeeperThan } from '../util/json-depth';
import { ownValue } from '../util/own-record';

/**
 * The body of an error response: JSON when it parses, else its text. Known
 * secrets are masked. JSON nested deeper than rxnpm walks stays text: whoever
 * prints or stringifies the error would overflow the call stack on it.
 */
function errorBody(res: ResponseEvent, secrets: readonly string[]): unknown {
  const text = redactSecrets(res.body.toString('utf8'), secrets);
  if (!text) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  return nestedDeeperThan(parsed) ? text : parsed;
}

/** The registry's own words: `error`, `message` or `reason` of a JSON body, or a short text body. */
function registryMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.length <= 200 ? body.trim() : undefined;
  if (body && typeof body === 'object') {
    for (const field of ['error', 'message', 'reason'] as const) {
      const value = ownValue(body, field);
      if (typeof value === 'string' && value) return value;
    }
  }
  return undefined;
}

/** Response headers fit to keep on an error: no cookies, and no header echoing a credential. */
function safeHeaders(headers: Readonly<Record<string, string>>, secrets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (name !== 'set-cookie') out[name] = redactSecrets(value, secrets);
  return out;
}

/** Turns a response of 400 or more into the matching typed error. */
export function toHttpError(req: RegistryRequest, res: ResponseEvent, secrets: readonly string[]): HttpError {
  const body = errorBody(res, secrets);
  const said = registryMessage(body);
  const details: HttpErrorDetails = { ...errorDetails(req, { body }), statusCode: res.statusCode, headers: safeHeaders(res.headers, secrets) };
  const message = `${res.statusCode} ${STATUS_CODES[res.statusCode] ?? 'Unknown'} - ${details.method} ${details.url}${said ? ` - ${said}` : ''}`;
  const challenge = (res.headers['www-authenticate'] ?? '').toLowerCase();
  if (res.statusCode === 401 && (challenge.includes('otp') || /one-time pass/i.test(said ?? ''))) {
    return new OtpRequiredError(message, details);
  }
  if (res.statusCode === 401 && challenge.includes('ipaddress')) return new AuthIpError(message, details);
  return new HttpError(message, details);
}

/** Emits responses below 400 and turns the rest into errors on the error channel. */
export function checkResponseInterceptor(secrets: readonly string[]): Interceptor {
  return (req, next) =>
    next(req).pipe(
      map((event) => {
        if (event.type === 'response' && event.statusCode >= 400) throw toHttpError(req, event, secrets);
        return event;
      }),
    );
}
