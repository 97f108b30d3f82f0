import { RegistryClient, memoryStore, type RegistryClientConfig } from '../../../src';
import { startAuthApiRegistry, type AuthApiRegistry } from '../../support/auth-api-registry';
import { Cleanup } from '../../support/cleanup';
import { FAST_RETRY } from '../../support/fast-retry';

/**
 * A fresh account registry per test and clients of it, closed after each test.
 * A client's environment is empty unless the test gives one, so no CI of the
 * machine running the tests can leak in.
 */
export function authApiEnv() {
  const open = new Cleanup();
  afterEach(() => open.closeAll());
  return {
    registry: async (): Promise<AuthApiRegistry> => open.track(await startAuthApiRegistry()),
    track: <T extends { close(): Promise<void> }>(item: T): T => open.track(item),
    /** A client of `registry`, with `token` for its host when given. */
    client: (registry: AuthApiRegistry, token?: string, extra: Partial<RegistryClientConfig> = {}): RegistryClient =>
      open.track(
        new RegistryClient({
          registry: registry.url,
          cache: memoryStore(),
          env: {},
          ...FAST_RETRY,
          ...(token === undefined ? {} : { [`//${registry.host}/:_authToken`]: token }),
          ...extra,
        } as RegistryClientConfig),
      ),
  };
}
