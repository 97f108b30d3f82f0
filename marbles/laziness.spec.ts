import type { HttpEvent } from '../src/request/http-event';
import { RXJS_OK, RXJS_RESPONSE } from './support/http-events';
import { clientOf, marbleScheduler } from './support/marble-client';
import { scriptedTransport } from './support/scripted-transport';

describe('request() is cold and lazy', () => {
  it('hands nothing to the transport before subscribe, and sends when subscribed', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const answer = cold<HttpEvent>('     --(r|)', { r: RXJS_OK });
      const subscription = '          -----^';
      const answerSubs = '            -----^-!';
      const expected = '              -------(v|)';
      const transport = scriptedTransport(answer);
      const result = clientOf(transport).request('GET', '/rxjs');
      expect(transport.requests).toHaveLength(0);

      expectObservable(result, subscription).toBe(expected, { v: RXJS_RESPONSE });
      expectSubscriptions(answer.subscriptions).toBe(answerSubs);

      flush();
      expect(transport.requests.map((req) => `${req.method} ${req.url}`)).toEqual(['GET http://127.0.0.1:4873/rxjs']);
    });
  });

  it('sends again for each subscription: two subscriptions, two requests', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const first = cold<HttpEvent>(' --(r|)', { r: RXJS_OK });
      const second = cold<HttpEvent>('   --(r|)', { r: RXJS_OK });
      const subscription1 = '         ^';
      const subscription2 = '         ---^';
      const firstSubs = '             ^-!';
      const secondSubs = '            ---^-!';
      const expected1 = '             --(v|)';
      const expected2 = '             -----(v|)';
      const transport = scriptedTransport(first, second);
      const result = clientOf(transport).request('GET', '/rxjs');

      expectObservable(result, subscription1).toBe(expected1, { v: RXJS_RESPONSE });
      expectObservable(result, subscription2).toBe(expected2, { v: RXJS_RESPONSE });
      expectSubscriptions(first.subscriptions).toBe(firstSubs);
      expectSubscriptions(second.subscriptions).toBe(secondSubs);

      flush();
      expect(transport.requests).toHaveLength(2);
      expect(transport.requests[0]).not.toBe(transport.requests[1]);
    });
  });

  it('does not share one subscription between subscribers who overlap', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold<HttpEvent>(' -----(r|)', { r: RXJS_OK });
      const second = cold<HttpEvent>('  -----(r|)', { r: RXJS_OK });
      const subscription1 = '         ^';
      const subscription2 = '         --^';
      const firstSubs = '             ^----!';
      const secondSubs = '            --^----!';
      const expected1 = '             -----(v|)';
      const expected2 = '             -------(v|)';
      const result = clientOf(scriptedTransport(first, second)).request('GET', '/rxjs');

      expectObservable(result, subscription1).toBe(expected1, { v: RXJS_RESPONSE });
      expectObservable(result, subscription2).toBe(expected2, { v: RXJS_RESPONSE });
      expectSubscriptions(first.subscriptions).toBe(firstSubs);
      expectSubscriptions(second.subscriptions).toBe(secondSubs);
    });
  });
});
