import { HttpError } from '../src/errors/http-error';
import type { HttpEvent } from '../src/request/http-event';
import { RXJS_OK, RXJS_RESPONSE, json } from './support/http-events';
import { clientOf, errorLike, marbleScheduler } from './support/marble-client';
import { scriptedTransport } from './support/scripted-transport';

/** An HTTP date `ms` after the epoch, which is frame 0 of virtual time. */
const httpDate = (ms: number): string => new Date(ms).toUTCString();

describe('Retry-After on 429 and 503', () => {
  it.each([429, 503])('%i with Retry-After: 5 retries 5000 ms after the failure', (status) => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold<HttpEvent>(' ---r', { r: json(status, {}, { 'retry-after': '5' }) });
      const second = cold<HttpEvent>('           ---(r|)', { r: RXJS_OK });
      const firstSubs = '             ^--!';
      const secondSubs = '            --- 5000ms ^--!';
      const expected = '              --- 5000ms ---(v|)';

      expectObservable(clientOf(scriptedTransport(first, second)).request('GET', '/rxjs')).toBe(expected, { v: RXJS_RESPONSE });
      expectSubscriptions(first.subscriptions).toBe(firstSubs);
      expectSubscriptions(second.subscriptions).toBe(secondSubs);
    });
  });

  it.each([429, 503])('%i with Retry-After as an HTTP date retries at that date, by the scheduler’s clock', (status) => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      // The failure arrives at frame 3; the date names frame 8000, so the wait is 7997 ms.
      const first = cold<HttpEvent>(' ---r', { r: json(status, {}, { 'retry-after': httpDate(8000) }) });
      const second = cold<HttpEvent>('       ---(r|)', { r: RXJS_OK });
      const firstSubs = '             ^--!';
      const secondSubs = '            8000ms ^--!';
      const expected = '              8000ms ---(v|)';

      expectObservable(clientOf(scriptedTransport(first, second)).request('GET', '/rxjs')).toBe(expected, { v: RXJS_RESPONSE });
      expectSubscriptions(first.subscriptions).toBe(firstSubs);
      expectSubscriptions(second.subscriptions).toBe(secondSubs);
    });
  });

  it('an HTTP date counts from now, not from the start of the request', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold<HttpEvent>('2000ms r', { r: json(503, {}, { 'retry-after': httpDate(8000) }) });
      const second = cold<HttpEvent>('       ---(r|)', { r: RXJS_OK });
      const firstSubs = '             ^ 1999ms !';
      const secondSubs = '            8000ms ^--!';
      const expected = '              8000ms ---(v|)';

      expectObservable(clientOf(scriptedTransport(first, second)).request('GET', '/rxjs')).toBe(expected, { v: RXJS_RESPONSE });
      expectSubscriptions(first.subscriptions).toBe(firstSubs);
      expectSubscriptions(second.subscriptions).toBe(secondSubs);
    });
  });

  it.each([
    ['seconds', '120'],
    ['an HTTP date', httpDate(3_600_000)],
  ])('a Retry-After in %s above fetch-retry-maxtimeout is capped at it', (_form, retryAfter) => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold<HttpEvent>(' ---r', { r: json(429, {}, { 'retry-after': retryAfter }) });
      const second = cold<HttpEvent>('            ---(r|)', { r: RXJS_OK });
      const firstSubs = '             ^--!';
      const secondSubs = '            --- 60000ms ^--!';
      const expected = '              --- 60000ms ---(v|)';

      expectObservable(clientOf(scriptedTransport(first, second)).request('GET', '/rxjs')).toBe(expected, { v: RXJS_RESPONSE });
      expectSubscriptions(first.subscriptions).toBe(firstSubs);
      expectSubscriptions(second.subscriptions).toBe(secondSubs);
    });
  });

  it('a Retry-After is capped by a custom fetch-retry-maxtimeout too', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold<HttpEvent>(' ---r', { r: json(503, {}, { 'retry-after': '5' }) });
      const second = cold<HttpEvent>('           ---(r|)', { r: RXJS_OK });
      const secondSubs = '            --- 2000ms ^--!';
      const expected = '              --- 2000ms ---(v|)';
      const settings = { 'fetch-retry-mintimeout': 100, 'fetch-retry-maxtimeout': 2000 };

      expectObservable(clientOf(scriptedTransport(first, second), settings).request('GET', '/rxjs')).toBe(expected, { v: RXJS_RESPONSE });
      expectSubscriptions(second.subscriptions).toBe(secondSubs);
    });
  });

  it('sets each wait on its own: Retry-After once, the backoff for the next failure', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold<HttpEvent>(' ---r', { r: json(503, {}, { 'retry-after': '5' }) });
      const second = cold<HttpEvent>('           ---r', { r: json(503, {}) });
      const third = cold<HttpEvent>('                        ---r', { r: json(503, {}) });
      const firstSubs = '             ^--!';
      const secondSubs = '            --- 5000ms ^--!';
      const thirdSubs = '             --- 5000ms --- 60000ms ^--!';
      const expected = '              --- 5000ms --- 60000ms ---#';

      expectObservable(clientOf(scriptedTransport(first, second, third)).request('GET', '/rxjs')).toBe(expected, undefined, errorLike(HttpError, { code: 'E503' }));
      expectSubscriptions(first.subscriptions).toBe(firstSubs);
      expectSubscriptions(second.subscriptions).toBe(secondSubs);
      expectSubscriptions(third.subscriptions).toBe(thirdSubs);
    });
  });

  it('is ignored on a 500: the ordinary 10000 ms backoff applies', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold<HttpEvent>(' ---r', { r: json(500, {}, { 'retry-after': '5' }) });
      const second = cold<HttpEvent>('            ---(r|)', { r: RXJS_OK });
      const firstSubs = '             ^--!';
      const secondSubs = '            --- 10000ms ^--!';
      const expected = '              --- 10000ms ---(v|)';

      expectObservable(clientOf(scriptedTransport(first, second)).request('GET', '/rxjs')).toBe(expected, { v: RXJS_RESPONSE });
      expectSubscriptions(first.subscriptions).toBe(firstSubs);
      expectSubscriptions(second.subscriptions).toBe(secondSubs);
    });
  });
});
