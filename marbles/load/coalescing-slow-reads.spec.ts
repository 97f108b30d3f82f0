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
    // The first subscriber's read ends at once, the second's after 20 frames; a copy stays fresh for 10 s.
    const client = new RegistryClient({ registry: REGISTRY, cache: new SlowStore([0, 20]), transport, 'cache-min': 10 });
    const fetch = transport.expectOne('GET', '/rxjs');

    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const answer = cold<TestResponse>('-----a|', { a: { body: V1, headers: V1_HEADERS } });
      const answerSubs = '               ^----!';
      const quickRead = '                -----(a|)';
      const slowRead = '                 --------------------(h|)';
      fetch.respondWith(answer);

      expectObservable(client.get('/rxjs').pipe(seen())).toBe(quickRead, { a: { cacheStatus: 'miss', data: V1 } });
      expectObservable(client.get('/rxjs').pipe(seen())).toBe(slowRead, { h: { cacheStatus: 'hit', data: V1 } });
      expectSubscriptions(answer.subscriptions).toBe(answerSubs);
    });

    expect(transport.requests).toHaveLength(1);
    transport.verify();
  });

  it('gets reading the same key at once share one store read, and the copy fetched afterwards is the one kept in memory', () => {
    const transport = new TestingTransport();
    const store = new SlowStore([1, 20]);
    const client = new RegistryClient({ registry: REGISTRY, cache: store, transport, 'cache-min': 0 });
    const V2 = { ...V1, 'dist-tags': { latest: '7.8.2' } };

    marbleScheduler().run(({ cold, expectObservable }) => {
      const earlier = cold<TestResponse>('     (a|)', { a: { body: V1, headers: V1_HEADERS } });
      const revalidation = cold<TestResponse>('  -----a|', { a: { body: V2, headers: { etag: '"v2"' } } });
      const both = '                           -^';
      const later = '                          30ms ^';
      const earlierExpected = '                (a|)';
      const onlineExpected = '                 -------(u|)';
      const offlineExpected = '                --(h|)';
      const laterExpected = '                  30ms (h|)';
      transport.expectOne('GET', '/rxjs').respondWith(earlier);
      // A second client over the same store fills it with V1, as an earlier process would have.
      expectObservable(new RegistryClient({ registry: REGISTRY, cache: store.inner, transport }).get('/rxjs').pipe(seen())).toBe(earlierExpected, { a: { cacheStatus: 'miss', data: V1 } });
      transport.expectOne('GET', '/rxjs').respondWith(revalidation);

      // At frame 1 two gets share one read of the store, which ends at 2 with V1: the revalidation then brings
      // V2 at 7, while the preferOffline get answers with the V1 it read. (A second read, 20 frames long, is never made.)
      expectObservable(client.get('/rxjs', { preferOnline: true }).pipe(seen()), both).toBe(onlineExpected, { u: { cacheStatus: 'updated', data: V2 } });
      expectObservable(client.get('/rxjs', { preferOffline: true }).pipe(seen()), both).toBe(offlineExpected, { h: { cacheStatus: 'hit', data: V1 } });
      // And later, from memory (no store read), the newer copy.
      expectObservable(client.get('/rxjs', { preferOffline: true }).pipe(seen()), later).toBe(laterExpected, { h: { cacheStatus: 'hit', data: V2 } });
    });

    transport.verify();
  });

  it('many gets of one key at once read the store once', () => {
    const transport = new TestingTransport();
    const store = new SlowStore([5]);
    const client = new RegistryClient({ registry: REGISTRY, cache: store, transport });
    marbleScheduler().run(({ cold, expectObservable }) => {
      // The store's read takes 5 frames; the answer comes in the frame the request is made.
      const answer = cold<TestResponse>('     a|', { a: { body: V1, headers: V1_HEADERS } });
      const expected = '                 -----(a|)';
      transport.expectOne('GET', '/rxjs').respondWith(answer);
      for (let i = 0; i < 5; i += 1) {
        expectObservable(client.get('/rxjs').pipe(seen())).toBe(expected, { a: { cacheStatus: 'miss', data: V1 } });
      }
    });
    expect(store.reads).toBe(1);
    transport.verify();
  });
});
