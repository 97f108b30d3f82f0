import { secretsOf } from '../auth/credentials';
import type { CacheStore } from '../cache/cache-store';
import { ConfigError } from '../errors/config-error';
import { configSource } from './config-source';
import { DEFAULTS } from './defaults';
import { normalizeLogger, type Logger } from './logger';
import type { NormalizedConfig } from './normalized-config';
import { readAuthSettings } from './read-credentials';
import { readBoolean, readHttpUrl, readNumber, readRegistryUrl, readString, readStringList } from './read-setting';
import type { RegistryClientConfig } from './registry-client-config';
import { DEFAULT_USER_AGENT } from './user-agent';
import { isDistTagName } from '../spec/is-dist-tag-name';
import { propertyOf } from '../util/property-of';

function readLogger(value: unknown): Logger | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' && typeof value !== 'function') throw new ConfigError('log', 'expected a logger object');
  // Every method of a Logger is optional, and normalizeLogger calls only those that are functions.
  return value;
}

const STORE_METHODS = ['get', 'put', 'touch', 'remove'] as const satisfies readonly (keyof CacheStore)[];

function isCacheStore(value: unknown): value is CacheStore {
  return typeof value === 'object' && value !== null && STORE_METHODS.every((method) => typeof propertyOf(value, method) === 'function');
}

function readCache(value: unknown): string | CacheStore {
  if (isCacheStore(value)) return value;
  const folder = readString('cache', value);
  if (!folder) throw new ConfigError('cache', 'required: the folder of the cache, or a CacheStore such as memoryStore()');
  return folder;
}

function readTag(value: unknown): string {
  const tag = readString('tag', value) ?? DEFAULTS.tag;
  // npm refuses such tags too: `name@1.x` must keep meaning a range.
  if (!isDistTagName(tag)) {
    throw new ConfigError('tag', `${JSON.stringify(tag)} cannot be a dist-tag (it reads as a version range or is not URL-safe)`);
  }
  return tag;
}

/**
 * Checks every setting and fills in defaults. Throws `ConfigError` naming the
 * first bad key; nothing here touches the network or the disk.
 */
export function normalizeConfig(input: RegistryClientConfig): NormalizedConfig {
  if (input === null || typeof input !== 'object') throw new ConfigError('registry', 'a configuration object is required');
  const source = configSource(input);

  const registry = readRegistryUrl('registry', source.get('registry'));
  if (!registry) throw new ConfigError('registry', 'required: the URL of the registry (e.g. from `npm config get registry`)');
  const cache = readCache(source.get('cache'));

  const scopeRegistries = new Map<string, string>();
  for (const key of source.keys()) {
    const scope = /^(@[^:]+):registry$/.exec(key)?.[1];
    const url = scope && readRegistryUrl(key, source.get(key));
    if (scope && url) scopeRegistries.set(scope, url);
  }

  const alwaysAuth = readBoolean('always-auth', source.get('always-auth'), DEFAULTS.alwaysAuth);
  const auth = readAuthSettings(source, registry, alwaysAuth, [...scopeRegistries.values()]);
  const proxy = readHttpUrl('proxy', source.get('proxy'));
  const fetchRetryMintimeout = readNumber('fetch-retry-mintimeout', source.get('fetch-retry-mintimeout'), DEFAULTS.fetchRetryMintimeout);
  const fetchRetryMaxtimeout = readNumber('fetch-retry-maxtimeout', source.get('fetch-retry-maxtimeout'), DEFAULTS.fetchRetryMaxtimeout);
  if (fetchRetryMaxtimeout < fetchRetryMintimeout) {
    throw new ConfigError('fetch-retry-maxtimeout', `${fetchRetryMaxtimeout} is less than fetch-retry-mintimeout (${fetchRetryMintimeout})`);
  }
  const cacheMin = readNumber('cache-min', source.get('cache-min'), DEFAULTS.cacheMin);
  const cacheMax = readNumber('cache-max', source.get('cache-max'), DEFAULTS.cacheMax);
  if (cacheMax < cacheMin) throw new ConfigError('cache-max', `${cacheMax} is less than cache-min (${cacheMin})`);
  const noProxy = readStringList('noproxy', source.get('noproxy'));
  const otp = source.get('otp');
  if (otp !== undefined && otp !== null && typeof otp !== 'string' && typeof otp !== 'number') throw new ConfigError('otp', `expected a one-time password (digits), got ${typeof otp}`);

  const secrets = [auth.defaultCredentials, ...auth.scoped.values()].flatMap((c) => (c ? secretsOf(c) : []));
  // The types say what these are; the checks are for callers the compiler did not see.
  const { transport, interceptors = [], otpPrompt } = input;
  if (otpPrompt !== undefined && typeof otpPrompt !== 'function') {
    throw new ConfigError('otpPrompt', 'expected a function (error) => Observable<string> | Promise<string> | string');
  }
  if (transport !== undefined && typeof transport?.handle !== 'function') {
    throw new ConfigError('transport', 'expected an object with handle(request)');
  }
  if (!Array.isArray(interceptors) || !interceptors.every((i) => typeof i === 'function')) {
    throw new ConfigError('interceptors', 'expected an array of functions (req, next) => Observable');
  }

  return Object.freeze({
    registry,
    cache,
    email: readString('email', source.get('email')),
    tag: readTag(source.get('tag')),
    userAgent: readString('user-agent', source.get('user-agent')) ?? DEFAULT_USER_AGENT,
    log: normalizeLogger(readLogger(source.get('log'))),
    retry: {
      retries: readNumber('fetch-retries', source.get('fetch-retries'), DEFAULTS.fetchRetries, { integer: true }),
      factor: readNumber('fetch-retry-factor', source.get('fetch-retry-factor'), DEFAULTS.fetchRetryFactor, { min: 1 }),
      minTimeout: fetchRetryMintimeout,
      maxTimeout: fetchRetryMaxtimeout,
    },
    fetchTimeout: readNumber('fetch-timeout', source.get('fetch-timeout'), DEFAULTS.fetchTimeout),
    cacheMin,
    cacheMax,
    cacheModes: {
      offline: readBoolean('offline', source.get('offline'), false),
      preferOffline: readBoolean('prefer-offline', source.get('prefer-offline'), false),
      preferOnline: readBoolean('prefer-online', source.get('prefer-online'), false),
    },
    maxResponseSize: readNumber('max-response-size', source.get('max-response-size'), DEFAULTS.maxResponseSize, { min: 1, integer: true }),
    memoryCacheSize: readNumber('memory-cache-size', source.get('memory-cache-size'), DEFAULTS.memoryCacheSize, { integer: true }),
    maxSockets: readNumber('maxsockets', source.get('maxsockets'), DEFAULTS.maxSockets, { min: 1, integer: true }),
    http2: readBoolean('http2', source.get('http2'), DEFAULTS.http2),
    tls: {
      ca: readStringList('ca', source.get('ca')),
      cert: readString('cert', source.get('cert')),
      key: readString('key', source.get('key')),
      strictSsl: readBoolean('strict-ssl', source.get('strict-ssl'), DEFAULTS.strictSsl),
    },
    proxy: {
      http: proxy,
      https: readHttpUrl('https-proxy', source.get('https-proxy')) ?? proxy,
      noProxy: noProxy?.join(','),
    },
    otp: otp === undefined || otp === null || otp === '' ? undefined : String(otp),
    auth,
    scopeRegistries,
    secrets,
    transport,
    interceptors,
    otpPrompt,
    env: input.env ?? process.env,
  });
}
