import type { AuthSettings } from '../auth/credentials';
import type { CacheStore } from '../cache/cache-store';
import type { OtpPrompt } from '../interceptors/otp';
import type { Interceptor } from '../request/interceptor';
import type { Transport } from '../transport/transport';
import type { NormalizedLogger } from './logger';

/** How failed requests are retried: delay = min(minTimeout × factor^attempt, maxTimeout). */
export interface RetrySettings {
  readonly retries: number;
  readonly factor: number;
  readonly minTimeout: number;
  readonly maxTimeout: number;
}

export interface TlsSettings {
  readonly ca?: string | readonly string[];
  readonly cert?: string;
  readonly key?: string;
  readonly strictSsl: boolean;
}

export interface ProxySettings {
  readonly http?: string;
  readonly https?: string;
  readonly noProxy?: string;
}

/** Every setting checked and filled in; produced only by `normalizeConfig`. */
export interface NormalizedConfig {
  /** Ends with `/`. */
  readonly registry: string;
  /** The cache folder, or the store the caller gave. */
  readonly cache: string | CacheStore;
  readonly memoryCacheSize: number;
  readonly maxResponseSize: number;
  /** `get`'s cache modes when a call does not say. */
  readonly cacheModes: { readonly offline: boolean; readonly preferOffline: boolean; readonly preferOnline: boolean };
  readonly email?: string;
  readonly tag: string;
  readonly userAgent: string;
  readonly log: NormalizedLogger;
  readonly retry: RetrySettings;
  readonly fetchTimeout: number;
  readonly cacheMin: number;
  readonly cacheMax: number;
  readonly maxSockets: number;
  /** Offer HTTP/2 to https origins; HTTP/1.1 stays the fallback. */
  readonly http2: boolean;
  readonly tls: TlsSettings;
  readonly proxy: ProxySettings;
  readonly otp?: string;
  readonly auth: AuthSettings;
  /** `@scope` → registry URL ending with `/`. */
  readonly scopeRegistries: ReadonlyMap<string, string>;
  /** Every credential value, to keep them out of messages and logs. */
  readonly secrets: readonly string[];
  readonly transport?: Transport;
  readonly interceptors: readonly Interceptor[];
  readonly otpPrompt?: OtpPrompt;
  /** Where a CI's identity is read from, for trusted publishing. */
  readonly env: Readonly<Record<string, string | undefined>>;
}
