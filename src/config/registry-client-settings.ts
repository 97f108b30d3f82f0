import type { NormalizedConfig } from './normalized-config';

/**
 * The settings a client runs with, as `client.config` shows them: checked,
 * with every default filled in, and frozen. Credentials (tokens, passwords,
 * the TLS key, proxy URLs that may carry a password) and the client's
 * machinery (transport, interceptors, logger) are not among them.
 *
 * @example
 * const client = new RegistryClient({ registry, cache });
 * console.log(`${client.config.registry} (dist-tag ${client.config.tag})`);
 */
export type RegistryClientSettings = Pick<
  NormalizedConfig,
  | 'registry'
  | 'scopeRegistries'
  | 'cache'
  | 'tag'
  | 'email'
  | 'userAgent'
  | 'retry'
  | 'fetchTimeout'
  | 'cacheMin'
  | 'cacheMax'
  | 'cacheModes'
  | 'memoryCacheSize'
  | 'maxResponseSize'
  | 'maxSockets'
  | 'http2'
>;

/** The public view of a normalised configuration: copies, so changing them cannot change the client. */
export function settingsOf(config: NormalizedConfig): RegistryClientSettings {
  const { registry, scopeRegistries, cache, tag, email, userAgent, retry, fetchTimeout, cacheMin, cacheMax, cacheModes, memoryCacheSize, maxResponseSize, maxSockets, http2 } = config;
  return Object.freeze({
    registry,
    scopeRegistries: new Map(scopeRegistries),
    cache,
    tag,
    email,
    userAgent,
    retry: Object.freeze({ ...retry }),
    fetchTimeout,
    cacheMin,
    cacheMax,
    cacheModes: Object.freeze({ ...cacheModes }),
    memoryCacheSize,
    maxResponseSize,
    maxSockets,
    http2,
  });
}
