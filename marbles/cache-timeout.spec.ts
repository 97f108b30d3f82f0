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

      expectObservable(client.get('/rxjs', 60).pipe(seen()), '59999ms ^').toBe('59999ms (h|)', { h: hit });
      expectObservable(client.get('/rxjs', 60).pipe(seen()), '60000ms ^').toBe('60000ms (r|)', { r: revalidated });
    });

    expect(transport.requests).toHaveLength(1);
    transport.verify();
  });

  it('the positional form get(url, timeout) and the option { timeout } agree', () => {
    const { client, transport, store } = cachingClient();

    marbleScheduler().run(({ expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);

      expectObservable(client.get('/rxjs', 60).pipe(seen()), '             30s ^').toBe('30s (h|)', { h: hit });
      expectObservable(client.get('/rxjs', { timeout: 60 }).pipe(seen()), '30s ^').toBe('30s (h|)', { h: hit });
    });

    transport.verify();
  });

  it('the default timeout (-1) with cache-min 0 revalidates a copy of any age', () => {
    const { client, transport, store } = cachingClient();
    transport.expectOne('GET', '/rxjs').flush(null, { status: 304 });

    marbleScheduler().run(({ expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);

      expectObservable(client.get('/rxjs').pipe(seen()), '-^').toBe('-(r|)', { r: revalidated });
    });

    transport.verify();
  });

  it('cache-min defaults to 0, as npm has it: with the default timeout (-1) every get revalidates its copy', () => {
    const { client, transport, store } = cachingClient({ 'cache-min': undefined });
    transport.expectOne('GET', '/rxjs').flush(null, { status: 304 });
    transport.expectOne('GET', '/rxjs').flush(null, { status: 304 });

    marbleScheduler().run(({ expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);

      expectObservable(client.get('/rxjs').pipe(seen()), ' 1ms ^').toBe(' 1ms (r|)', { r: revalidated });
      expectObservable(client.get('/rxjs').pipe(seen()), '10ms ^').toBe('10ms (r|)', { r: revalidated });
    });

    expect(client.config.cacheMin).toBe(0);
    expect(transport.requests.map((req) => req.headers['if-none-match'])).toEqual([V1_HEADERS.etag, V1_HEADERS.etag]);
    transport.verify();
  });

  it('with cache-min 60 a copy 30 s old is a hit even for timeout 5, and revalidated at 60 s', () => {
    const { client, transport, store } = cachingClient({ 'cache-min': 60 });
    transport.expectOne('GET', '/rxjs').flush(null, { status: 304 });

    marbleScheduler().run(({ cold, expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      // One get at each of these frames: 30 s and 60 s after the copy was stored.
      const ticks = cold(' 30s a 29999ms (b|)');
      const gets = ticks.pipe(mergeMap(() => client.get('/rxjs', 5)), seen());

      expectObservable(gets).toBe('30s h 29999ms (r|)', { h: hit, r: revalidated });
    });

    transport.verify();
  });

  it('with cache-max 5 a timeout of 600 still revalidates a copy 5 s old', () => {
    const { client, transport, store } = cachingClient({ 'cache-max': 5 });
    const revalidation = transport.expectOne('GET', '/rxjs');
    revalidation.flush(null, { status: 304 });

    marbleScheduler().run(({ expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);

      expectObservable(client.get('/rxjs', 600).pipe(seen()), '4999ms ^').toBe('4999ms (h|)', { h: hit });
      expectObservable(client.get('/rxjs', 600).pipe(seen()), '5s ^').toBe('    5s (r|)', { r: revalidated });
    });

    expect(revalidation.request.headers['if-none-match']).toBe('"v1"');
    transport.verify();
  });

  it('preferOffline is not bounded by cache-max', () => {
    const { client, transport, store } = cachingClient({ 'cache-max': 5 });

    marbleScheduler().run(({ expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);

      expectObservable(client.get('/rxjs', { preferOffline: true }).pipe(seen()), '3600s ^').toBe('3600s (h|)', { h: hit });
    });

    transport.expectNone('GET', '/rxjs');
    transport.verify();
  });
});
