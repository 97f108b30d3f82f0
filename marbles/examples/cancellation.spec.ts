import { takeUntil, timer } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { RegistryClient } from 'rxnpm';
import { memoryStore, TestingTransport } from 'rxnpm/testing';

describe('cancelling a request by unsubscribing', () => {
  it('aborts the request in flight, and nothing is emitted or stored', () => {
    const transport = new TestingTransport();
    const client = new RegistryClient({ registry: 'http://127.0.0.1:4873/', cache: memoryStore(), transport });
    const request = transport.expectOne('/rxjs');

    new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ cold, expectObservable, expectSubscriptions }) => {
      const answer = cold('----a|', { a: { body: { name: 'rxjs' } } });
      const answerSubs = ' ^-!';
      const expected = '   --|';
      request.respondWith(answer);

      expectObservable(client.get('/rxjs').pipe(takeUntil(timer(2)))).toBe(expected);
      expectSubscriptions(answer.subscriptions).toBe(answerSubs);
    });
    expect(request.cancelled).toBe(true);
    transport.verify();
  });
});
