import type { HttpEvent } from '../src/request/http-event';
import { RXJS_OK, networkError } from './support/http-events';
import { clientOf, marbleScheduler } from './support/marble-client';
import { scriptedTransport } from './support/scripted-transport';

describe('unsubscribing', () => {
  it('while the first retry is pending cancels it: no further request reaches the transport', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const first = cold<HttpEvent>(' ---#', {}, networkError('ECONNRESET'));
      const second = cold<HttpEvent>('---(r|)', { r: RXJS_OK });
      const subscription = '          ^ 4999ms !';
      const firstSubs = '             ^--!';
      const expected = '              -';
      const transport = scriptedTransport(first, second);

      expectObservable(clientOf(transport).request('GET', '/rxjs'), subscription).toBe(expected);
      expectSubscriptions(first.subscriptions).toBe(firstSubs);
      expectSubscriptions(second.subscriptions).toBe([]);

      flush();
      expect(transport.requests).toHaveLength(1);
    });
  });

  it('while the second retry is pending cancels it', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const failure = networkError('ECONNRESET');
      const first = cold<HttpEvent>(' ---#', {}, failure);
      const second = cold<HttpEvent>('            ---#', {}, failure);
      const third = cold<HttpEvent>(' ---(r|)', { r: RXJS_OK });
      const subscription = '          --- 10000ms --- 29999ms !';
      const firstSubs = '             ^--!';
      const secondSubs = '            --- 10000ms ^--!';
      const expected = '              -';
      const transport = scriptedTransport(first, second, third);

      expectObservable(clientOf(transport).request('GET', '/rxjs'), subscription).toBe(expected);
      expectSubscriptions(first.subscriptions).toBe(firstSubs);
      expectSubscriptions(second.subscriptions).toBe(secondSubs);
      expectSubscriptions(third.subscriptions).toBe([]);

      flush();
      expect(transport.requests).toHaveLength(2);
    });
  });

  it('during a request unsubscribes the transport’s observable', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const slow = cold<HttpEvent>('-----(r|)', { r: RXJS_OK });
      const subscription = '        ^-!';
      const slowSubs = '            ^-!';
      const expected = '            -';
      const transport = scriptedTransport(slow);

      expectObservable(clientOf(transport).request('GET', '/rxjs'), subscription).toBe(expected);
      expectSubscriptions(slow.subscriptions).toBe(slowSubs);

      flush();
      expect(transport.requests).toHaveLength(1);
    });
  });

  it('during a retried attempt unsubscribes that attempt and sends no other', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold<HttpEvent>(' ---#', {}, networkError('ECONNREFUSED'));
      const second = cold<HttpEvent>('            -----(r|)', { r: RXJS_OK });
      const third = cold<HttpEvent>(' ---(r|)', { r: RXJS_OK });
      const subscription = '          --- 10000ms --!';
      const firstSubs = '             ^--!';
      const secondSubs = '            --- 10000ms ^-!';
      const expected = '              -';

      expectObservable(clientOf(scriptedTransport(first, second, third)).request('GET', '/rxjs'), subscription).toBe(expected);
      expectSubscriptions(first.subscriptions).toBe(firstSubs);
      expectSubscriptions(second.subscriptions).toBe(secondSubs);
      expectSubscriptions(third.subscriptions).toBe([]);
    });
  });

  it('during a fetch-timeout wait stops the timer: no timeout, no retry', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const silent = cold<HttpEvent>('-');
      const spare = cold<HttpEvent>(' ---(r|)', { r: RXJS_OK });
      const subscription = '          ^ 499ms !';
      const silentSubs = '            ^ 499ms !';
      const expected = '              -';
      const transport = scriptedTransport(silent, spare);

      expectObservable(clientOf(transport, { 'fetch-timeout': 1000 }).request('GET', '/rxjs'), subscription).toBe(expected);
      expectSubscriptions(silent.subscriptions).toBe(silentSubs);
      expectSubscriptions(spare.subscriptions).toBe([]);

      flush();
      expect(transport.requests).toHaveLength(1);
    });
  });
});
