import type { TestResponse } from '../src/testing';
import { cachingClient, CORGI_ACCEPT, FULL_ACCEPT, seed, seen, V1, V1_HEADERS } from './support/caching-client';
import { marbleScheduler } from './support/marble-client';

/** The abbreviated ("corgi") packument of V1, with validators of its own. */
const CORGI_V1 = { name: 'rxjs', modified: '2024-01-01T00:00:00.000Z', 'dist-tags': { latest: '7.8.1' }, versions: { '7.8.1': { name: 'rxjs', version: '7.8.1' } } };
const CORGI_HEADERS = { etag: '"corgi-v1"', 'last-modified': 'Mon, 01 Jan 2024 00:00:00 GMT' };

describe('full and abbreviated documents', () => {
  it('get asks for the full document; fullMetadata: false asks for the abbreviated one with npm’s Accept', () => {
    const { client, transport } = cachingClient();
    const full = transport.expectOne('GET', '/rxjs');
    const corgi = transport.expectOne('GET', '/rxjs');

    marbleScheduler().run(({ cold, expectObservable }) => {
      const fullAnswer = cold<TestResponse>(' -a|', { a: { body: V1, headers: V1_HEADERS } });
      const corgiAnswer = cold<TestResponse>('  -a|', { a: { body: CORGI_V1, headers: CORGI_HEADERS } });
      const corgiSubscription = '             --^';
      const fullExpected = '                  -(a|)';
      const corgiExpected = '                 ---(b|)';
      full.respondWith(fullAnswer);
      corgi.respondWith(corgiAnswer);

      expectObservable(client.get('/rxjs').pipe(seen())).toBe(fullExpected, { a: { cacheStatus: 'miss', data: V1 } });
      expectObservable(client.get('/rxjs', { fullMetadata: false }).pipe(seen()), corgiSubscription).toBe(corgiExpected, { b: { cacheStatus: 'miss', data: CORGI_V1 } });
    });

    expect(full.request.headers.accept).toBe(FULL_ACCEPT);
    expect(corgi.request.headers.accept).toBe(CORGI_ACCEPT);
    transport.verify();
  });

  it('are cached apart: a fresh full copy does not answer an abbreviated get, and each then hits its own', () => {
    const { client, transport, store } = cachingClient();
    const corgi = transport.expectOne('GET', '/rxjs');

    marbleScheduler().run(({ cold, expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      const corgiAnswer = cold<TestResponse>('   -a|', { a: { body: CORGI_V1, headers: CORGI_HEADERS } });
      const corgiMiss = '                     1s ^';
      const fullHit = '                       2s ^';
      const corgiHit = '                      3s ^';
      const corgiMissExpected = '             1s -(b|)';
      const fullHitExpected = '               2s (a|)';
      const corgiHitExpected = '              3s (b|)';
      corgi.respondWith(corgiAnswer);

      expectObservable(client.get('/rxjs', { timeout: 3600, fullMetadata: false }).pipe(seen()), corgiMiss).toBe(corgiMissExpected, { b: { cacheStatus: 'miss', data: CORGI_V1 } });
      expectObservable(client.get('/rxjs', { timeout: 3600 }).pipe(seen()), fullHit).toBe(fullHitExpected, { a: { cacheStatus: 'hit', data: V1 } });
      expectObservable(client.get('/rxjs', { timeout: 3600, fullMetadata: false }).pipe(seen()), corgiHit).toBe(corgiHitExpected, { b: { cacheStatus: 'hit', data: CORGI_V1 } });
    });

    // The full copy's validators must not be sent for the other document.
    expect(corgi.request.headers).not.toHaveProperty('if-none-match');
    expect(corgi.request.headers).not.toHaveProperty('if-modified-since');
    expect(store.keys().sort()).toEqual(['rxnpm:get:corgi:http://127.0.0.1:4873/rxjs', 'rxnpm:get:full:http://127.0.0.1:4873/rxjs']);
    transport.verify();
  });

  it('each revalidates with its own validators', () => {
    const { client, transport, store } = cachingClient();
    const full = transport.expectOne('GET', '/rxjs');
    const corgi = transport.expectOne('GET', '/rxjs');
    full.flush(null, { status: 304 });
    corgi.flush(null, { status: 304 });

    marbleScheduler().run(({ expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      seed(store, '/rxjs', CORGI_V1, CORGI_HEADERS, { fullMetadata: false });
      const fullSubscription = ' 1s ^';
      const corgiSubscription = '2s ^';
      const fullExpected = '     1s (a|)';
      const corgiExpected = '    2s (b|)';

      expectObservable(client.get('/rxjs').pipe(seen()), fullSubscription).toBe(fullExpected, { a: { cacheStatus: 'revalidated', data: V1 } });
      expectObservable(client.get('/rxjs', { fullMetadata: false }).pipe(seen()), corgiSubscription).toBe(corgiExpected, { b: { cacheStatus: 'revalidated', data: CORGI_V1 } });
    });

    expect(full.request.headers).toEqual(expect.objectContaining({ accept: FULL_ACCEPT, 'if-none-match': '"v1"' }));
    expect(corgi.request.headers).toEqual(expect.objectContaining({ accept: CORGI_ACCEPT, 'if-none-match': '"corgi-v1"' }));
    transport.verify();
  });

  it('concurrent full and abbreviated gets are two requests, not one shared', () => {
    const { client, transport } = cachingClient();
    const full = transport.expectOne('GET', '/rxjs');
    const corgi = transport.expectOne('GET', '/rxjs');

    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const fullAnswer = cold<TestResponse>(' --a|', { a: { body: V1 } });
      const corgiAnswer = cold<TestResponse>('---a|', { a: { body: CORGI_V1 } });
      const fullAnswerSubs = '                ^-!';
      const corgiAnswerSubs = '               ^--!';
      const fullExpected = '                  --(a|)';
      const corgiExpected = '                 ---(b|)';
      full.respondWith(fullAnswer);
      corgi.respondWith(corgiAnswer);

      expectObservable(client.get('/rxjs').pipe(seen())).toBe(fullExpected, { a: { cacheStatus: 'miss', data: V1 } });
      expectObservable(client.get('/rxjs', { fullMetadata: false }).pipe(seen())).toBe(corgiExpected, { b: { cacheStatus: 'miss', data: CORGI_V1 } });
      expectSubscriptions(fullAnswer.subscriptions).toBe(fullAnswerSubs);
      expectSubscriptions(corgiAnswer.subscriptions).toBe(corgiAnswerSubs);
    });

    expect([full.request.headers.accept, corgi.request.headers.accept]).toEqual([FULL_ACCEPT, CORGI_ACCEPT]);
    transport.verify();
  });
});
