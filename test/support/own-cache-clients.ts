import { RegistryClient, type RegistryClientExtras, type RegistryClientOptions } from '../../src';
import { tempCache, type TempCache } from './temp-cache';

export interface OwnCacheClients {
  /** A client of the registry with a cache folder of its own and no retries. */
  client(config?: RegistryClientOptions & RegistryClientExtras): Promise<RegistryClient>;
  /** Closes every client made, then removes their folders. */
  close(): Promise<void>;
}

/**
 * Clients that share nothing but the registry, as separate processes would:
 * what one reads was not remembered by another, so a test asserts what the
 * registry holds. `registryUrl` is read when a client is made (after the
 * registry has started).
 */
export function ownCacheClients(registryUrl: () => string): OwnCacheClients {
  const caches: TempCache[] = [];
  const clients: RegistryClient[] = [];
  return {
    async client(config = {}) {
      const cache = await tempCache();
      caches.push(cache);
      const made = new RegistryClient({ registry: registryUrl(), cache: cache.path, 'fetch-retries': 0, ...config });
      clients.push(made);
      return made;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await Promise.all(caches.map((c) => c.remove()));
    },
  };
}
