import { concat, switchMap, timer } from 'rxjs';
import { HttpError } from '../src/errors/http-error';
import { BadResponseError } from '../src/errors/bad-response-error';
import type { TestResponse } from '../src/testing';
import { cachingClient, FULL_ACCEPT, seed, seen, V1, V1_HEADERS, V2, V2_HEADERS } from './support/caching-client';
import { errorLike, marbleScheduler } from './support/marble-client';

const KEY_OF_RXJS = 'rxnpm:get:full:http://127.0.0.1:4873/rxjs';

describe('get() through the cache', () => {
  it('without a copy sends a plain request, stores the 200 and emits it once as a miss', () => {
    const { client, transport, store } = cachingClient();
    const fetch = transport.expectOne('GET', '/rxjs');

    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const answer = cold<TestResponse>('--a|', { a: { body: V1, headers: V1_HEADERS } });
      const answerSubs = '               ^-!';
      const expected = '                 --(a|)';
      fetch.respondWith(answer);

      expectObservable(client.get('/rxjs').pipe(seen())).toBe(expected, { a: { cacheStatus: 'miss', data: V1 } });
      expectSubscriptions(answer.subscriptions).toBe(answerSubs);
    });

    expect(fetch.request.url).toBe('http://127.0.0.1:4873/rxjs');
    expect(fetch.request.headers.accept).toBe(FULL_ACCEPT);
    expect(fetch.request.headers).not.toHaveProperty('if-none-match');
    expect(fetch.request.headers).not.toHaveProperty('if-modified-since');
    expect(store.keys()).toEqual([KEY_OF_RXJS]);
    transport.verify();
  });

  it('emits the whole response of a miss: status, the headers worth keeping, the body as text', () => {
    const { client, transport } = cachingClient();
    transport.expectOne('GET', '/rxjs').flush(V1, { headers: { ...V1_HEADERS, 'x-request-id': 'abc' } });

    marbleScheduler().run(({ expectObservable }) => {
      const expected = '(a|)';

      expectObservable(client.get('/rxjs')).toBe(expected, {
        a: {
          data: V1,
          raw: JSON.stringify(V1),
          statusCode: 200,
          headers: { 'content-type': 'application/json', ...V1_HEADERS },
          cacheStatus: 'miss',
        },
      });
    });
    transport.verify();
  });

  it('with a copy younger than the timeout emits it once, as a hit, and sends nothing', () => {
    const { client, transport, store } = cachingClient();

    marbleScheduler().run(({ expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      const subscription = '30s ^';
      const expected = '    30s (a|)';

      expectObservable(client.get('/rxjs', 60).pipe(seen()), subscription).toBe(expected, { a: { cacheStatus: 'hit', data: V1 } });
    });

    transport.expectNone('GET', '/rxjs');
    transport.verify();
  });

  it('with an older copy sends a conditional request with its ETag and Last-Modified; a 304 emits the cached body as revalidated', () => {
    const { client, transport, store } = cachingClient();
    const revalidation = transport.expectOne('GET', '/rxjs');

    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      const answer = cold<TestResponse>('    --a|', { a: { status: 304, headers: V1_HEADERS } });
      const answerSubs = '               90s ^-!';
      const subscription = '             90s ^';
      const expected = '                 90s --(a|)';
      revalidation.respondWith(answer);

      expectObservable(client.get('/rxjs', 60).pipe(seen()), subscription).toBe(expected, { a: { cacheStatus: 'revalidated', data: V1 } });
      expectSubscriptions(answer.subscriptions).toBe(answerSubs);
    });

    expect(revalidation.request.headers).toEqual(
      expect.objectContaining({ accept: FULL_ACCEPT, 'if-none-match': '"v1"', 'if-modified-since': 'Mon, 01 Jan 2024 00:00:00 GMT' }),
    );
    transport.verify();
  });

  it('a 304 renews the copy: a get within the timeout of the revalidation is a hit', () => {
    const { client, transport, store } = cachingClient();
    transport.expectOne('GET', '/rxjs').flush(null, { status: 304, headers: V1_HEADERS });

    marbleScheduler().run(({ expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      // 130 s after the copy was stored, but 40 s after the registry confirmed it.
      const revalidating = '        90s ^';
      const renewed = '             130s ^';
      const revalidatingExpected = '90s (a|)';
      const renewedExpected = '     130s (a|)';

      expectObservable(client.get('/rxjs', 60).pipe(seen()), revalidating).toBe(revalidatingExpected, { a: { cacheStatus: 'revalidated', data: V1 } });
      expectObservable(client.get('/rxjs', 60).pipe(seen()), renewed).toBe(renewedExpected, { a: { cacheStatus: 'hit', data: V1 } });
    });

    expect(transport.requests).toHaveLength(1);
    transport.verify();
  });

  it('a 200 to the conditional request emits the new body as updated and stores it: the next get within the timeout is a hit of it', () => {
    const { client, transport, store } = cachingClient();
    const revalidation = transport.expectOne('GET', '/rxjs');

    marbleScheduler().run(({ cold, expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      const answer = cold<TestResponse>('    --a|', { a: { body: V2, headers: V2_HEADERS } });
      const subscription = '             90s ^';
      const expected = '                 90s --a 29999ms (b|)';
      revalidation.respondWith(answer);

      const updatedThenHit = concat(
        client.get('/rxjs', 60),
        timer(30_000).pipe(switchMap(() => client.get('/rxjs', 60))),
      );
      expectObservable(updatedThenHit.pipe(seen()), subscription).toBe(expected, {
        a: { cacheStatus: 'updated', data: V2 },
        b: { cacheStatus: 'hit', data: V2 },
      });
    });

    expect(revalidation.request.headers['if-none-match']).toBe('"v1"');
    expect(store.keys()).toEqual([KEY_OF_RXJS]);
    transport.verify();
  });

  it('the revalidation after an update sends the new ETag and Last-Modified', () => {
    const { client, transport, store } = cachingClient();
    transport.expectOne('GET', '/rxjs').flush(V2, { headers: V2_HEADERS });
    const second = transport.expectOne('GET', '/rxjs');
    second.flush(null, { status: 304 });

    marbleScheduler().run(({ expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      const updating = '            10s ^';
      const revalidating = '        20s ^';
      const updatingExpected = '    10s (a|)';
      const revalidatingExpected = '20s (a|)';

      expectObservable(client.get('/rxjs').pipe(seen()), updating).toBe(updatingExpected, { a: { cacheStatus: 'updated', data: V2 } });
      expectObservable(client.get('/rxjs').pipe(seen()), revalidating).toBe(revalidatingExpected, { a: { cacheStatus: 'revalidated', data: V2 } });
    });

    expect(second.request.headers).toEqual(expect.objectContaining({ 'if-none-match': '"v2"', 'if-modified-since': 'Tue, 02 Jan 2024 00:00:00 GMT' }));
    transport.verify();
  });

  it('with the memory layer off, the store alone gives the same answers: miss, hit, revalidated, updated, hit', () => {
    const { client, transport } = cachingClient({ 'memory-cache-size': 0 });
    const [first, revalidation, update] = [transport.expectOne('GET', '/rxjs'), transport.expectOne('GET', '/rxjs'), transport.expectOne('GET', '/rxjs')];
    first.flush(V1, { headers: V1_HEADERS });
    revalidation.flush(null, { status: 304 });
    update.flush(V2, { headers: V2_HEADERS });

    marbleScheduler().run(({ expectObservable }) => {
      const get = () => client.get('/rxjs', 60).pipe(seen());
      const at0 = '          ^';
      const at30 = '         30s ^';
      const at60 = '         60s ^';
      const at90 = '         90s ^';
      const at120 = '        120s ^';
      const at150 = '        150s ^';
      const at0Expected = '  (a|)';
      const at30Expected = ' 30s (a|)';
      const at60Expected = ' 60s (a|)';
      const at90Expected = ' 90s (a|)';
      const at120Expected = '120s (a|)';
      const at150Expected = '150s (a|)';

      expectObservable(get(), at0).toBe(at0Expected, { a: { cacheStatus: 'miss', data: V1 } });
      expectObservable(get(), at30).toBe(at30Expected, { a: { cacheStatus: 'hit', data: V1 } });
      expectObservable(get(), at60).toBe(at60Expected, { a: { cacheStatus: 'revalidated', data: V1 } });
      expectObservable(get(), at90).toBe(at90Expected, { a: { cacheStatus: 'hit', data: V1 } });
      expectObservable(get(), at120).toBe(at120Expected, { a: { cacheStatus: 'updated', data: V2 } });
      expectObservable(get(), at150).toBe(at150Expected, { a: { cacheStatus: 'hit', data: V2 } });
    });

    expect(revalidation.request.headers['if-none-match']).toBe('"v1"');
    expect(update.request.headers['if-none-match']).toBe('"v1"');
    transport.verify();
  });

  describe('a 304 is never taken for a body', () => {
    it('a 304 that carries a body still emits the cached one', () => {
      const { client, transport, store } = cachingClient();
      transport.expectOne('GET', '/rxjs').flush({ name: 'not-what-was-cached' }, { status: 304, headers: V1_HEADERS });

      marbleScheduler().run(({ expectObservable }) => {
        seed(store, '/rxjs', V1, V1_HEADERS);
        const subscription = '10s ^';
        const expected = '    10s (a|)';

        expectObservable(client.get('/rxjs'), subscription).toBe(expected, {
          a: expect.objectContaining({ cacheStatus: 'revalidated', data: V1, raw: JSON.stringify(V1), statusCode: 200 }),
        });
      });
      transport.verify();
    });

    it('a 304 to an unconditional request is an EBADRESPONSE error, and nothing is stored', () => {
      const { client, transport, store } = cachingClient();
      transport.expectOne('GET', '/rxjs').flush(null, { status: 304 });
      const again = transport.expectOne('GET', '/rxjs');
      again.flush(V1, { headers: V1_HEADERS });

      marbleScheduler().run(({ expectObservable }) => {
        const first = '        ^';
        const next = '         1s ^';
        const firstExpected = '#';
        const nextExpected = ' 1s (a|)';

        expectObservable(client.get('/rxjs', 3600).pipe(seen()), first).toBe(firstExpected, undefined, errorLike(BadResponseError, { code: 'EBADRESPONSE', statusCode: 304 }));
        expectObservable(client.get('/rxjs', 3600).pipe(seen()), next).toBe(nextExpected, { a: { cacheStatus: 'miss', data: V1 } });
      });

      expect(again.request.headers).not.toHaveProperty('if-none-match');
      expect(store.keys()).toEqual([KEY_OF_RXJS]);
      transport.verify();
    });
  });

  it('does not store an error response: the next get asks again', () => {
    const { client, transport, store } = cachingClient({ 'fetch-retries': 0 });
    transport.expectOne('GET', '/rxjs').flush({ error: 'not found' }, { status: 404 });
    transport.expectOne('GET', '/rxjs').flush(V1, { headers: V1_HEADERS });

    marbleScheduler().run(({ expectObservable }) => {
      const first = '        ^';
      const next = '         1s ^';
      const firstExpected = '#';
      const nextExpected = ' 1s (a|)';

      expectObservable(client.get('/rxjs', 3600).pipe(seen()), first).toBe(firstExpected, undefined, errorLike(HttpError, { code: 'E404', statusCode: 404 }));
      expectObservable(client.get('/rxjs', 3600).pipe(seen()), next).toBe(nextExpected, { a: { cacheStatus: 'miss', data: V1 } });
    });

    expect(transport.requests.map((req) => req.headers['if-none-match'])).toEqual([undefined, undefined]);
    expect(store.keys()).toEqual([KEY_OF_RXJS]);
    transport.verify();
  });

  it('a URL with ?write=true goes to the network whatever is cached, stores nothing and emits cacheStatus skip', () => {
    const { client, transport, store } = cachingClient();
    const write = transport.expectOne('GET', '/rxjs?write=true');

    marbleScheduler().run(({ cold, expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      const answer = cold<TestResponse>('    -a|', { a: { body: V2, headers: V2_HEADERS } });
      const writeUrl = '                 10s ^';
      const plainUrl = '                 20s ^';
      const writeUrlExpected = '         10s -(a|)';
      const plainUrlExpected = '         20s (a|)';
      write.respondWith(answer);

      expectObservable(client.get('/rxjs?write=true', 3600).pipe(seen()), writeUrl).toBe(writeUrlExpected, { a: { cacheStatus: 'skip', data: V2 } });
      // The plain URL's copy is untouched by what the write URL fetched.
      expectObservable(client.get('/rxjs', 3600).pipe(seen()), plainUrl).toBe(plainUrlExpected, { a: { cacheStatus: 'hit', data: V1 } });
    });

    expect(write.request.headers).not.toHaveProperty('if-none-match');
    expect(write.request.headers).not.toHaveProperty('if-modified-since');
    expect(store.keys()).toEqual([KEY_OF_RXJS]);
    transport.verify();
  });
});
