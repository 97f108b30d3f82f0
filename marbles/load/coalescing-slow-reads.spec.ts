import { RegistryClient } from '../../src';
import { TestingTransport, type TestResponse } from '../../src/testing';
import { seen, V1, V1_HEADERS } from '../support/caching-client';
import { marbleScheduler, REGISTRY } from '../support/marble-client';
import { SlowStore } from './support/slow-store';

/**
 * Under load the cache's reads queue up behind each other (cacache reads go
 * through libuv's four threads), so of many GETs subscribed at once for one
 * document, one may see the disk answer "absent" only after another's request
 * has already brought the document in. That later subscriber must take the
 * document now in memory, not send the request again.
 */
describe('concurrent gets whose cache reads end at different times', () => {
  it('a subscriber whose read of the store ends after the shared request finished takes the fetched document, with no second request', () => {
    const transport = new TestingTransport();
    // The first subscriber's read ends at once, the second's after 20 frames.
    const client = new RegistryClient({ registry: REGISTRY, cache: new SlowStore([0, 20]), transport });
    const fetch = transport.expectOne('GET', '/rxjs');

    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const answer = cold<TestResponse>('-----a|', { a: { body: V1, headers: V1_HEADERS } });
      fetch.respondWith(answer);

      expectObservable(client.get('/rxjs').pipe(seen()), '^').toBe('-----(a|)              ', { a: { cacheStatus: 'miss', data: V1 } });
      expectObservable(client.get('/rxjs').pipe(seen()), '^').toBe('--------------------(h|)', { h: { cacheStatus: 'hit', data: V1 } });
      expectSubscriptions(answer.subscriptions).toBe('            ^----!                  ');
    });

    expect(transport.requests).toHaveLength(1);
    transport.verify();
  });

  it('a copy fetched while an older one was being read from the store is the one kept in memory', () => {
    const transport = new TestingTransport();
    const store = new SlowStore([1, 20]);
    const client = new RegistryClient({ registry: REGISTRY, cache: store, transport, 'cache-min': 0 });
    const V2 = { ...V1, 'dist-tags': { latest: '7.8.2' } };

    marbleScheduler().run(({ cold, expectObservable }) => {
      transport.expectOne('GET', '/rxjs').respondWith(cold<TestResponse>('(a|)', { a: { body: V1, headers: V1_HEADERS } }));
      // A second client over the same store fills it with V1, as an earlier process would have.
      expectObservable(new RegistryClient({ registry: REGISTRY, cache: store.inner, transport }).get('/rxjs').pipe(seen())).toBe('(a|)', { a: { cacheStatus: 'miss', data: V1 } });
      transport.expectOne('GET', '/rxjs').respondWith(cold<TestResponse>('-----a|', { a: { body: V2, headers: { etag: '"v2"' } } }));

      // At frame 1 two gets: a revalidation whose read ends at 2 and that brings V2 at 7, and one whose read
      // of the store, begun while it still held V1, ends only at 21.
      expectObservable(client.get('/rxjs', { preferOnline: true }).pipe(seen()), '-^').toBe('-------(u|)', { u: { cacheStatus: 'updated', data: V2 } });
      expectObservable(client.get('/rxjs', { preferOffline: true }).pipe(seen()), '-^').toBe('---------------------(h|)', { h: { cacheStatus: 'hit', data: V2 } });
      // And later, from memory (no store read), the newer copy.
      expectObservable(client.get('/rxjs', { preferOffline: true }).pipe(seen()), '30ms ^').toBe('30ms (h|)', { h: { cacheStatus: 'hit', data: V2 } });
    });

    transport.verify();
  });
});
