import { NotCachedError } from '../src/errors/not-cached-error';
import type { TestResponse } from '../src/testing';
import { cachingClient, seen, V1, V1_HEADERS, V2, V2_HEADERS } from './support/caching-client';
import { errorLike, marbleScheduler } from './support/marble-client';

/**
 * A fetched body goes to the store as soon as it arrives, whatever else is
 * under way: nothing waits for a quiet moment that a process may never reach
 * (or may end before). Another client over the same store, as another process
 * over the same cache folder, shows what has been stored and when.
 */
describe('storing fetched documents', () => {
  it('stores a finished fetch while another fetch is still under way', () => {
    const { client, transport, store } = cachingClient();
    const elsewhere = cachingClient({}, store);

    marbleScheduler().run(({ cold, expectObservable }) => {
      const rxjsAnswer = cold<TestResponse>(' -a|', { a: { body: V1, headers: V1_HEADERS } });
      const otherAnswer = cold<TestResponse>('-----a|', { a: { body: V2, headers: V2_HEADERS } });
      const readElsewhere = '                 --^';
      const rxjsExpected = '                  -(a|)';
      const otherExpected = '                 -----(a|)';
      const readRxjsExpected = '              --(h|)';
      const readOtherExpected = '             --#';
      transport.expectOne('GET', '/rxjs').respondWith(rxjsAnswer);
      transport.expectOne('GET', '/other').respondWith(otherAnswer);

      expectObservable(client.get('/rxjs').pipe(seen())).toBe(rxjsExpected, { a: { cacheStatus: 'miss', data: V1 } });
      expectObservable(client.get('/other').pipe(seen())).toBe(otherExpected, { a: { cacheStatus: 'miss', data: V2 } });
      // At frame 2 /other is still on its way: /rxjs is in the store already, /other is not yet.
      expectObservable(elsewhere.client.get('/rxjs', { offline: true }).pipe(seen()), readElsewhere).toBe(readRxjsExpected, { h: { cacheStatus: 'hit', data: V1 } });
      expectObservable(elsewhere.client.get('/other', { offline: true }), readElsewhere).toBe(readOtherExpected, undefined, errorLike(NotCachedError, { code: 'ENOTCACHED' }));
    });

    expect(store.keys()).toHaveLength(2);
    transport.verify();
    elsewhere.transport.verify();
  });

  it('stores the refresh of a 304 while another fetch is under way, dated when its conditional request was sent', () => {
    const { client, transport, store } = cachingClient();
    const elsewhere = cachingClient({}, store);

    marbleScheduler().run(({ cold, expectObservable }) => {
      const firstAnswer = cold<TestResponse>('    a|', { a: { body: V1, headers: V1_HEADERS } });
      const refreshAnswer = cold<TestResponse>('     -a|', { a: { status: 304 } });
      const otherAnswer = cold<TestResponse>('       -----a|', { a: { body: V2, headers: V2_HEADERS } });
      const elsewhereAnswer = cold<TestResponse>('   (a|)', { a: { status: 304 } });
      const refresh = '                           2s ^';
      const readSoon = '                          2s --^';
      const readLastFresh = '                     2999ms ^';
      const readFirstStale = '                    3s ^';
      const firstExpected = '                     (a|)';
      const refreshExpected = '                   2s -(a|)';
      const otherExpected = '                     2s -----(a|)';
      const readSoonExpected = '                  2s --(h|)';
      const readLastFreshExpected = '             2999ms (h|)';
      const readFirstStaleExpected = '            3s (r|)';
      transport.expectOne('GET', '/rxjs').respondWith(firstAnswer);
      transport.expectOne('GET', '/rxjs').respondWith(refreshAnswer);
      transport.expectOne('GET', '/other').respondWith(otherAnswer);
      elsewhere.transport.expectOne('GET', '/rxjs').respondWith(elsewhereAnswer);

      const revalidated = { cacheStatus: 'revalidated', data: V1 };
      const hit = { cacheStatus: 'hit', data: V1 };
      expectObservable(client.get('/rxjs').pipe(seen())).toBe(firstExpected, { a: { cacheStatus: 'miss', data: V1 } });
      expectObservable(client.get('/rxjs').pipe(seen()), refresh).toBe(refreshExpected, { a: revalidated });
      expectObservable(client.get('/other').pipe(seen()), refresh).toBe(otherExpected, { a: { cacheStatus: 'miss', data: V2 } });
      // With a timeout of 1 s, the copy stored at 0 would be stale by 2 s: a hit means the refresh is stored,
      // fresh from 2 s (when it was asked for) until 3 s, when it is revalidated again.
      expectObservable(elsewhere.client.get('/rxjs', 1).pipe(seen()), readSoon).toBe(readSoonExpected, { h: hit });
      expectObservable(elsewhere.client.get('/rxjs', 1).pipe(seen()), readLastFresh).toBe(readLastFreshExpected, { h: hit });
      expectObservable(elsewhere.client.get('/rxjs', 1).pipe(seen()), readFirstStale).toBe(readFirstStaleExpected, { r: revalidated });
    });

    expect(elsewhere.transport.requests.map((req) => req.headers['if-none-match'])).toEqual(['"v1"']);
    transport.verify();
    elsewhere.transport.verify();
  });
});
