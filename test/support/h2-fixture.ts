import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryClient, type RegistryClientConfig } from '../../src';
import { Cleanup } from './cleanup';
import { FAST_RETRY } from './fast-retry';
import { selfSignedCert, type KeyPair } from './self-signed-cert';
import { startHttp2Server, type Http2Handler, type Http2ServerOptions, type Http2TestServer } from './start-http2-server';
import { tempCache, type TempCache } from './temp-cache';

export interface H2Fixture {
  /** What the test starts: closed after each test. */
  readonly open: Cleanup;
  /** The certificate the servers present (and clients trust through `ca`). */
  pair(): KeyPair;
  /** A loopback https server, closed after the test. */
  server(handler: Http2Handler, options?: Http2ServerOptions): Promise<Http2TestServer>;
  /** A client of `server` trusting its certificate, with fast retries, closed after the test. */
  client(server: { url: string }, config?: Partial<RegistryClientConfig>): RegistryClient;
}

/**
 * Registers the hooks of a file whose tests talk to loopback HTTP/2 servers:
 * one certificate and one cache folder for the file, servers and clients per
 * test. Call inside `describe`.
 */
export function useH2Servers(): H2Fixture {
  const open = new Cleanup();
  let folder: string | undefined;
  let keyPair: KeyPair | undefined;
  let cache: TempCache | undefined;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'rxnpm-h2-'));
    keyPair = await selfSignedCert(folder, 'h2');
    cache = await tempCache();
  }, 60_000);
  afterEach(() => open.closeAll());
  afterAll(async () => {
    await cache?.remove();
    if (folder) await rm(folder, { recursive: true, force: true });
  });
  const pair = (): KeyPair => {
    if (!keyPair) throw new Error('the certificate is made in beforeAll');
    return keyPair;
  };
  return {
    open,
    pair,
    server: async (handler, options) => open.track(await startHttp2Server(pair(), handler, options)),
    client: (server, config = {}) =>
      open.track(new RegistryClient({ registry: server.url, cache: cache!.path, ca: pair().cert, ...FAST_RETRY, ...config } as RegistryClientConfig)),
  };
}
