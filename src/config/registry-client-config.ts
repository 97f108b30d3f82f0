import type { CacheStore } from '../cache/cache-store';
import type { OtpPrompt } from '../interceptors/otp';
import type { Interceptor } from '../request/interceptor';
import type { Transport } from '../transport/transport';
import type { ConfigGetter } from './config-source';
import type { Logger } from './logger';

type Numeric = number | string;
type Flag = boolean | 'true' | 'false';

/**
 * The client's settings as a plain object: npm's names (kebab-case, as in
 * `.npmrc`) or their camelCase aliases. `registry` and `cache` are required
 * (a `ConfigError` without them), though optional here so that partial
 * objects of settings can be spread together.
 * Only the keys rxnpm reads are accepted, so a misspelt one (`fetchRetires`)
 * does not compile; a whole npm configuration goes in through its `get()`
 * (`ConfigGetter`) instead.
 */
export interface RegistryClientOptions extends PerRegistryKeys {
  /** URL of the registry, e.g. what `npm config get registry` prints. */
  registry?: string;
  /** Folder of the on-disk cache (cacache), or a `CacheStore` such as `memoryStore()`. */
  cache?: string | CacheStore;
  'always-auth'?: Flag;
  alwaysAuth?: Flag;
  /** Base64 of `user:password` (the seed's name). */
  auth?: string;
  email?: string;
  /** The dist-tag `publish` sets. Default `latest`. */
  tag?: string;
  /** Certificate authorities to trust, PEM. */
  ca?: string | string[] | null;
  /** Client certificate and key, PEM. */
  cert?: string;
  key?: string;
  'strict-ssl'?: Flag;
  strictSsl?: Flag;
  strictSSL?: Flag;
  'user-agent'?: string;
  userAgent?: string;
  log?: Logger;
  'fetch-retries'?: Numeric;
  fetchRetries?: Numeric;
  'fetch-retry-factor'?: Numeric;
  fetchRetryFactor?: Numeric;
  'fetch-retry-mintimeout'?: Numeric;
  fetchRetryMintimeout?: Numeric;
  fetchRetryMinTimeout?: Numeric;
  'fetch-retry-maxtimeout'?: Numeric;
  fetchRetryMaxtimeout?: Numeric;
  fetchRetryMaxTimeout?: Numeric;
  /** Milliseconds without a response before ETIMEDOUT; 0 waits forever. */
  'fetch-timeout'?: Numeric;
  fetchTimeout?: Numeric;
  /** Seconds; bounds of `get`'s cache age. */
  'cache-min'?: Numeric;
  cacheMin?: Numeric;
  'cache-max'?: Numeric;
  cacheMax?: Numeric;
  /** Bytes of parsed documents kept in memory in front of the cache; 0 turns it off. Default a quarter of the heap limit, as npm's packument cache. */
  'memory-cache-size'?: Numeric;
  memoryCacheSize?: Numeric;
  /** Bytes of a response body held in memory before the response is refused (ETOOLARGE). Default 256 MiB. */
  'max-response-size'?: Numeric;
  maxResponseSize?: Numeric;
  /** Most sockets open to one origin. Default 16. */
  maxsockets?: Numeric;
  maxSockets?: Numeric;
  /**
   * Offer HTTP/2 to https registries: a server that accepts it in ALPN carries
   * every request on one connection at once; one that does not gets HTTP/1.1
   * and `maxsockets` connections, as without it. Default true.
   */
  http2?: Flag;
  proxy?: string | null;
  'https-proxy'?: string | null;
  httpsProxy?: string | null;
  /** Comma-separated hosts that bypass the proxy. */
  noproxy?: string | string[];
  noProxy?: string | string[];
  /** Defaults of `get`'s cache modes, as npm's settings of the same names. */
  offline?: Flag;
  'prefer-offline'?: Flag;
  preferOffline?: Flag;
  'prefer-online'?: Flag;
  preferOnline?: Flag;
  /** A one-time password sent with every write. */
  otp?: string;
  /** The authorization header value's base64 part, for the default registry. */
  _auth?: string;
  username?: string;
  /** Plain-text password for `username` (the seed's meaning). */
  _password?: string;
  password?: string;
  /** A CouchDB session token (`{ AuthSession }` or the cookie's value). */
  _token?: string | { AuthSession?: string };
}

/**
 * The keys of `.npmrc` that name a registry: its credentials, by the folder
 * they are for (`//host/path/:_authToken`, see `nerfDart`), and the registry
 * of a scope (`@scope:registry`). Only the credential names rxnpm reads are
 * accepted, so `'//host/:_authtoken'` does not compile either. The values are
 * strings, checked when the client is made (`ConfigError`): they are typed
 * `unknown` because an object literal with a computed key
 * (`` [`//${host}/:_authToken`]: token ``) gets an index signature of every
 * value it holds, which must fit here.
 */
export interface PerRegistryKeys {
  /** A bearer token for the registries under `//host/path/`. */
  [key: `//${string}:_authToken`]: unknown;
  /** Base64 of `user:password` for the registries under `//host/path/`. */
  [key: `//${string}:_auth`]: unknown;
  [key: `//${string}:username`]: unknown;
  /** Base64 of the password, as npm writes it. */
  [key: `//${string}:_password`]: unknown;
  /** The registry of the packages of `@scope`. */
  [key: `@${string}:registry`]: unknown;
}

/** What the client needs beyond npm settings: the network seam and extra interceptors. */
export interface RegistryClientExtras {
  /** Replaces the undici transport (tests, custom networking). */
  transport?: Transport;
  /** Run before the client's own interceptors, in order. */
  interceptors?: readonly Interceptor[];
  /** Asked for a one-time password when a write fails with EOTP; the write is then repeated once. */
  otpPrompt?: OtpPrompt;
  /** The environment to read CI identity from (trusted publishing). Default: `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** A plain object of settings, or an npmconf-style object with `get(key)`. */
export type RegistryClientConfig = (RegistryClientOptions | ConfigGetter) & RegistryClientExtras;
