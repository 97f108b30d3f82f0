import { HttpError } from '../src/errors/http-error';
import type { TestResponse } from '../src/testing';
import { cachingClient, seed, seen, V1, V1_HEADERS, V2, V2_HEADERS } from './support/caching-client';
import { errorLike, marbleScheduler } from './support/marble-client';

const miss = { cacheStatus: 'miss', data: V1 };

describe('concurrent gets of the same document', () => {
  it('subscribed at the same and at overlapping frames share one request, and all get the data when it arrives', () => {
    const { client, transport, store } = cachingClient();
    const fetch = transport.expectOne('GET', '/rxjs');

    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const answer = cold<TestResponse>('----a|', { a: { body: V1, headers: V1_HEADERS } });
      const answerSubs = '               ^---!';
      const subscription1 = '            ^';
      const subscription2 = '            ^';
      const subscription3 = '            --^';
      const expected1 = '                ----(a|)';
      const expected2 = '                ----(a|)';
      const expected3 = '                ----(a|)';
      fetch.respondWith(answer);

      expectObservable(client.get('/rxjs').pipe(seen()), subscription1).toBe(expected1, { a: miss });
      expectObservable(client.get('/rxjs').pipe(seen()), subscription2).toBe(expected2, { a: miss });
      expectObservable(client.get('/rxjs').pipe(seen()), subscription3).toBe(expected3, { a: miss });
      expectSubscriptions(answer.subscriptions).toBe(answerSubs);
    });

    expect(transport.requests).toHaveLength(1);
    expect(store.keys()).toHaveLength(1);
    transport.verify();
  });

  it('a subscriber after the shared request finished does not join it: it reads the cache', () => {
    const { client, transport } = cachingClient();

    marbleScheduler().run(({ cold, expectObservable }) => {
      const answer = cold<TestResponse>('--a|', { a: { body: V1, headers: V1_HEADERS } });
      const subscription1 = '            ^';
      const subscription2 = '            ---^';
      const expected1 = '                --(a|)';
      const expected2 = '                ---(h|)';
      transport.expectOne('GET', '/rxjs').respondWith(answer);

      expectObservable(client.get('/rxjs', 60).pipe(seen()), subscription1).toBe(expected1, { a: miss });
      expectObservable(client.get('/rxjs', 60).pipe(seen()), subscription2).toBe(expected2, { h: { cacheStatus: 'hit', data: V1 } });
    });

    transport.verify();
  });

  it('conditional revalidations share one request too', () => {
    const { client, transport, store } = cachingClient();
    const revalidation = transport.expectOne('GET', '/rxjs');

    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      const answer = cold<TestResponse>('   ---a|', { a: { body: V2, headers: V2_HEADERS } });
      const answerSubs = '               1s ^--!';
      const subscription1 = '            1s ^';
      const subscription2 = '            1s -^';
      const staleOkSubscription = '      1s --^';
      const expected1 = '                1s ---(u|)';
      const expected2 = '                1s ---(u|)';
      const staleOkExpected = '          1s --s(u|)';
      revalidation.respondWith(answer);

      const updated = { cacheStatus: 'updated', data: V2 };
      expectObservable(client.get('/rxjs').pipe(seen()), subscription1).toBe(expected1, { u: updated });
      expectObservable(client.get('/rxjs').pipe(seen()), subscription2).toBe(expected2, { u: updated });
      expectObservable(client.get('/rxjs', { staleOk: true }).pipe(seen()), staleOkSubscription).toBe(staleOkExpected, { s: { cacheStatus: 'stale', data: V1 }, u: updated });
      expectSubscriptions(answer.subscriptions).toBe(answerSubs);
    });

    expect(revalidation.request.headers['if-none-match']).toBe('"v1"');
    transport.verify();
  });

  describe('cancellation of the shared request', () => {
    it('is not unsubscribed while one subscriber remains: the first leaving early does not abort it', () => {
      const { client, transport } = cachingClient();
      const fetch = transport.expectOne('GET', '/rxjs');

      marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const answer = cold<TestResponse>('-----a|', { a: { body: V1 } });
        const answerSubs = '               ^----!';
        const leaving = '                  ^-!';
        const staying = '                  -^';
        const leavingExpected = '          -';
        const stayingExpected = '          -----(a|)';
        fetch.respondWith(answer);

        expectObservable(client.get('/rxjs').pipe(seen()), leaving).toBe(leavingExpected);
        expectObservable(client.get('/rxjs').pipe(seen()), staying).toBe(stayingExpected, { a: miss });
        expectSubscriptions(answer.subscriptions).toBe(answerSubs);
      });

      expect(fetch.cancelled).toBe(false);
      transport.verify();
    });

    it('is unsubscribed when the last subscriber leaves, at that frame, and nothing is stored', () => {
      const { client, transport, store } = cachingClient();
      const fetch = transport.expectOne('GET', '/rxjs');

      marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const answer = cold<TestResponse>('------a|', { a: { body: V1 } });
        const answerSubs = '               ^----!';
        const subscription1 = '            ^--!';
        const subscription2 = '            -^---!';
        const expected = '                 -';
        fetch.respondWith(answer);

        expectObservable(client.get('/rxjs').pipe(seen()), subscription1).toBe(expected);
        expectObservable(client.get('/rxjs').pipe(seen()), subscription2).toBe(expected);
        expectSubscriptions(answer.subscriptions).toBe(answerSubs);
      });

      expect(fetch.cancelled).toBe(true);
      expect(store.keys()).toEqual([]);
      transport.verify();
    });

    it('a subscriber after the abort starts a new request', () => {
      const { client, transport } = cachingClient();
      const aborted = transport.expectOne('GET', '/rxjs');
      const fresh = transport.expectOne('GET', '/rxjs');

      marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const first = cold<TestResponse>(' ------a|', { a: { body: V1 } });
        const second = cold<TestResponse>('    --a|', { a: { body: V1 } });
        const firstSubs = '                ^--!';
        const secondSubs = '               ----^-!';
        const leaving = '                  ^--!';
        const later = '                    ----^';
        const leavingExpected = '          -';
        const laterExpected = '            ------(a|)';
        aborted.respondWith(first);
        fresh.respondWith(second);

        expectObservable(client.get('/rxjs').pipe(seen()), leaving).toBe(leavingExpected);
        expectObservable(client.get('/rxjs').pipe(seen()), later).toBe(laterExpected, { a: miss });
        expectSubscriptions(first.subscriptions).toBe(firstSubs);
        expectSubscriptions(second.subscriptions).toBe(secondSubs);
      });

      expect([aborted.cancelled, fresh.cancelled]).toEqual([true, false]);
      transport.verify();
    });
  });

  describe('a failure', () => {
    it('reaches every subscriber of the shared request', () => {
      const { client, transport } = cachingClient({ 'fetch-retries': 0 });

      marbleScheduler().run(({ cold, expectObservable }) => {
        const answer = cold<TestResponse>('---a|', { a: { status: 500, body: { error: 'oops' } } });
        const subscription1 = '            ^';
        const subscription2 = '            -^';
        const expected = '                 ---#';
        transport.expectOne('GET', '/rxjs').respondWith(answer);
        const e500 = errorLike(HttpError, { code: 'E500', statusCode: 500 });

        expectObservable(client.get('/rxjs').pipe(seen()), subscription1).toBe(expected, undefined, e500);
        expectObservable(client.get('/rxjs').pipe(seen()), subscription2).toBe(expected, undefined, e500);
      });

      expect(transport.requests).toHaveLength(1);
      transport.verify();
    });

    it('is not memoised: the next subscription sends again and gets the data', () => {
      const { client, transport, store } = cachingClient({ 'fetch-retries': 0 });
      const failing = transport.expectOne('GET', '/rxjs');
      const next = transport.expectOne('GET', '/rxjs');

      marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const first = cold<TestResponse>(' --a|', { a: { status: 503 } });
        const second = cold<TestResponse>('   --a|', { a: { body: V1, headers: V1_HEADERS } });
        const firstSubs = '                ^-!';
        const secondSubs = '               ---^-!';
        const subscription1 = '            ^';
        const subscription2 = '            ---^';
        const expected1 = '                --#';
        const expected2 = '                -----(a|)';
        failing.respondWith(first);
        next.respondWith(second);

        expectObservable(client.get('/rxjs').pipe(seen()), subscription1).toBe(expected1, undefined, errorLike(HttpError, { code: 'E503' }));
        expectObservable(client.get('/rxjs').pipe(seen()), subscription2).toBe(expected2, { a: miss });
        expectSubscriptions(first.subscriptions).toBe(firstSubs);
        expectSubscriptions(second.subscriptions).toBe(secondSubs);
      });

      expect(next.request.headers).not.toHaveProperty('if-none-match');
      expect(store.keys()).toHaveLength(1);
      transport.verify();
    });
  });
});
