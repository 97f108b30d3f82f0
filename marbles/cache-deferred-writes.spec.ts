import { tap } from 'rxjs';
import type { TestResponse } from '../src/testing';
import { cachingClient, seen, V1, V1_HEADERS, V2, V2_HEADERS } from './support/caching-client';
import { marbleScheduler } from './support/marble-client';

/**
 * In a burst of fetches, bodies are stored only once no fetch is under way,
 * so writing the cache never competes with delivering responses. They are in
 * memory meanwhile, so reads in the same client do not notice.
 */
describe('storing fetched documents after the fetches end', () => {
  it('holds the store of a finished fetch while another is under way, then stores both', () => {
    const { client, transport, store } = cachingClient();
    const storedWhenFirstArrived: string[][] = [];
    marbleScheduler().run(({ cold, expectObservable }) => {
      transport.expectOne('GET', '/rxjs').respondWith(cold<TestResponse>('-a|', { a: { body: V1, headers: V1_HEADERS } }));
      transport.expectOne('GET', '/other').respondWith(cold<TestResponse>('-----a|', { a: { body: V2, headers: V2_HEADERS } }));

      const first = client.get('/rxjs').pipe(tap(() => storedWhenFirstArrived.push(store.keys())));
      expectObservable(first.pipe(seen())).toBe('-(a|)', { a: { cacheStatus: 'miss', data: V1 } });
      expectObservable(client.get('/other').pipe(seen())).toBe('-----(a|)', { a: { cacheStatus: 'miss', data: V2 } });
    });
    // When the first answer arrived, the other fetch was still under way: nothing had been stored.
    expect(storedWhenFirstArrived).toEqual([[]]);
    expect(store.keys()).toHaveLength(2);
    transport.verify();
  });

  it('a document waiting to be stored is still served from memory', () => {
    const { client, transport, store } = cachingClient({ 'cache-min': 60 });
    marbleScheduler().run(({ cold, expectObservable }) => {
      transport.expectOne('GET', '/rxjs').respondWith(cold<TestResponse>('a|', { a: { body: V1, headers: V1_HEADERS } }));
      transport.expectOne('GET', '/other').respondWith(cold<TestResponse>('-----a|', { a: { body: V2, headers: V2_HEADERS } }));
      expectObservable(client.get('/other').pipe(seen())).toBe('-----(a|)', { a: { cacheStatus: 'miss', data: V2 } });
      expectObservable(client.get('/rxjs').pipe(seen())).toBe('(a|)', { a: { cacheStatus: 'miss', data: V1 } });
      expectObservable(client.get('/rxjs').pipe(seen()), '--^').toBe('--(a|)', { a: { cacheStatus: 'hit', data: V1 } });
    });
    expect(store.keys()).toHaveLength(2);
    transport.verify();
  });
});
