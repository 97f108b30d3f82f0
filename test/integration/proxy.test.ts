import { lastValueFrom } from 'rxjs';
import { RegistryClient, type RegistryClientConfig } from '../../src';
import { Cleanup } from '../support/cleanup';
import { FAST_RETRY } from '../support/fast-retry';
import { sendJson, startServer, type TestServer } from '../support/start-server';
import { startProxy, type TestProxy } from '../support/start-proxy';
import { tempCache, type TempCache } from '../support/temp-cache';

describe('a forward proxy on 127.0.0.1', () => {
  let cache: TempCache;
  let registry: TestServer;
  let proxy: TestProxy;
  const open = new Cleanup();

  beforeAll(async () => {
    cache = await tempCache();
  });
  beforeEach(async () => {
    registry = open.track(await startServer((req, res) => sendJson(res, 200, { path: req.url })));
    proxy = open.track(await startProxy());
  });
  afterEach(() => open.closeAll());
  afterAll(() => cache.remove());

  function client(config: RegistryClientConfig = {}): RegistryClient {
    return open.track(new RegistryClient({ registry: registry.url, cache: cache.path, ...FAST_RETRY, ...config }));
  }

  it('carries requests when `proxy` is set: the proxy gets the absolute-form request and forwards it', async () => {
    const res = await lastValueFrom(client({ proxy: proxy.url }).request('GET', '/pkg'));

    expect(res.data).toEqual({ path: '/pkg' });
    expect(proxy.tunnels).toEqual([]);
    expect(proxy.requests.map((r) => [r.method, r.url])).toEqual([['GET', `${registry.url}pkg`]]);
    expect(registry.requests).toHaveLength(1);
  });

  it('is bypassed for hosts listed in `noproxy`', async () => {
    const res = await lastValueFrom(client({ proxy: proxy.url, noproxy: '127.0.0.1' }).request('GET', '/pkg'));

    expect(res.data).toEqual({ path: '/pkg' });
    expect(proxy.requests).toHaveLength(0);
    expect(proxy.tunnels).toHaveLength(0);
    expect(registry.requests).toHaveLength(1);
  });
});
