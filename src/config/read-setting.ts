import { ConfigError } from '../errors/config-error';

/** Readers that accept the types a setting may arrive in (ini files give strings) and name the key on failure. */

/** A value as an error message shows it; never throws (JSON.stringify does on a BigInt or a cycle). */
function shown(value: unknown): string {
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

export function readString(key: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ConfigError(key, `expected a string, got ${typeof value}`);
  return value;
}

export function readBoolean(key: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null || value === '') return fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new ConfigError(key, `expected true or false, got ${shown(value)}`);
}

export function readNumber(
  key: string,
  value: unknown,
  fallback: number,
  { min = 0, integer = false }: { min?: number; integer?: boolean } = {},
): number {
  if (value === undefined || value === null || value === '') return fallback;
  const number = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof number !== 'number' || Number.isNaN(number) || number < min || (integer && !Number.isInteger(number))) {
    throw new ConfigError(key, `expected ${integer ? 'an integer' : 'a number'} of at least ${min}, got ${shown(value)}`);
  }
  return number;
}

/** An http(s) URL, returned with a trailing slash when `folder` is set. */
export function readHttpUrl(key: string, value: unknown, { folder = false } = {}): string | undefined {
  const text = readString(key, value);
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Whatever sits before an `@` may be a password: it is not repeated.
    throw new ConfigError(key, `not a URL: ${JSON.stringify(text.replace(/^([^/]*\/\/)[^/]*@/, '$1***@'))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(key, `expected an http: or https: URL, got ${url.protocol}`);
  }
  const out = url.toString();
  return folder && !out.endsWith('/') ? `${out}/` : out;
}

export function readStringList(key: string, value: unknown): string[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw new ConfigError(key, 'expected a string or an array of strings');
}

/**
 * A registry's URL, ending with `/`. A user name or password in it is refused:
 * it would be shown wherever the URL is (log lines, errors, cache keys) and
 * sent nowhere, since npm chooses credentials by `//host/:_auth` keys instead.
 */
export function readRegistryUrl(key: string, value: unknown): string | undefined {
  const url = readHttpUrl(key, value, { folder: true });
  if (url === undefined) return undefined;
  const { username, password, host, pathname } = new URL(url);
  if (username || password) {
    throw new ConfigError(key, `the URL carries a user name or password; give the URL without it and the credentials as //${host}${pathname}:_auth (base64 of user:password) or :_authToken`);
  }
  return url;
}
