/**
 * The settings rxnpm reads, by their npm (kebab-case) names, each with the
 * camelCase aliases also accepted in a plain object.
 */
export const CONFIG_KEYS = {
  registry: [],
  cache: [],
  'always-auth': ['alwaysAuth'],
  auth: [],
  email: [],
  tag: [],
  ca: [],
  cert: [],
  key: [],
  'strict-ssl': ['strictSsl', 'strictSSL'],
  'user-agent': ['userAgent'],
  log: [],
  'fetch-retries': ['fetchRetries'],
  'fetch-retry-factor': ['fetchRetryFactor'],
  'fetch-retry-mintimeout': ['fetchRetryMintimeout', 'fetchRetryMinTimeout'],
  'fetch-retry-maxtimeout': ['fetchRetryMaxtimeout', 'fetchRetryMaxTimeout'],
  'fetch-timeout': ['fetchTimeout'],
  'cache-min': ['cacheMin'],
  'cache-max': ['cacheMax'],
  'memory-cache-size': ['memoryCacheSize'],
  'max-response-size': ['maxResponseSize'],
  offline: [],
  'prefer-offline': ['preferOffline'],
  'prefer-online': ['preferOnline'],
  maxsockets: ['maxSockets'],
  http2: [],
  proxy: [],
  'https-proxy': ['httpsProxy'],
  noproxy: ['noProxy'],
  otp: [],
  _auth: [],
  username: [],
  _password: ['password'],
  _token: [],
} as const satisfies Record<string, readonly string[]>;

export type ConfigKey = keyof typeof CONFIG_KEYS;
