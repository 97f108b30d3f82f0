import { TimeoutError } from '../src/errors/timeout-error';
import type { HttpEvent } from '../src/request/http-event';
import { RXJS_OK, RXJS_RESPONSE, headersOf } from './support/http-events';
import { clientOf, errorLike, marbleScheduler } from './support/marble-client';
import { scriptedTransport } from './support/scripted-transport';

describe('fetch-timeout', () => {
  it('fails a silent transport with TimeoutError ETIMEDOUT at exactly fetch-timeout ms', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const silent = cold<HttpEvent>('-');
      const silentSubs = '            ^ 999ms !';
      const expected = '              1000ms #';
      const settings = { 'fetch-timeout': 1000, 'fetch-retries': 0 };

      expectObservable(clientOf(scriptedTransport(silent), settings).request('GET', '/rxjs')).toBe(
        expected,
        undefined,
        errorLike(TimeoutError, { code: 'ETIMEDOUT', timeout: 1000, method: 'GET', url: 'http://127.0.0.1:4873/rxjs' }),
      );
      expectSubscriptions(silent.subscriptions).toBe(silentSubs);
    });
  });

  it('retries a timeout like a network error: 10000 ms, then 60000 ms, then the TimeoutError', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const attempts = [cold<HttpEvent>('-'), cold<HttpEvent>('-'), cold<HttpEvent>('-')];
      const attempt1Subs = '^ 999ms !';
      const attempt2Subs = '1000ms 10000ms ^ 999ms !';
      const attempt3Subs = '1000ms 10000ms 1000ms 60000ms ^ 999ms !';
      const expected = '    1000ms 10000ms 1000ms 60000ms 1000ms #';
      const transport = scriptedTransport(...attempts);

      expectObservable(clientOf(transport, { 'fetch-timeout': 1000 }).request('GET', '/rxjs')).toBe(expected, undefined, errorLike(TimeoutError, { code: 'ETIMEDOUT' }));
      expectSubscriptions(attempts[0].subscriptions).toBe(attempt1Subs);
      expectSubscriptions(attempts[1].subscriptions).toBe(attempt2Subs);
      expectSubscriptions(attempts[2].subscriptions).toBe(attempt3Subs);

      flush();
      expect(transport.requests).toHaveLength(3);
    });
  });

  it('emits the response when the attempt after a timeout answers', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const silent = cold<HttpEvent>(' -');
      const answers = cold<HttpEvent>('              --(r|)', { r: RXJS_OK });
      const silentSubs = '             ^ 999ms !';
      const answersSubs = '            1000ms 10000ms ^-!';
      const expected = '               1000ms 10000ms --(v|)';

      expectObservable(clientOf(scriptedTransport(silent, answers), { 'fetch-timeout': 1000 }).request('GET', '/rxjs')).toBe(expected, { v: RXJS_RESPONSE });
      expectSubscriptions(silent.subscriptions).toBe(silentSubs);
      expectSubscriptions(answers.subscriptions).toBe(answersSubs);
    });
  });

  it('times out a stall between the headers and the response longer than fetch-timeout', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const stalls = cold<HttpEvent>('-h 2000ms (r|)', { h: headersOf(200), r: RXJS_OK });
      const stallsSubs = '            ^ 1000ms !';
      const expected = '              - 1000ms #';
      const settings = { 'fetch-timeout': 1000, 'fetch-retries': 0 };

      expectObservable(clientOf(scriptedTransport(stalls), settings).request('GET', '/rxjs')).toBe(expected, undefined, errorLike(TimeoutError, { code: 'ETIMEDOUT' }));
      expectSubscriptions(stalls.subscriptions).toBe(stallsSubs);
    });
  });

  it('counts each gap on its own: events 900 ms apart never time out at 1000 ms', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const slowButAlive = cold<HttpEvent>('900ms h 899ms (r|)', { h: headersOf(200), r: RXJS_OK });
      const slowButAliveSubs = '            ^ 1799ms !';
      const expected = '                    900ms - 899ms (v|)';

      expectObservable(clientOf(scriptedTransport(slowButAlive), { 'fetch-timeout': 1000 }).request('GET', '/rxjs')).toBe(expected, { v: RXJS_RESPONSE });
      expectSubscriptions(slowButAlive.subscriptions).toBe(slowButAliveSubs);
    });
  });

  it('defaults to five minutes', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const silent = cold<HttpEvent>('-');
      const silentSubs = '            ^ 299999ms !';
      const expected = '              5m #';

      expectObservable(clientOf(scriptedTransport(silent), { 'fetch-retries': 0 }).request('GET', '/rxjs')).toBe(expected, undefined, errorLike(TimeoutError, { code: 'ETIMEDOUT', timeout: 300_000 }));
      expectSubscriptions(silent.subscriptions).toBe(silentSubs);
    });
  });

  it('fetch-timeout 0 waits forever', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const late = cold<HttpEvent>('60m (r|)', { r: RXJS_OK });
      const lateSubs = '            ^ 3599999ms !';
      const expected = '            60m (v|)';

      expectObservable(clientOf(scriptedTransport(late), { 'fetch-timeout': 0 }).request('GET', '/rxjs')).toBe(expected, { v: RXJS_RESPONSE });
      expectSubscriptions(late.subscriptions).toBe(lateSubs);
    });
  });
});
