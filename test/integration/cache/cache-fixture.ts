import type { RegistryClientOptions } from '../../../src';
import { Cleanup } from '../../support/cleanup';
import { FAST_RETRY } from '../../support/fast-retry';
import { tempCache, type TempCache } from '../../support/temp-cache';
import { trackedClient, type ClosableClient } from './cache-folder';
import { startPackumentServer, type PackumentServer } from './packument-server';

/** What a cache test file shares: one loopback registry, fresh cache folders, and clients closed after each test. */
export interface CacheFixture {
  /** Available from the first test on. */
  readonly server: PackumentServer;
  newCacheFolder(): Promise<string>;
  client(cache: string, settings?: RegistryClientOptions): ClosableClient;
}

/**
 * Registers the hooks that start and stop the fixture; call it inside a
 * `describe`. With `serverPerTest`, each test gets a registry of its own, so
 * its request counts start from zero.
 */
export function useCacheFixture({ serverPerTest = false } = {}): CacheFixture {
  const open = new Cleanup();
  const caches: TempCache[] = [];
  let server: PackumentServer | undefined;

  if (serverPerTest) {
    // Tracked first, so it is closed after the test's clients.
    beforeEach(async () => {
      server = open.track(await startPackumentServer());
    });
  } else {
    beforeAll(async () => {
      server = await startPackumentServer();
    });
  }
  afterEach(() => open.closeAll());
  afterAll(async () => {
    if (!serverPerTest) await server?.close();
    await Promise.all(caches.map((c) => c.remove()));
  });

  const started = (): PackumentServer => {
    if (!server) throw new Error('the cache fixture’s server starts in beforeAll');
    return server;
  };

  return {
    get server() {
      return started();
    },
    async newCacheFolder() {
      const made = await tempCache();
      caches.push(made);
      return made.path;
    },
    client(cache, settings = {}) {
      return trackedClient(open, { registry: started().url, cache, ...FAST_RETRY, ...settings });
    },
  };
}
