import { map } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { HttpError, RegistryClient } from 'rxnpm';
import { memoryStore, TestingTransport } from 'rxnpm/testing';

const registry = 'http://127.0.0.1:4873/';

describe('retry timing, as a user of rxnpm tests it', () => {
  let scheduler: TestScheduler;
  beforeEach(() => (scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected))));

  it('retries a 503 after 10 s and emits the second answer', () => {
    const transport = new TestingTransport();
    const client = new RegistryClient({ registry, cache: memoryStore(), transport });

    scheduler.run(({ cold, expectObservable }) => {
      const first = cold(' -a|', { a: { status: 503 } });
      const second = cold('          -a|', { a: { body: { name: 'rxjs' } } });
      const expected = '   - 10000ms -(a|)';
      transport.expectOne('/rxjs').respondWith(first);
      transport.expectOne('/rxjs').respondWith(second);

      expectObservable(client.get('/rxjs').pipe(map((r) => r.cacheStatus))).toBe(expected, { a: 'miss' });
    });
    transport.verify();
  });

  it('waits as long as a 429’s Retry-After asks, then gives up with the typed error after the last retry', () => {
    const transport = new TestingTransport();
    const client = new RegistryClient({ registry, cache: memoryStore(), transport, 'fetch-retries': 1 });
    const tooMany = { status: 429, headers: { 'retry-after': '30' }, body: { error: 'slow down' } };

    scheduler.run(({ cold, expectObservable }) => {
      // Retry-After 30 s is capped by fetch-retry-maxtimeout (60 s), so it is used as it is.
      const first = cold(' a|', { a: tooMany });
      const second = cold('       a|', { a: tooMany });
      const expected = '   30000ms #';
      transport.expectOne('/rxjs').respondWith(first);
      transport.expectOne('/rxjs').respondWith(second);

      expectObservable(client.get('/rxjs')).toBe(expected, undefined, expect.objectContaining({ constructor: HttpError, code: 'E429' }));
    });
    transport.verify();
  });
});
