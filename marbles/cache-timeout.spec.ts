import { mergeMap } from 'rxjs';
import { cachingClient, seed, seen, V1, V1_HEADERS } from './support/caching-client';
import { marbleScheduler } from './support/marble-client';

const hit = { cacheStatus: 'hit', data: V1 };
const revalidated = { cacheStatus: 'revalidated', data: V1 };

describe('get()’s timeout, clamped to [cache-min, cache-max]', () => {
  it('a copy is a hit until exactly `timeout` seconds have passed, then revalidated', () => {
    const { client, transport, store } = cachingClient();
    transport.expectOne('GET', '/rxjs').flush(null, { status: 304 });

    marbleScheduler().run(({ expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      const lastFresh = '         59999ms ^';
      const firstStale = '        60000ms ^';
      const lastFreshExpected = ' 59999ms (h|)';
      const firstStaleExpected = '60000ms (r|)';

      expectObservable(client.get('/rxjs', 60).pipe(seen()), lastFresh).toBe(lastFreshExpected, { h: hit });
      expectObservable(client.get('/rxjs', 60).pipe(seen()), firstStale).toBe(firstStaleExpected, { r: revalidated });
    });

    expect(transport.requests).toHaveLength(1);
    transport.verify();
  });

  it('the positional form get(url, timeout) and the option { timeout } agree', () => {
    const { client, transport, store } = cachingClient();

    marbleScheduler().run(({ expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      const subscription = '30s ^';
      const expected = '    30s (h|)';

      expectObservable(client.get('/rxjs', 60).pipe(seen()), subscription).toBe(expected, { h: hit });
      expectObservable(client.get('/rxjs', { timeout: 60 }).pipe(seen()), subscription).toBe(expected, { h: hit });
    });

    transport.verify();
  });

  it('the default timeout (-1) with cache-min 0 revalidates a copy of any age', () => {
    const { client, transport, store } = cachingClient();
    transport.expectOne('GET', '/rxjs').flush(null, { status: 304 });

    marbleScheduler().run(({ expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      const subscription = '-^';
      const expected = '    -(r|)';

      expectObservable(client.get('/rxjs').pipe(seen()), subscription).toBe(expected, { r: revalidated });
    });

    transport.verify();
  });

  it('cache-min defaults to 0, as npm has it: with the default timeout (-1) every get revalidates its copy', () => {
    const { client, transport, store } = cachingClient({ 'cache-min': undefined });
    transport.expectOne('GET', '/rxjs').flush(null, { status: 304 });
    transport.expectOne('GET', '/rxjs').flush(null, { status: 304 });

    marbleScheduler().run(({ expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      const subscription1 = '1ms ^';
      const subscription2 = '10ms ^';
      const expected1 = '    1ms (r|)';
      const expected2 = '    10ms (r|)';

      expectObservable(client.get('/rxjs').pipe(seen()), subscription1).toBe(expected1, { r: revalidated });
      expectObservable(client.get('/rxjs').pipe(seen()), subscription2).toBe(expected2, { r: revalidated });
    });

    expect(transport.requests.map((req) => req.headers['if-none-match'])).toEqual([V1_HEADERS.etag, V1_HEADERS.etag]);
    transport.verify();
  });

  it('with cache-min 60 a copy 30 s old is a hit even for timeout 5, and revalidated at 60 s', () => {
    const { client, transport, store } = cachingClient({ 'cache-min': 60 });
    transport.expectOne('GET', '/rxjs').flush(null, { status: 304 });

    marbleScheduler().run(({ cold, expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      // One get at each of these frames: 30 s and 60 s after the copy was stored.
      const ticks = cold('30s a 29999ms (b|)');
      const expected = '  30s h 29999ms (r|)';
      const gets = ticks.pipe(mergeMap(() => client.get('/rxjs', 5)), seen());

      expectObservable(gets).toBe(expected, { h: hit, r: revalidated });
    });

    transport.verify();
  });

  it('with cache-max 5 a timeout of 600 still revalidates a copy 5 s old', () => {
    const { client, transport, store } = cachingClient({ 'cache-max': 5 });
    const revalidation = transport.expectOne('GET', '/rxjs');
    revalidation.flush(null, { status: 304 });

    marbleScheduler().run(({ expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      const lastFresh = '         4999ms ^';
      const firstStale = '        5s ^';
      const lastFreshExpected = ' 4999ms (h|)';
      const firstStaleExpected = '5s (r|)';

      expectObservable(client.get('/rxjs', 600).pipe(seen()), lastFresh).toBe(lastFreshExpected, { h: hit });
      expectObservable(client.get('/rxjs', 600).pipe(seen()), firstStale).toBe(firstStaleExpected, { r: revalidated });
    });

    expect(revalidation.request.headers['if-none-match']).toBe('"v1"');
    transport.verify();
  });

  it('preferOffline is not bounded by cache-max', () => {
    const { client, transport, store } = cachingClient({ 'cache-max': 5 });

    marbleScheduler().run(({ expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      const subscription = '3600s ^';
      const expected = '    3600s (h|)';

      expectObservable(client.get('/rxjs', { preferOffline: true }).pipe(seen()), subscription).toBe(expected, { h: hit });
    });

    transport.expectNone('GET', '/rxjs');
    transport.verify();
  });
});
