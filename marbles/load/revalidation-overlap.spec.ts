import { RegistryClient } from '../../src';
import { TestingTransport, type TestResponse } from '../../src/testing';
import { seed, seen, V1, V1_HEADERS, V2, V2_HEADERS } from '../support/caching-client';
import { marbleScheduler, REGISTRY } from '../support/marble-client';
import { SlowStore } from './support/slow-store';

/**
 * A revalidation needs only the copy's record (its ETag and date) to ask the
 * registry: the conditional request leaves as soon as the record is read,
 * while the body (a large content file) is still coming off the disk. A 304
 * then waits for the body; a 200 does not.
 */
describe('a revalidation whose cached body is slow to read', () => {
  // The record reads at once, the body 30 frames later; the registry answers 5 frames after the request leaves.
  const slowBody = () => {
    const transport = new TestingTransport();
    const store = new SlowStore([], 30);
    const client = new RegistryClient({ registry: REGISTRY, cache: store, transport, 'cache-min': 0 });
    return { client, transport, store };
  };

  it('sends the conditional request before the body is read, and answers a 304 once it is', () => {
    const { client, transport, store } = slowBody();
    const revalidation = transport.expectOne('GET', '/rxjs');

    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      seed(store.inner, '/rxjs', V1, V1_HEADERS);
      const answer = cold<TestResponse>('   -----(a|)', { a: { status: 304 } });
      const answerSubs = '                  ^----!';
      const expected = '                    30ms (r|)';
      revalidation.respondWith(answer);

      expectObservable(client.get('/rxjs').pipe(seen())).toBe(expected, { r: { cacheStatus: 'revalidated', data: V1 } });
      expectSubscriptions(answer.subscriptions).toBe(answerSubs);
    });

    expect(revalidation.request.headers).toMatchObject({ 'if-none-match': V1_HEADERS.etag });
    transport.verify();
  });

  it('answers a changed document (200) without waiting for the old body', () => {
    const { client, transport, store } = slowBody();
    const revalidation = transport.expectOne('GET', '/rxjs');

    marbleScheduler().run(({ cold, expectObservable }) => {
      seed(store.inner, '/rxjs', V1, V1_HEADERS);
      const answer = cold<TestResponse>('-----(a|)', { a: { body: V2, headers: V2_HEADERS } });
      const expected = '                 -----(u|)';
      revalidation.respondWith(answer);

      expectObservable(client.get('/rxjs').pipe(seen())).toBe(expected, { u: { cacheStatus: 'updated', data: V2 } });
    });

    transport.verify();
  });

  it('a 304 for a copy whose body turns out unusable asks again without conditions', () => {
    const { client, transport, store } = slowBody();
    const revalidation = transport.expectOne('GET', '/rxjs');
    const refetch = transport.expectOne('GET', '/rxjs');

    marbleScheduler().run(({ cold, expectObservable }) => {
      seed(store.inner, '/rxjs', V1, V1_HEADERS);
      // The body on disk is not the document its record describes (here: not JSON at all).
      const [key] = store.inner.keys();
      store.inner.get(key).subscribe((entry) => store.inner.put(key, entry!.meta, Buffer.from('{trunc')).subscribe());
      revalidation.respondWith(cold<TestResponse>('-----(a|)', { a: { status: 304 } }));
      refetch.respondWith(cold<TestResponse>('     --(a|)', { a: { body: V2, headers: V2_HEADERS } }));
      const expected = '                              30ms --(m|)';

      expectObservable(client.get('/rxjs').pipe(seen())).toBe(expected, { m: { cacheStatus: 'miss', data: V2 } });
    });

    expect(refetch.request.headers).not.toHaveProperty('if-none-match');
    transport.verify();
  });
});

/**
 * Another process's write marker outdates a stored copy only where the copy
 * would be served without asking the registry: a revalidation's 304 or 200
 * already says what is current, so it reads no marker.
 */
describe('write markers and stored copies', () => {
  const client = (store: SlowStore, transport: TestingTransport) => new RegistryClient({ registry: REGISTRY, cache: store, transport, 'cache-min': 0 });

  it('a revalidation reads no write marker', () => {
    const transport = new TestingTransport();
    const store = new SlowStore([]);
    transport.expectOne('GET', '/rxjs').flush(null, { status: 304 });

    marbleScheduler().run(({ expectObservable }) => {
      seed(store.inner, '/rxjs', V1, V1_HEADERS);
      expectObservable(client(store, transport).get('/rxjs').pipe(seen())).toBe('(r|)', { r: { cacheStatus: 'revalidated', data: V1 } });
    });

    expect(store.markerReads).toBe(0);
    transport.verify();
  });

  it('a copy served from the store without asking (offline, or stale first) is checked against the marker', () => {
    const transport = new TestingTransport();
    const store = new SlowStore([]);
    transport.expectOne('GET', '/rxjs').flush(null, { status: 304 });

    marbleScheduler().run(({ expectObservable }) => {
      seed(store.inner, '/rxjs', V1, V1_HEADERS);
      expectObservable(client(store, transport).get('/rxjs', { offline: true }).pipe(seen())).toBe('(h|)', { h: { cacheStatus: 'hit', data: V1 } });
      expectObservable(client(store, transport).get('/rxjs', { staleOk: true }).pipe(seen())).toBe('(sr|)', {
        s: { cacheStatus: 'stale', data: V1 },
        r: { cacheStatus: 'revalidated', data: V1 },
      });
    });

    expect(store.markerReads).toBe(2);
    transport.verify();
  });
});
