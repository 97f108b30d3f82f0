import { WEB_LOGIN_POLL_INTERVAL, type WebLoginEvent } from '../src';
import { marbleScheduler, REGISTRY } from './support/marble-client';
import { kitClient } from './support/operations-kit';

const URLS = { status: 200, body: { loginUrl: `${REGISTRY}login/abc`, doneUrl: `${REGISTRY}-/v1/done?sessionId=abc` } };
const NOT_YET = (retryAfter?: string) => ({ status: 202, headers: Object.fromEntries(retryAfter === undefined ? [] : [['retry-after', retryAfter]]), body: {} });
const DONE = { status: 200, body: { token: 'npm_web_token' } };
const DONE_URL = (req: { url: string }) => req.url.endsWith('/-/v1/done?sessionId=abc');

const events: Record<string, WebLoginEvent> = {
  u: { type: 'login-url', loginUrl: `${REGISTRY}login/abc` },
  t: { type: 'logged-in', token: 'npm_web_token' },
};

describe('web login in virtual time', () => {
  it('emits the login URL, then polls doneUrl again when Retry-After says, until the token comes', () => {
    const { client, transport } = kitClient();

    marbleScheduler().run(({ cold, expectObservable }) => {
      const start = cold('  -a', { a: URLS });
      const first = cold('   -a', { a: NOT_YET('2') });
      const second = cold('  -a', { a: DONE });
      const expected = '    -u 2000ms -(t|)';
      transport.expectOne('POST', '/-/v1/login').respondWith(start);
      transport.expectOne('GET', DONE_URL).respondWith(first);
      transport.expectOne('GET', DONE_URL).respondWith(second);

      expectObservable(client.loginWeb()).toBe(expected, events);
    });

    transport.verify();
  });

  it('waits WEB_LOGIN_POLL_INTERVAL between polls when a 202 names no Retry-After', () => {
    const { client, transport } = kitClient();

    marbleScheduler().run(({ cold, expectObservable }) => {
      const start = cold('  a', { a: URLS });
      const first = cold('  a', { a: NOT_YET() });
      const second = cold(' -a', { a: DONE });
      const expected = `    u ${WEB_LOGIN_POLL_INTERVAL}ms (t|)`;
      transport.expectOne('POST', '/-/v1/login').respondWith(start);
      transport.expectOne('GET', DONE_URL).respondWith(first);
      transport.expectOne('GET', DONE_URL).respondWith(second);

      expectObservable(client.loginWeb()).toBe(expected, events);
    });

    transport.verify();
  });

  it('unsubscribing while it waits stops the polling: no later request is made', () => {
    const { client, transport } = kitClient();

    marbleScheduler().run(({ cold, expectObservable }) => {
      const start = cold('  -a', { a: URLS });
      const first = cold('   -a', { a: NOT_YET('30') });
      const unsub = '       ^---!';
      const expected = '    -u--';
      transport.expectOne('POST', '/-/v1/login').respondWith(start);
      transport.expectOne('GET', DONE_URL).respondWith(first);

      expectObservable(client.loginWeb(), unsub).toBe(expected, events);
    });

    expect(transport.requests.map((r) => r.method)).toEqual(['POST', 'GET']);
    transport.verify();
  });

  it('the client sends the token it got from then on', () => {
    const { client, transport } = kitClient({ '//127.0.0.1:4873/:_authToken': undefined });

    marbleScheduler().run(({ cold, expectObservable }) => {
      transport.expectOne('POST', '/-/v1/login').respondWith(cold('a', { a: URLS }));
      transport.expectOne('GET', DONE_URL).respondWith(cold('a', { a: DONE }));
      transport.expectOne('GET', '/-/whoami').respondWith(cold('a', { a: { status: 200, body: { username: 'ada' } } }));
      expectObservable(client.loginWeb()).toBe('(ut|)', events);
      expectObservable(client.whoami(), '-^').toBe('-(a|)', { a: 'ada' });
    });

    expect(transport.requests[2].headers.authorization).toBe('Bearer npm_web_token');
    transport.verify();
  });
});
