import { lastValueFrom } from 'rxjs';
import { RedirectError } from '../../src';
import { failureOf } from '../support/failure-of';
import { collectLog } from '../support/log-collector';
import { outcomeOf } from '../support/outcome-of';
import { afterBody, sendJson, startServer, type TestServer } from '../support/start-server';
import { useClients } from '../support/use-clients';

const TOKEN = 'registry-token-redirect-01';
const PASSWORD = 'adduser-password-redirect-01';

/** A server that answers every request with `status` and a Location of `location(req.url)`, once the body is in. */
function redirectingTo(status: number, location: (path: string) => string) {
  return afterBody((req, res) => sendJson(res, status, undefined, { location: location(req.url ?? '/') }));
}

/** A server that answers every request with what it saw of it. */
function echoing() {
  return afterBody((req, res, recorded) => sendJson(res, 200, { method: req.method, path: req.url, body: recorded.body() }));
}

/**
 * Two registries on loopback ports (two origins): the one configured, which
 * redirects, and another the redirect points at. Whatever the status, the
 * other never sees a credential, and never a body.
 */
describe('redirects to another origin', () => {
  const { open, client } = useClients();
  let other: TestServer;

  beforeEach(async () => {
    other = open.track(await startServer(echoing()));
  });

  describe.each([301, 302, 303, 307, 308])('%i', (status) => {
    it('GET: followed, without the token, the basic auth or the cookie', async () => {
      const registry = open.track(await startServer(redirectingTo(status, (path) => `${other.url}landed${path}`)));
      const reader = client({ registry: registry.url, 'always-auth': true, [`//${registry.host}/:_authToken`]: TOKEN, _token: { AuthSession: 'couch-session-redirect' } });

      const res = await lastValueFrom(reader.request('GET', '/pkg'));

      expect(res.data).toMatchObject({ method: 'GET', path: '/landed/pkg' });
      expect(registry.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(other.requests).toHaveLength(1);
      expect(other.requests[0].headers.authorization).toBeUndefined();
      expect(other.requests[0].headers.cookie).toBeUndefined();
    });

    it(status === 303 ? 'PUT: becomes a GET there, with neither body nor credentials' : 'PUT: EREDIRECT naming the target; the other origin gets no request at all', async () => {
      const registry = open.track(await startServer(redirectingTo(status, () => `${other.url}landed`)));
      const writer = client({ registry: registry.url, [`//${registry.host}/:_authToken`]: TOKEN, otp: '123456' });

      const outcome = await outcomeOf(writer.request('PUT', '/pkg', { name: 'pkg', secret: PASSWORD }));

      expect(registry.requests[0].body()).toContain(PASSWORD);
      if (status === 303) {
        expect(outcome.errors).toEqual([]);
        expect(other.requests.map((r) => [r.method, r.body(), r.headers.authorization, r.headers['npm-otp']])).toEqual([['GET', '', undefined, undefined]]);
        return;
      }
      expect(outcome.errors).toHaveLength(1);
      expect(outcome.errors[0]).toBeInstanceOf(RedirectError);
      expect(outcome.errors[0]).toMatchObject({ code: 'EREDIRECT', method: 'PUT', statusCode: status, location: `${other.url}landed` });
      expect((outcome.errors[0] as Error).message).toContain(`${other.url}landed`);
      expect(other.requests).toEqual([]);
    });
  });

  it.each([307, 308])('adduser answered %i to another origin: EREDIRECT naming it, the password never sent there', async (status) => {
    const registry = open.track(await startServer(redirectingTo(status, () => `${other.url}-/user/org.couchdb.user:ada`)));

    const error = await failureOf(client({ registry: registry.url }).adduser('ada', PASSWORD, 'ada@example.test'));

    expect(error).toBeInstanceOf(RedirectError);
    expect(error).toMatchObject({ code: 'EREDIRECT', method: 'PUT', location: `${other.url}-/user/org.couchdb.user:ada` });
    expect((error as Error).message).toContain(other.url);
    expect((error as Error).message).not.toContain(PASSWORD);
    expect(other.requests).toEqual([]);
  });

  it('a write redirected within its origin keeps its body and credentials', async () => {
    const registry = open.track(
      await startServer(afterBody((req, res, recorded) => (req.url === '/moved' ? sendJson(res, 307, undefined, { location: '/here' }) : sendJson(res, 200, { body: recorded.body(), auth: req.headers.authorization })))),
    );
    const writer = client({ registry: registry.url, [`//${registry.host}/:_authToken`]: TOKEN });

    const res = await lastValueFrom(writer.request('PUT', '/moved', { name: 'pkg' }));

    expect(res.data).toEqual({ body: '{"name":"pkg"}', auth: `Bearer ${TOKEN}` });
  });

  it('a Location with a user name and password in it: followed without sending them, and never shown in a log line or an error', async () => {
    const secret = 'location-password-01';
    const lost = open.track(await startServer((_req, res) => sendJson(res, 404, { error: 'gone' })));
    const registry = open.track(await startServer(redirectingTo(302, () => lost.url.replace('http://', `http://eve:${secret}@`))));
    const collector = collectLog();

    const error = await failureOf(client({ registry: registry.url, log: collector.log }).request('GET', '/pkg'));

    expect(error).toMatchObject({ code: 'E404' });
    expect(lost.requests).toHaveLength(1);
    expect(lost.requests[0].headers.authorization).toBeUndefined();
    expect(JSON.stringify(error)).not.toContain(secret);
    expect((error as Error).message).not.toContain(secret);
    expect(collector.text()).not.toContain(secret);
  });

  it.each(['file:///etc/passwd', 'http://[not-a-host', 'javascript:alert(1)'])('a Location of %j: EREDIRECT, nothing else requested', async (location) => {
    const registry = open.track(await startServer(redirectingTo(302, () => location)));

    const error = await failureOf(client({ registry: registry.url }).request('GET', '/pkg'));

    expect(error).toBeInstanceOf(RedirectError);
    expect(error).toMatchObject({ code: 'EREDIRECT' });
    expect(registry.requests).toHaveLength(1);
  });
});
