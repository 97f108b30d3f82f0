import { asyncScheduler, delay, tap } from 'rxjs';
import { MemoryStore, type TestResponse } from '../src/testing';
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

describe('how long stores wait', () => {
  /** A store whose reads take `frames` virtual milliseconds, like a disk under load. */
  class SlowStore extends MemoryStore {
    constructor(private readonly frames: number) {
      super();
    }

    override get(key: string) {
      return super.get(key).pipe(delay(this.frames));
    }
  }

  const storedRxjs = (store: MemoryStore) => store.keys().some((key) => key.includes('/rxjs'));

  it('a GET still reading the store holds them back too: its answer may come from the network next', () => {
    const store = new SlowStore(4);
    const { client, transport } = cachingClient({}, store);
    const stored: boolean[] = [];
    marbleScheduler().run(({ cold, expectObservable }) => {
      transport.expectOne('GET', '/rxjs').respondWith(cold<TestResponse>('a|', { a: { body: V1, headers: V1_HEADERS } }));
      transport.expectOne('GET', '/other').respondWith(cold<TestResponse>('a|', { a: { body: V2, headers: V2_HEADERS } }));
      asyncScheduler.schedule(() => stored.push(storedRxjs(store)), 5);
      asyncScheduler.schedule(() => stored.push(storedRxjs(store)), 9);

      expectObservable(client.get('/rxjs').pipe(seen())).toBe('----(a|)', { a: { cacheStatus: 'miss', data: V1 } });
      expectObservable(client.get('/other').pipe(seen()), '--^').toBe('------(a|)', { a: { cacheStatus: 'miss', data: V2 } });
    });
    // At 5 the second GET was still reading the store (until 6): /rxjs waited; once it had its answer, both were stored.
    expect(stored).toEqual([false, true]);
    expect(store.keys()).toHaveLength(2);
    transport.verify();
  });

  it('waits at most 5 s while GETs keep running, so a process that is never idle still fills its cache', () => {
    const { client, transport, store } = cachingClient();
    const stored: boolean[] = [];
    marbleScheduler().run(({ cold, expectObservable }) => {
      transport.expectOne('GET', '/rxjs').respondWith(cold<TestResponse>('a|', { a: { body: V1, headers: V1_HEADERS } }));
      transport.expectOne('GET', '/other').respondWith(cold<TestResponse>('20s a|', { a: { body: V2, headers: V2_HEADERS } }));
      asyncScheduler.schedule(() => stored.push(storedRxjs(store)), 4999);
      asyncScheduler.schedule(() => stored.push(storedRxjs(store)), 5001);

      expectObservable(client.get('/rxjs').pipe(seen())).toBe('(a|)', { a: { cacheStatus: 'miss', data: V1 } });
      expectObservable(client.get('/other').pipe(seen())).toBe('20s (a|)', { a: { cacheStatus: 'miss', data: V2 } });
    });
    expect(stored).toEqual([false, true]);
    expect(store.keys()).toHaveLength(2);
    transport.verify();
  });
});
