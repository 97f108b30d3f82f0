import type { HttpEvent } from '../src/request/http-event';
import { json } from './support/http-events';
import { clientOf, marbleScheduler } from './support/marble-client';
import { scriptedTransport } from './support/scripted-transport';

const rxjs = { data: { name: 'rxjs' }, raw: '{"name":"rxjs"}', statusCode: 200, headers: { 'content-type': 'application/json' }, cacheStatus: 'skip' };

describe('request() is cold and lazy', () => {
  it('hands nothing to the transport before subscribe, and sends when subscribed', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const answer = cold<HttpEvent>('--(r|)', { r: json(200, { name: 'rxjs' }) });
      const transport = scriptedTransport(answer);
      const result = clientOf(transport).request('GET', '/rxjs');
      expect(transport.requests).toHaveLength(0);

      const subscription = '     -----^';
      expectObservable(result, subscription).toBe('-------(v|)', { v: rxjs });
      expectSubscriptions(answer.subscriptions).toBe('-----^-!');

      flush();
      expect(transport.requests.map((req) => `${req.method} ${req.url}`)).toEqual(['GET http://127.0.0.1:4873/rxjs']);
    });
  });

  it('sends again for each subscription: two subscriptions, two requests', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const first = cold<HttpEvent>(' --(r|)', { r: json(200, { name: 'rxjs' }) });
      const second = cold<HttpEvent>('--(r|)', { r: json(200, { name: 'rxjs' }) });
      const transport = scriptedTransport(first, second);
      const result = clientOf(transport).request('GET', '/rxjs');

      expectObservable(result, '^        ').toBe('--(v|)   ', { v: rxjs });
      expectObservable(result, '---^     ').toBe('-----(v|)', { v: rxjs });
      expectSubscriptions(first.subscriptions).toBe(' ^-!      ');
      expectSubscriptions(second.subscriptions).toBe('---^-!   ');

      flush();
      expect(transport.requests).toHaveLength(2);
      expect(transport.requests[0]).not.toBe(transport.requests[1]);
    });
  });

  it('does not share one subscription between subscribers who overlap', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold<HttpEvent>(' -----(r|)', { r: json(200, { name: 'rxjs' }) });
      const second = cold<HttpEvent>('-----(r|)', { r: json(200, { name: 'rxjs' }) });
      const result = clientOf(scriptedTransport(first, second)).request('GET', '/rxjs');

      expectObservable(result, '^         ').toBe('-----(v|) ', { v: rxjs });
      expectObservable(result, '--^       ').toBe('-------(v|)', { v: rxjs });
      expectSubscriptions(first.subscriptions).toBe(' ^----!    ');
      expectSubscriptions(second.subscriptions).toBe('--^----!  ');
    });
  });
});
