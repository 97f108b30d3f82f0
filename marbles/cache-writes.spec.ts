import { tap } from 'rxjs';
import type { TestResponse } from '../src/testing';
import { cachingClient, seen, V1, V1_HEADERS, V2, V2_HEADERS } from './support/caching-client';
import { marbleScheduler } from './support/marble-client';

/**
 * A fetched body goes to the store as soon as it arrives, whatever else is
 * under way: nothing waits for a quiet moment that a process may never reach
 * (or may end before).
 */
describe('storing fetched documents', () => {
  it('starts the store of a finished fetch while another fetch is still under way', () => {
    const { client, transport, store } = cachingClient();
    const storedWhenFirstArrived: string[][] = [];
    marbleScheduler().run(({ cold, expectObservable }) => {
      transport.expectOne('GET', '/rxjs').respondWith(cold<TestResponse>('-a|', { a: { body: V1, headers: V1_HEADERS } }));
      transport.expectOne('GET', '/other').respondWith(cold<TestResponse>('-----a|', { a: { body: V2, headers: V2_HEADERS } }));

      const first = client.get('/rxjs').pipe(tap(() => storedWhenFirstArrived.push(store.keys())));
      expectObservable(first.pipe(seen())).toBe('-(a|)', { a: { cacheStatus: 'miss', data: V1 } });
      expectObservable(client.get('/other').pipe(seen())).toBe('-----(a|)', { a: { cacheStatus: 'miss', data: V2 } });
    });
    expect(storedWhenFirstArrived).toEqual([[expect.stringContaining('/rxjs')]]);
    expect(store.keys()).toHaveLength(2);
    transport.verify();
  });

  it('a refresh after a 304 is stored while other fetches are under way', () => {
    const { client, transport, store } = cachingClient({ 'cache-min': 0 });
    const storedAtWhenConfirmed: number[] = [];
    marbleScheduler().run(({ cold, expectObservable }) => {
      transport.expectOne('GET', '/rxjs').respondWith(cold<TestResponse>('a|', { a: { body: V1, headers: V1_HEADERS } }));
      transport.expectOne('GET', '/rxjs').respondWith(cold<TestResponse>('-a|', { a: { status: 304 } }));
      transport.expectOne('GET', '/other').respondWith(cold<TestResponse>('-----a|', { a: { body: V2, headers: V2_HEADERS } }));
      const storedAt = () => {
        let at: number | undefined;
        store.get(store.keys().find((key) => key.includes('/rxjs')) ?? '').subscribe((entry) => (at = entry?.meta.storedAt));
        return at;
      };

      expectObservable(client.get('/rxjs').pipe(seen())).toBe('(a|)', { a: { cacheStatus: 'miss', data: V1 } });
      const confirmed = client.get('/rxjs').pipe(tap(() => storedAtWhenConfirmed.push(storedAt() ?? -1)));
      expectObservable(confirmed.pipe(seen()), '--^').toBe('---(a|)', { a: { cacheStatus: 'revalidated', data: V1 } });
      expectObservable(client.get('/other').pipe(seen()), '--^').toBe('-------(a|)', { a: { cacheStatus: 'miss', data: V2 } });
    });
    // The refresh is dated when its conditional request was sent.
    expect(storedAtWhenConfirmed).toEqual([2]);
    transport.verify();
  });
});
