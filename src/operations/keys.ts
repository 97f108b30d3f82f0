import { catchError, defer, map, of, throwError, type Observable } from 'rxjs';
import { BadResponseError } from '../errors/bad-response-error';
import { HttpError } from '../errors/http-error';
import { ownValue } from '../util/own-record';
import type { OperationContext } from './operation-context';
import { request } from './request';

/** One of the registry's signing keys, as `GET /-/npm/v1/keys` lists it. */
export interface RegistryKey {
  readonly keyid: string;
  /** `ecdsa-sha2-nistp256` on the public registry. */
  readonly keytype: string;
  readonly scheme: string;
  /** The public key: base64 of its SPKI DER encoding. */
  readonly key: string;
  /** When the key stopped vouching for versions published after it (ISO 8601), or null while it is current. */
  readonly expires: string | null;
}

/** A registry lists a handful of keys; more is not a key list, and a key is a few hundred bytes. */
const MAX_KEYS = 64;
const MAX_KEY_LENGTH = 4096;

const text = (value: unknown, max: number): string | undefined => (typeof value === 'string' && value.length <= max ? value : undefined);

/** A listed key, when it has the fields a signature check needs; the registry's data is not trusted. */
function registryKey(entry: unknown): RegistryKey | undefined {
  const keyid = text(ownValue(entry, 'keyid'), 512);
  const key = text(ownValue(entry, 'key'), MAX_KEY_LENGTH);
  if (keyid === undefined || key === undefined) return undefined;
  const expires = text(ownValue(entry, 'expires'), 64) ?? null;
  return { keyid, key, expires, keytype: text(ownValue(entry, 'keytype'), 64) ?? '', scheme: text(ownValue(entry, 'scheme'), 64) ?? '' };
}

/**
 * The registry's signing keys (`GET /-/npm/v1/keys`). A registry that has none
 * (404 or 400, as npm reads it) emits an empty list; entries without a key id
 * or a key are left out.
 *
 * @example
 * client.keys().subscribe((keys) => console.log(keys.map((k) => k.keyid)));
 */
export function keys(ctx: OperationContext): Observable<RegistryKey[]> {
  return defer(() => request<unknown>(ctx, 'GET', '/-/npm/v1/keys')).pipe(
    map(({ data }) => {
      const listed = ownValue(data, 'keys');
      if (!Array.isArray(listed) || listed.length > MAX_KEYS) throw new BadResponseError(`the registry's /-/npm/v1/keys is not a list of at most ${MAX_KEYS} keys`);
      return listed.map(registryKey).filter((key): key is RegistryKey => key !== undefined);
    }),
    catchError((error: unknown) => (error instanceof HttpError && (error.statusCode === 404 || error.statusCode === 400) ? of([]) : throwError(() => error))),
  );
}
