import { RegistryClient, type RegistryClientConfig } from '../../src';
import { Cleanup } from './cleanup';
import { FAST_RETRY } from './fast-retry';
import { tempCache, type TempCache } from './temp-cache';

export interface ClientFixture {
  /** What the test starts (servers, proxies): closed after each test, with the clients. */
  readonly open: Cleanup;
  /** A client over the file's cache folder, with fast retries, closed after the test. */
  client(config: RegistryClientConfig & { registry: string }): RegistryClient;
}

/** Registers the hooks of a file whose tests make clients against loopback servers; call inside `describe`. */
export function useClients(): ClientFixture {
  const open = new Cleanup();
  let cache: TempCache | undefined;
  beforeAll(async () => {
    cache = await tempCache();
  });
  afterEach(() => open.closeAll());
  afterAll(() => cache?.remove());
  return {
    open,
    client: (config) => open.track(new RegistryClient({ cache: cache!.path, ...FAST_RETRY, ...config })),
  };
}
