import { lastValueFrom } from 'rxjs';
import { RedirectError, RegistryError } from '../../src';
import { failureOf } from '../support/failure-of';
import { afterBody, sendJson, startServer, type TestServer } from '../support/start-server';
import { useClients } from '../support/use-clients';

/** A server that answers `redirects[path]` with that status and Location, and anything else with `{ path }`. */
function redirecting(redirects: Record<string, [status: number, location: string]>) {
  return afterBody((req, res) => {
    const hop = redirects[req.url ?? ''];
    if (hop) sendJson(res, hop[0], undefined, { location: hop[1] });
    else sendJson(res, 200, { path: req.url, method: req.method });
  });
}

describe('redirects against real loopback servers', () => {
  const { open, client } = useClients();

  it('follows a 301 then a 302 to the final JSON', async () => {
    const server = open.track(await startServer(redirecting({ '/a': [301, '/b'], '/b': [302, '/c'] })));

    const res = await lastValueFrom(client({ registry: server.url }).request('GET', '/a'));

    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({ path: '/c', method: 'GET' });
    expect(server.requests.map((r) => r.url)).toEqual(['/a', '/b', '/c']);
  });

  it('with nofollow, emits the 301 response itself', async () => {
    const server = open.track(await startServer(redirecting({ '/a': [301, '/b'] })));

    const res = await lastValueFrom(client({ registry: server.url }).request('GET', '/a', undefined, undefined, true));

    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe('/b');
    expect(res.data).toBeNull();
    expect(server.requests.map((r) => r.url)).toEqual(['/a']);
  });

  it('fails with EMAXREDIRECTS after following 20 redirects of a loop', async () => {
    const server = open.track(
      await startServer((req, res) => {
        const hop = Number(/^\/loop\/(\d+)$/.exec(req.url ?? '')?.[1] ?? 0);
        sendJson(res, 302, undefined, { location: `/loop/${hop + 1}` });
      }),
    );

    const error = await failureOf(client({ registry: server.url }).request('GET', '/loop/0'));

    expect(error).toBeInstanceOf(RegistryError);
    expect(error).toMatchObject({ code: 'EMAXREDIRECTS', method: 'GET' });
    // The first request and 20 followed redirects; the 21st redirect is refused, not retried.
    expect(server.requests).toHaveLength(21);
    expect(server.requests[20].url).toBe('/loop/20');
  });

  describe('to another host', () => {
    let registry: TestServer;
    let other: TestServer;

    beforeEach(async () => {
      other = open.track(await startServer(redirecting({})));
      registry = open.track(
        await startServer(redirecting({ '/moved-write': [307, `${other.url}landed`], '/moved-read': [302, `${other.url}landed`], '/here': [302, '/landed'] })),
      );
    });

    it('refuses to send the body of a write elsewhere: EREDIRECT naming the target, and the other host gets nothing', async () => {
      const writer = client({ registry: registry.url, [`//${registry.host}/:_authToken`]: 'registry-token-0001', otp: '123456' });

      const error = await failureOf(writer.request('PUT', '/moved-write', { name: 'pkg' }));

      expect(error).toBeInstanceOf(RedirectError);
      expect(error).toMatchObject({ code: 'EREDIRECT', method: 'PUT', statusCode: 307, location: `${other.url}landed` });
      expect((error as Error).message).toContain(`${other.url}landed`);
      const [atRegistry] = registry.requests;
      expect(atRegistry.headers.authorization).toBe('Bearer registry-token-0001');
      expect(atRegistry.headers['npm-otp']).toBe('123456');
      expect(other.requests).toHaveLength(0);
    });

    it('drops the session cookie from an always-auth read the registry redirects elsewhere', async () => {
      const reader = client({ registry: registry.url, 'always-auth': true, _token: { AuthSession: 'couch-session-0001' } });

      const res = await lastValueFrom(reader.request('GET', '/moved-read'));

      expect(res.data).toEqual({ path: '/landed', method: 'GET' });
      expect(registry.requests[0].headers.cookie).toBe('AuthSession=couch-session-0001');
      expect(other.requests[0].headers.cookie).toBeUndefined();
      expect(other.requests[0].headers.authorization).toBeUndefined();
    });

    it('drops basic auth from an always-auth read the registry redirects elsewhere', async () => {
      const basic = Buffer.from('ada:lovelace-password').toString('base64');
      const reader = client({ registry: registry.url, 'always-auth': true, _auth: basic });

      await lastValueFrom(reader.request('GET', '/moved-read'));

      expect(registry.requests[0].headers.authorization).toBe(`Basic ${basic}`);
      expect(other.requests[0].headers.authorization).toBeUndefined();
    });

    it('keeps the credentials on a redirect within the registry host', async () => {
      const reader = client({ registry: registry.url, [`//${registry.host}/:_authToken`]: 'registry-token-0002' });

      await lastValueFrom(reader.request('GET', '/here'));

      expect(registry.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
        ['/here', 'Bearer registry-token-0002'],
        ['/landed', 'Bearer registry-token-0002'],
      ]);
      expect(other.requests).toHaveLength(0);
    });
  });
});
