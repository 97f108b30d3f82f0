import { normalizeConfig } from '../config/normalize-config';
import type { RegistryClientConfig } from '../config/registry-client-config';
import { UndiciTransport } from './undici-transport';

/**
 * The transport a client makes from its options (sockets, HTTP/2, TLS,
 * proxy, max-response-size), for wrapping in interceptors of your own or
 * building a pipeline with `chain`. `ConfigError` when the options are unusable.
 */
export function defaultTransport(options: RegistryClientConfig): UndiciTransport {
  return new UndiciTransport(normalizeConfig(options));
}
