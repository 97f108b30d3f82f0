import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryClient, type RegistryClientConfig } from '../../../src';
import { Cleanup } from '../../support/cleanup';
import { FAST_RETRY } from '../../support/fast-retry';
import { startNpmApiRegistry, type NpmApiRegistry } from '../../support/npm-api-registry';
import type { RecordedRequest } from '../../support/start-server';

/**
 * What each test file here needs: a fresh loopback registry per test, clients
 * with real temp cache folders, and everything closed after each test.
 *
 * @example
 * const env = registryApiEnv();
 * it('…', async () => { const registry = await env.registry(); const client = env.client(registry, token); });
 */
export function registryApiEnv() {
  const open = new Cleanup();
  let folder = '';

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'rxnpm-registry-api-'));
  });
  afterEach(() => open.closeAll());
  afterAll(() => rm(folder, { recursive: true, force: true }));

  return {
    /** A temp folder of this test file (cache folders, tarballs). */
    folder: () => folder,
    registry: async (options?: { basePath?: string }): Promise<NpmApiRegistry> => open.track(await startNpmApiRegistry(options)),
    /** A client of `registry` with `token` for its host (if given), fast retries and a real cache folder. */
    client: (registry: NpmApiRegistry, token?: string, extra: Partial<RegistryClientConfig> = {}): RegistryClient =>
      open.track(
        new RegistryClient({
          registry: registry.url,
          cache: join(folder, 'cache'),
          ...FAST_RETRY,
          ...(token === undefined ? {} : { [`//${registry.host}/:_authToken`]: token }),
          ...extra,
        } as RegistryClientConfig),
      ),
  };
}

/** `METHOD /path?query` of each request, in order: what a test compares to say what went on the wire. */
export function lines(requests: readonly RecordedRequest[]): string[] {
  return requests.map((r) => `${r.method} ${r.url}`);
}

/** The JSON body of a recorded request. */
export function bodyOf(request: RecordedRequest): unknown {
  return JSON.parse(request.body());
}
