import type { AuthSettings, Credentials } from '../auth/credentials';
import { nerfDart, nerfDartAncestors, normalizeNerfDart } from '../auth/nerf-dart';
import { ConfigError } from '../errors/config-error';
import type { ConfigSource } from './config-source';
import { readString } from './read-setting';

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

function cookieOf(key: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return value.includes('=') ? value : `AuthSession=${value}`;
  if (typeof value === 'object' && 'AuthSession' in value && typeof value.AuthSession === 'string') return `AuthSession=${value.AuthSession}`;
  throw new ConfigError(key, 'expected a session string or { AuthSession }');
}

/** The seed's top-level credentials, strongest first: `_auth`, `auth`, `username`+`_password`, `_token`. */
function readDefaultCredentials(source: ConfigSource): Credentials | undefined {
  const encoded = readString('_auth', source.get('_auth')) ?? readString('auth', source.get('auth'));
  if (encoded) return { type: 'basic', auth: encoded };
  const username = readString('username', source.get('username'));
  const password = readString('_password', source.get('_password'));
  if (username && password) return { type: 'basic', auth: base64(`${username}:${password}`) };
  const cookie = cookieOf('_token', source.get('_token'));
  return cookie ? { type: 'cookie', cookie } : undefined;
}

/** npm's per-registry credentials under `prefix` (`//host/path/`); `:_password` is base64 there, as npm writes it. */
function readScopedCredentials(source: ConfigSource, prefix: string): Credentials | undefined {
  const read = (name: string) => readString(`${prefix}:${name}`, source.get(`${prefix}:${name}`));
  const token = read('_authToken');
  if (token) return { type: 'bearer', token };
  const encoded = read('_auth');
  if (encoded) return { type: 'basic', auth: encoded };
  const username = read('username');
  const password = read('_password');
  if (username && password) {
    return { type: 'basic', auth: base64(`${username}:${Buffer.from(password, 'base64').toString('utf8')}`) };
  }
  return undefined;
}

/**
 * Collects the per-registry credentials the source holds. Keys listed by the
 * source are read as written (with or without a trailing slash); a source that
 * can only answer `get` is asked about the folders of the registries it names,
 * in both spellings, as npm looks them up.
 */
export function readAuthSettings(
  source: ConfigSource,
  registry: string,
  alwaysAuth: boolean,
  otherRegistries: readonly string[],
): AuthSettings {
  const prefixes = new Set<string>();
  for (const key of source.keys()) {
    const match = /^(\/\/.+?):(?:_authToken|_auth|username|_password)$/.exec(key);
    if (match) prefixes.add(match[1]);
  }
  for (const url of [registry, ...otherRegistries]) for (const dart of nerfDartAncestors(nerfDart(url))) prefixes.add(dart).add(dart.slice(0, -1));

  const scoped = new Map<string, Credentials>();
  for (const prefix of prefixes) {
    const credentials = readScopedCredentials(source, prefix);
    const key = normalizeNerfDart(prefix);
    if (credentials && !scoped.has(key)) scoped.set(key, credentials);
  }
  return { registry, alwaysAuth, defaultCredentials: readDefaultCredentials(source), scoped };
}
