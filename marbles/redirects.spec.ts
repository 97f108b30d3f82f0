import { RedirectError } from '../src/errors/redirect-error';
import type { HttpEvent } from '../src/request/http-event';
import type { Interceptor } from '../src/request/interceptor';
import { RXJS_OK, RXJS_RESPONSE, headersOf, text } from './support/http-events';
import { clientOf, errorLike, marbleScheduler, OTHER_HOST, REGISTRY } from './support/marble-client';
import { scriptedTransport } from './support/scripted-transport';

const moved = (location: string) => text(301, '', { location });

/** Each hop below answers one frame after its request. */
const HOP = '-(r|)';

/** Puts host-bound headers on every request, as a caller with a session might. */
const hostBound: Interceptor = (req, next) =>
  next(req.clone({ setHeaders: { authorization: 'Bearer caller-token', cookie: 'AuthSession=caller', 'npm-otp': '123456' } }));

describe('redirects', () => {
  it('follows a 301 to the same host and emits the target’s response only', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const redirect = cold<HttpEvent>('-(hr|)', { h: headersOf(301, { location: `${REGISTRY}new-home` }), r: moved(`${REGISTRY}new-home`) });
      const landing = cold<HttpEvent>('  --(r|)', { r: RXJS_OK });
      const redirectSubs = '            ^!';
      const landingSubs = '             -^-!';
      const expected = '                ---(v|)';
      const transport = scriptedTransport(redirect, landing);

      expectObservable(clientOf(transport).request('GET', '/rxjs')).toBe(expected, { v: RXJS_RESPONSE });
      expectSubscriptions(redirect.subscriptions).toBe(redirectSubs);
      expectSubscriptions(landing.subscriptions).toBe(landingSubs);

      flush();
      expect(transport.requests.map((req) => req.url)).toEqual([`${REGISTRY}rxjs`, `${REGISTRY}new-home`]);
    });
  });

  it('resolves a relative location against the request’s URL', () => {
    marbleScheduler().run(({ cold, expectObservable, flush }) => {
      const transport = scriptedTransport(cold<HttpEvent>(HOP, { r: moved('/-/v2/rxjs') }), cold<HttpEvent>(HOP, { r: RXJS_OK }));
      const expected = '--(v|)';

      expectObservable(clientOf(transport).request('GET', '/rxjs')).toBe(expected, { v: RXJS_RESPONSE });

      flush();
      expect(transport.requests[1].url).toBe(`${REGISTRY}-/v2/rxjs`);
    });
  });

  it('drops authorization, cookie and npm-otp on a redirect to another host', () => {
    marbleScheduler().run(({ cold, expectObservable, flush }) => {
      const transport = scriptedTransport(cold<HttpEvent>(HOP, { r: moved(`${OTHER_HOST}tarballs/rxjs.tgz`) }), cold<HttpEvent>(HOP, { r: RXJS_OK }));
      const expected = '--(v|)';

      expectObservable(clientOf(transport, {}, [hostBound]).request('GET', '/rxjs')).toBe(expected, { v: RXJS_RESPONSE });

      flush();
      const [first, second] = transport.requests;
      expect(first.headers).toMatchObject({ authorization: 'Bearer caller-token', cookie: 'AuthSession=caller', 'npm-otp': '123456' });
      expect(second.url).toBe(`${OTHER_HOST}tarballs/rxjs.tgz`);
      expect(second.headers).not.toHaveProperty('authorization');
      expect(second.headers).not.toHaveProperty('cookie');
      expect(second.headers).not.toHaveProperty('npm-otp');
      expect(second.headers).toMatchObject({ accept: 'application/json' });
    });
  });

  it('keeps them on a redirect to the same host', () => {
    marbleScheduler().run(({ cold, expectObservable, flush }) => {
      const transport = scriptedTransport(cold<HttpEvent>(HOP, { r: moved(`${REGISTRY}new-home`) }), cold<HttpEvent>(HOP, { r: RXJS_OK }));
      const expected = '--(v|)';

      expectObservable(clientOf(transport, {}, [hostBound]).request('GET', '/rxjs')).toBe(expected, { v: RXJS_RESPONSE });

      flush();
      expect(transport.requests[1].headers).toMatchObject({ authorization: 'Bearer caller-token', cookie: 'AuthSession=caller', 'npm-otp': '123456' });
    });
  });

  it('does not give the registry’s configured token to the other host either', () => {
    marbleScheduler().run(({ cold, expectObservable, flush }) => {
      const transport = scriptedTransport(cold<HttpEvent>(HOP, { r: moved(`${OTHER_HOST}rxjs`) }), cold<HttpEvent>(HOP, { r: RXJS_OK }));
      const settings = { '//127.0.0.1:4873/:_authToken': 'registry-token', otp: '654321' };
      const expected = '-#';

      // A write's body does not follow to another host at all, so neither do its credentials.
      expectObservable(clientOf(transport, settings).request('PUT', '/rxjs', { name: 'rxjs' })).toBe(expected, undefined, errorLike(RedirectError, { code: 'EREDIRECT', location: `${OTHER_HOST}rxjs` }));

      flush();
      expect(transport.requests[0].headers).toMatchObject({ authorization: 'Bearer registry-token', 'npm-otp': '654321' });
      expect(transport.requests).toHaveLength(1);
    });
  });

  it('with nofollow emits the 301 response itself', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const redirect = cold<HttpEvent>('-(hr|)', { h: headersOf(301, { location: `${REGISTRY}new-home` }), r: moved(`${REGISTRY}new-home`) });
      const landing = cold<HttpEvent>(HOP, { r: RXJS_OK });
      const redirectSubs = '^!';
      const expected = '    -(v|)';

      expectObservable(clientOf(scriptedTransport(redirect, landing)).request('GET', '/rxjs', undefined, undefined, true)).toBe(expected, {
        v: { data: null, raw: '', statusCode: 301, headers: { location: `${REGISTRY}new-home` }, cacheStatus: 'skip' },
      });
      expectSubscriptions(redirect.subscriptions).toBe(redirectSubs);
      expectSubscriptions(landing.subscriptions).toBe([]);
    });
  });

  it('follows 20 redirects', () => {
    marbleScheduler().run(({ cold, expectObservable, flush }) => {
      const hops = Array.from({ length: 20 }, (_, i) => cold<HttpEvent>(HOP, { r: moved(`${REGISTRY}hop-${i + 1}`) }));
      const transport = scriptedTransport(...hops, cold<HttpEvent>(HOP, { r: RXJS_OK }));
      const expected = '20ms -(v|)';

      expectObservable(clientOf(transport).request('GET', '/rxjs')).toBe(expected, { v: RXJS_RESPONSE });

      flush();
      expect(transport.requests).toHaveLength(21);
      expect(transport.requests[20].url).toBe(`${REGISTRY}hop-20`);
    });
  });

  it('fails with EMAXREDIRECTS on the 21st redirect, and does not retry it', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const hops = Array.from({ length: 21 }, (_, i) => cold<HttpEvent>(HOP, { r: moved(`${REGISTRY}hop-${i + 1}`) }));
      const spare = cold<HttpEvent>(HOP, { r: RXJS_OK });
      const lastHopSubs = '20ms ^!';
      const expected = '   20ms -#';
      const transport = scriptedTransport(...hops, spare);

      expectObservable(clientOf(transport).request('GET', '/rxjs')).toBe(
        expected,
        undefined,
        errorLike(RedirectError, { code: 'EMAXREDIRECTS', statusCode: 301, url: `${REGISTRY}hop-20`, location: `${REGISTRY}hop-21` }),
      );
      expectSubscriptions(hops[20].subscriptions).toBe(lastHopSubs);
      expectSubscriptions(spare.subscriptions).toBe([]);

      flush();
      expect(transport.requests).toHaveLength(21);
    });
  });
});
