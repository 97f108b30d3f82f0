import { NotCachedError } from '../src/errors/not-cached-error';
import type { TestResponse } from '../src/testing';
import { cachingClient, seed, seen, V1, V1_HEADERS, V2, V2_HEADERS } from './support/caching-client';
import { errorLike, marbleScheduler } from './support/marble-client';

const TEN_DAYS = '864000s';

describe('get() in offline, preferOffline and preferOnline modes', () => {
  describe('offline', () => {
    it('with a copy, however old, emits it as a hit and sends nothing', () => {
      const { client, transport, store } = cachingClient();

      marbleScheduler().run(({ expectObservable }) => {
        seed(store, '/rxjs', V1, V1_HEADERS);
        const subscription = `${TEN_DAYS} ^`;
        const expected = `${TEN_DAYS} (h|)`;

        expectObservable(client.get('/rxjs', { offline: true }).pipe(seen()), subscription).toBe(expected, { h: { cacheStatus: 'hit', data: V1 } });
      });

      transport.expectNone('GET', '/rxjs');
      transport.verify();
    });

    it('without a copy fails at once with ENOTCACHED and sends nothing', () => {
      const { client, transport } = cachingClient();

      marbleScheduler().run(({ expectObservable }) => {
        const subscription = '5s ^';
        const expected = '    5s #';

        expectObservable(client.get('/rxjs', { offline: true }).pipe(seen()), subscription).toBe(
          expected,
          undefined,
          errorLike(NotCachedError, { code: 'ENOTCACHED', method: 'GET', url: 'http://127.0.0.1:4873/rxjs' }),
        );
      });

      transport.expectNone('/rxjs');
      expect(transport.requests).toEqual([]);
      transport.verify();
    });

    it('with only the full document cached, the abbreviated one is ENOTCACHED', () => {
      const { client, transport, store } = cachingClient();

      marbleScheduler().run(({ expectObservable }) => {
        seed(store, '/rxjs', V1, V1_HEADERS);
        const expected = '#';

        expectObservable(client.get('/rxjs', { offline: true, fullMetadata: false }).pipe(seen())).toBe(expected, undefined, errorLike(NotCachedError, { code: 'ENOTCACHED' }));
      });

      expect(transport.requests).toEqual([]);
      transport.verify();
    });
  });

  describe('preferOffline', () => {
    it('with an old copy emits it as a hit and sends nothing, whatever the timeout', () => {
      const { client, transport, store } = cachingClient();

      marbleScheduler().run(({ expectObservable }) => {
        seed(store, '/rxjs', V1, V1_HEADERS);
        const anyTimeout = `${TEN_DAYS} ^`;
        const shortTimeout = `${TEN_DAYS} -^`;
        const anyTimeoutExpected = `${TEN_DAYS} (h|)`;
        const shortTimeoutExpected = `${TEN_DAYS} -(h|)`;

        expectObservable(client.get('/rxjs', { preferOffline: true }).pipe(seen()), anyTimeout).toBe(anyTimeoutExpected, { h: { cacheStatus: 'hit', data: V1 } });
        expectObservable(client.get('/rxjs', { preferOffline: true, timeout: 1, staleOk: true }).pipe(seen()), shortTimeout).toBe(shortTimeoutExpected, {
          h: { cacheStatus: 'hit', data: V1 },
        });
      });

      transport.expectNone('GET', '/rxjs');
      transport.verify();
    });

    it('without a copy asks the network: a miss', () => {
      const { client, transport } = cachingClient();
      const fetch = transport.expectOne('GET', '/rxjs');

      marbleScheduler().run(({ cold, expectObservable }) => {
        const answer = cold<TestResponse>('--a|', { a: { body: V1, headers: V1_HEADERS } });
        const expected = '                 --(m|)';
        fetch.respondWith(answer);

        expectObservable(client.get('/rxjs', { preferOffline: true }).pipe(seen())).toBe(expected, { m: { cacheStatus: 'miss', data: V1 } });
      });

      expect(fetch.request.headers).not.toHaveProperty('if-none-match');
      transport.verify();
    });
  });

  describe('preferOnline', () => {
    it('with a copy well within its timeout still sends a conditional request; 304 → revalidated', () => {
      const { client, transport, store } = cachingClient();
      const revalidation = transport.expectOne('GET', '/rxjs');

      marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        seed(store, '/rxjs', V1, V1_HEADERS);
        const answer = cold<TestResponse>('   -a|', { a: { status: 304 } });
        const answerSubs = '               1s ^!';
        const subscription = '             1s ^';
        const expected = '                 1s -(r|)';
        revalidation.respondWith(answer);

        expectObservable(client.get('/rxjs', { timeout: 3600, preferOnline: true }).pipe(seen()), subscription).toBe(expected, { r: { cacheStatus: 'revalidated', data: V1 } });
        expectSubscriptions(answer.subscriptions).toBe(answerSubs);
      });

      expect(revalidation.request.headers).toEqual(expect.objectContaining({ 'if-none-match': '"v1"', 'if-modified-since': 'Mon, 01 Jan 2024 00:00:00 GMT' }));
      transport.verify();
    });

    it('with a fresh copy and a changed document emits it as updated', () => {
      const { client, transport, store } = cachingClient({ 'cache-min': 600 });
      transport.expectOne('GET', '/rxjs').flush(V2, { headers: V2_HEADERS });

      marbleScheduler().run(({ expectObservable }) => {
        seed(store, '/rxjs', V1, V1_HEADERS);
        const online = '        1s ^';
        const next = '          2s ^';
        const onlineExpected = '1s (u|)';
        const nextExpected = '  2s (h|)';

        expectObservable(client.get('/rxjs', { preferOnline: true }).pipe(seen()), online).toBe(onlineExpected, { u: { cacheStatus: 'updated', data: V2 } });
        // preferOnline only for that get: the next one, within cache-min, is a hit of the new document.
        expectObservable(client.get('/rxjs').pipe(seen()), next).toBe(nextExpected, { h: { cacheStatus: 'hit', data: V2 } });
      });

      transport.verify();
    });

    it('with staleOk emits the fresh copy as stale first, then the revalidated one', () => {
      const { client, transport, store } = cachingClient();

      marbleScheduler().run(({ cold, expectObservable }) => {
        seed(store, '/rxjs', V1, V1_HEADERS);
        const answer = cold<TestResponse>('   --a|', { a: { status: 304 } });
        const subscription = '             1s ^';
        const expected = '                 1s s-(r|)';
        transport.expectOne('GET', '/rxjs').respondWith(answer);

        expectObservable(client.get('/rxjs', { timeout: 3600, preferOnline: true, staleOk: true }).pipe(seen()), subscription).toBe(expected, {
          s: { cacheStatus: 'stale', data: V1 },
          r: { cacheStatus: 'revalidated', data: V1 },
        });
      });

      transport.verify();
    });
  });
});
