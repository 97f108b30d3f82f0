import { TimeoutError } from '../src/errors/timeout-error';
import { WHOLE_REQUEST_FACTOR } from '../src/interceptors/timeout';
import type { HttpEvent } from '../src/request/http-event';
import { headersOf, json } from './support/http-events';
import { clientOf, errorLike, marbleScheduler } from './support/marble-client';
import { scriptedTransport } from './support/scripted-transport';

const values = { h: headersOf(200), c: { type: 'download-progress' as const, loaded: 1 }, r: json(200, { name: 'rxjs' }) };
/** Headers, then a chunk every 900 ms, `chunks` times: each gap is inside a fetch-timeout of 1000 ms. */
const trickle = (chunks: number, end = '') => `h${' 899ms c'.repeat(chunks)}${end}`;
const settings = { 'fetch-timeout': 1000, 'fetch-retries': 0 };

describe('fetch-timeout against a body that trickles in', () => {
  it(`bounds one attempt at ${WHOLE_REQUEST_FACTOR} × fetch-timeout in all: ETIMEDOUT (bound "whole") at 10000 ms, however alive it is`, () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const endless = cold<HttpEvent>(trickle(100), values);
      const endlessSubs = '^ 9999ms !';
      const expected = '   10000ms #';

      expectObservable(clientOf(scriptedTransport(endless), settings).request('GET', '/rxjs')).toBe(
        expected,
        undefined,
        errorLike(TimeoutError, { code: 'ETIMEDOUT', bound: 'whole', timeout: 10_000, method: 'GET' }),
      );
      expectSubscriptions(endless.subscriptions).toBe(endlessSubs);
    });
  });

  it('a response that ends just inside the whole bound is emitted', () => {
    marbleScheduler().run(({ cold, expectObservable }) => {
      // 10 chunks end at 9000 ms; the response follows 900 ms later, at 9900 ms.
      const slow = cold<HttpEvent>(trickle(10, ' 899ms (r|)'), values);
      const expected = '9900ms (v|)';

      expectObservable(clientOf(scriptedTransport(slow), settings).request('GET', '/rxjs')).toBe(expected, { v: expect.objectContaining({ data: { name: 'rxjs' } }) });
    });
  });

  it('a gap of more than fetch-timeout between two chunks is ETIMEDOUT (bound "idle") at once', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      // Three chunks end at 2700 ms; then nothing for 1500 ms.
      const stalls = cold<HttpEvent>(`${trickle(3)} 1500ms (r|)`, values);
      const stallsSubs = '^ 3699ms !';
      const expected = '  2700ms 1000ms #';

      expectObservable(clientOf(scriptedTransport(stalls), settings).request('GET', '/rxjs')).toBe(
        expected,
        undefined,
        errorLike(TimeoutError, { code: 'ETIMEDOUT', bound: 'idle', timeout: 1000 }),
      );
      expectSubscriptions(stalls.subscriptions).toBe(stallsSubs);
    });
  });

  it('fetch-timeout 0 bounds neither', () => {
    marbleScheduler().run(({ cold, expectObservable }) => {
      const slow = cold<HttpEvent>(trickle(100, ' 899ms (r|)'), values);
      const expected = '90900ms (v|)';

      expectObservable(clientOf(scriptedTransport(slow), { 'fetch-timeout': 0, 'fetch-retries': 0 }).request('GET', '/rxjs')).toBe(expected, { v: expect.objectContaining({ statusCode: 200 }) });
    });
  });
});
