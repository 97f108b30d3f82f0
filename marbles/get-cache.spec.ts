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
      fetch.respondWith(answer);

      expectObservable(client.get('/rxjs').pipe(seen())).toBe('--(a|)', { a: { cacheStatus: 'miss', data: V1 } });
      expectSubscriptions(answer.subscriptions).toBe('         ^-!');
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
      expectObservable(client.get('/rxjs')).toBe('(a|)', {
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

      expectObservable(client.get('/rxjs', 60).pipe(seen()), '30s ^').toBe('30s (a|)', { a: { cacheStatus: 'hit', data: V1 } });
    });

    transport.expectNone('GET', '/rxjs');
    transport.verify();
  });

  it('with an older copy sends a conditional request with its ETag and Last-Modified; a 304 emits the cached body as revalidated', () => {
    const { client, transport, store } = cachingClient();
    const revalidation = transport.expectOne('GET', '/rxjs');

    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      const answer = cold<TestResponse>('--a|', { a: { status: 304, headers: V1_HEADERS } });
      revalidation.respondWith(answer);

      expectObservable(client.get('/rxjs', 60).pipe(seen()), '90s ^').toBe('90s --(a|)', { a: { cacheStatus: 'revalidated', data: V1 } });
      expectSubscriptions(answer.subscriptions).toBe('                      90s ^-!');
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

      expectObservable(client.get('/rxjs', 60).pipe(seen()), '90s ^').toBe(' 90s (a|)', { a: { cacheStatus: 'revalidated', data: V1 } });
      // 130 s after the copy was stored, but 40 s after the registry confirmed it.
      expectObservable(client.get('/rxjs', 60).pipe(seen()), '130s ^').toBe('130s (a|)', { a: { cacheStatus: 'hit', data: V1 } });
    });

    expect(transport.requests).toHaveLength(1);
    transport.verify();
  });

  it('a 200 to the conditional request emits the new body as updated and stores it: the next get within the timeout is a hit of it', () => {
    const { client, transport, store } = cachingClient();
    const revalidation = transport.expectOne('GET', '/rxjs');

    marbleScheduler().run(({ cold, expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      revalidation.respondWith(cold('--a|', { a: { body: V2, headers: V2_HEADERS } }));

      const updatedThenHit = concat(
        client.get('/rxjs', 60),
        timer(30_000).pipe(switchMap(() => client.get('/rxjs', 60))),
      );
      expectObservable(updatedThenHit.pipe(seen()), '90s ^').toBe('90s --a 29999ms (b|)', {
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

      expectObservable(client.get('/rxjs').pipe(seen()), '10s ^').toBe('10s (a|)', { a: { cacheStatus: 'updated', data: V2 } });
      expectObservable(client.get('/rxjs').pipe(seen()), '20s ^').toBe('20s (a|)', { a: { cacheStatus: 'revalidated', data: V2 } });
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
      expectObservable(get(), '^').toBe('     (a|)', { a: { cacheStatus: 'miss', data: V1 } });
      expectObservable(get(), '30s ^').toBe(' 30s (a|)', { a: { cacheStatus: 'hit', data: V1 } });
      expectObservable(get(), '60s ^').toBe(' 60s (a|)', { a: { cacheStatus: 'revalidated', data: V1 } });
      expectObservable(get(), '90s ^').toBe(' 90s (a|)', { a: { cacheStatus: 'hit', data: V1 } });
      expectObservable(get(), '120s ^').toBe('120s (a|)', { a: { cacheStatus: 'updated', data: V2 } });
      expectObservable(get(), '150s ^').toBe('150s (a|)', { a: { cacheStatus: 'hit', data: V2 } });
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

        expectObservable(client.get('/rxjs'), '10s ^').toBe('10s (a|)', {
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
        expectObservable(client.get('/rxjs', 3600).pipe(seen())).toBe('        #', undefined, errorLike(BadResponseError, { code: 'EBADRESPONSE', statusCode: 304 }));
        expectObservable(client.get('/rxjs', 3600).pipe(seen()), '1s ^').toBe('1s (a|)', { a: { cacheStatus: 'miss', data: V1 } });
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
      expectObservable(client.get('/rxjs', 3600).pipe(seen())).toBe('        #', undefined, errorLike(HttpError, { code: 'E404', statusCode: 404 }));
      expectObservable(client.get('/rxjs', 3600).pipe(seen()), '1s ^').toBe('1s (a|)', { a: { cacheStatus: 'miss', data: V1 } });
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
      write.respondWith(cold('-a|', { a: { body: V2, headers: V2_HEADERS } }));

      expectObservable(client.get('/rxjs?write=true', 3600).pipe(seen()), '10s ^').toBe('10s -(a|)', { a: { cacheStatus: 'skip', data: V2 } });
      // The plain URL's copy is untouched by what the write URL fetched.
      expectObservable(client.get('/rxjs', 3600).pipe(seen()), '           20s ^').toBe('20s (a|)', { a: { cacheStatus: 'hit', data: V1 } });
    });

    expect(write.request.headers).not.toHaveProperty('if-none-match');
    expect(write.request.headers).not.toHaveProperty('if-modified-since');
    expect(store.keys()).toEqual([KEY_OF_RXJS]);
    transport.verify();
  });
});
