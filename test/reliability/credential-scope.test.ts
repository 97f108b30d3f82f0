import { lastValueFrom } from 'rxjs';
import { RegistryClient, UsageError, type RegistryClientConfig } from '../../src';
import { Cleanup } from '../support/cleanup';
import { FAST_RETRY } from '../support/fast-retry';
import { collectLog } from '../support/log-collector';
import { outcomeOf } from '../support/outcome-of';
import { afterBody, sendJson, startServer, type TestServer } from '../support/start-server';
import { startProxy } from '../support/start-proxy';
import { tempCache, type TempCache } from '../support/temp-cache';

const TOKEN = 'npm_PathScopedToken0123456789abcdef';

/** A host that serves a registry under /npm/ and other things beside it, and redirects /npm/moved out of the registry's folder. */
function sharedHost() {
  return afterBody((req, res) => {
    if (req.url === '/npm/moved') sendJson(res, 302, undefined, { location: '/other/landed' });
    else if (req.url === '/npm/moved-within') sendJson(res, 302, undefined, { location: '/npm/landed' });
    else sendJson(res, 200, { path: req.url });
  });
}

describe('a token goes only to the host and path prefix it is scoped to', () => {
  let cache: TempCache;
  let host: TestServer;
  const open = new Cleanup();

  beforeAll(async () => {
    cache = await tempCache();
  });
  beforeEach(async () => {
    host = open.track(await startServer(sharedHost()));
  });
  afterEach(() => open.closeAll());
  afterAll(() => cache.remove());

  /** A client of the registry at /npm/ whose token is scoped to //127.0.0.1:PORT/npm/. */
  function client(config: Partial<RegistryClientConfig> = {}): RegistryClient {
    return open.track(
      new RegistryClient({ registry: `${host.url}npm/`, cache: cache.path, ...FAST_RETRY, [`//${host.host}/npm/:_authToken`]: TOKEN, ...config } as RegistryClientConfig),
    );
  }

  const sentTo = (path: string) => host.requests.filter((r) => r.url === path).map((r) => r.headers.authorization);

  it('requests under /npm/ carry it; a request to /other/ on the same host and port carries none', async () => {
    const reader = client();

    await lastValueFrom(reader.request('GET', '/-/whoami'));
    await lastValueFrom(reader.request('PUT', '/pkg', { name: 'pkg' }));
    await lastValueFrom(reader.request('GET', `${host.url}other/pkg`));
    await lastValueFrom(reader.request('PUT', `${host.url}other/pkg`, { name: 'pkg' }));
    await lastValueFrom(reader.request('GET', `${host.url}npm2/pkg`));
    await lastValueFrom(reader.request('GET', `${host.url}npm`));

    expect(sentTo('/npm/-/whoami')).toEqual([`Bearer ${TOKEN}`]);
    expect(sentTo('/npm/pkg')).toEqual([`Bearer ${TOKEN}`]);
    expect(sentTo('/other/pkg')).toEqual([undefined, undefined]);
    expect(sentTo('/npm2/pkg')).toEqual([undefined]);
    expect(sentTo('/npm')).toEqual([undefined]);
  });

  it('a path that climbs out of /npm/ (`..`, `%2e%2e`) is resolved first, and carries no token', async () => {
    const reader = client();

    await lastValueFrom(reader.request('GET', '/../other/a'));
    await lastValueFrom(reader.request('GET', '/%2e%2e/other/b'));
    await lastValueFrom(reader.request('GET', `${host.url}npm/%2E%2E/other/c`));

    expect(host.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/other/a', undefined],
      ['/other/b', undefined],
      ['/other/c', undefined],
    ]);
  });

  it('a redirect from /npm/ to /other/ on the same host drops it; one within /npm/ keeps it', async () => {
    const reader = client();

    await lastValueFrom(reader.request('GET', '/moved'));
    await lastValueFrom(reader.request('GET', '/moved-within'));

    expect(host.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/npm/moved', `Bearer ${TOKEN}`],
      ['/other/landed', undefined],
      ['/npm/moved-within', `Bearer ${TOKEN}`],
      ['/npm/landed', `Bearer ${TOKEN}`],
    ]);
  });

  it.each([301, 302, 307, 308])('a %i from a read under /npm/ to another port of 127.0.0.1 drops it, even when the path there is /npm/ too', async (status) => {
    const elsewhere = open.track(await startServer((req, res) => sendJson(res, 200, { path: req.url })));
    const redirector = open.track(await startServer((_req, res) => sendJson(res, status, undefined, { location: `${elsewhere.url}npm/landed` })));
    const reader = open.track(
      new RegistryClient({ registry: `${redirector.url}npm/`, cache: cache.path, ...FAST_RETRY, [`//${redirector.host}/npm/:_authToken`]: TOKEN }),
    );

    const res = await lastValueFrom(reader.request('GET', '/pkg'));

    expect(res.data).toEqual({ path: '/npm/landed' });
    expect(redirector.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN}`]);
    expect(elsewhere.requests.map((r) => r.headers.authorization)).toEqual([undefined]);
  });

  it('a path the URL parser would read as another host (`\\\\host`, ` //host`) is a UsageError, and nothing is sent anywhere', async () => {
    const other = open.track(await startServer((_req, res) => sendJson(res, 200, { stolen: true })));
    const reader = client({ [`//${other.host}/:_authToken`]: 'npm_OtherHostToken0123456789' });

    for (const where of [`\\\\${other.host}/x`, `/\\/${other.host}/x`, ` //${other.host}/x`, `\t//${other.host}/x`]) {
      const outcome = await outcomeOf(reader.request('GET', where));
      expect(outcome.errors).toHaveLength(1);
      expect(outcome.errors[0]).toBeInstanceOf(UsageError);
    }
    expect(other.requests).toEqual([]);
    expect(host.requests).toEqual([]);
  });

  it('through an HTTP proxy, the registry gets the token (the proxy forwards it), and no log line at any level holds it', async () => {
    const proxy = open.track(await startProxy());
    const collector = collectLog();
    const reader = client({ proxy: proxy.url, log: collector.log });

    const res = await lastValueFrom(reader.request('GET', '/-/whoami'));
    await lastValueFrom(reader.request('GET', `${host.url}other/x`));

    expect(res.data).toEqual({ path: '/npm/-/whoami' });
    expect(proxy.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      [`${host.url}npm/-/whoami`, `Bearer ${TOKEN}`],
      [`${host.url}other/x`, undefined],
    ]);
    expect(host.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/npm/-/whoami', `Bearer ${TOKEN}`],
      ['/other/x', undefined],
    ]);
    expect(collector.lines.length).toBeGreaterThan(0);
    expect(collector.text()).not.toContain(TOKEN);
  });
});
