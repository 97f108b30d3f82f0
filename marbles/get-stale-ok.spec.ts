import { HttpError } from '../src/errors/http-error';
import { NetworkError } from '../src/errors/network-error';
import type { TestResponse } from '../src/testing';
import { cachingClient, seed, seen, V1, V1_HEADERS, V2, V2_HEADERS } from './support/caching-client';
import { errorLike, marbleScheduler } from './support/marble-client';

const stale = { cacheStatus: 'stale', data: V1 };
const revalidated = { cacheStatus: 'revalidated', data: V1 };

describe('get() with staleOk and a copy past its timeout', () => {
  it('emits the copy at the subscribe frame as stale, then the revalidated one when the 304 arrives, then completes', () => {
    const { client, transport, store } = cachingClient();
    const revalidation = transport.expectOne('GET', '/rxjs');

    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      const answer = cold<TestResponse>('    --a|', { a: { status: 304, headers: V1_HEADERS } });
      const answerSubs = '               90s ^-!';
      const subscription = '             90s ^';
      const expected = '                 90s s-(r|)';
      revalidation.respondWith(answer);

      expectObservable(client.get('/rxjs', { timeout: 60, staleOk: true }).pipe(seen()), subscription).toBe(expected, { s: stale, r: revalidated });
      expectSubscriptions(answer.subscriptions).toBe(answerSubs);
    });

    expect(revalidation.request.headers).toEqual(expect.objectContaining({ 'if-none-match': '"v1"', 'if-modified-since': 'Mon, 01 Jan 2024 00:00:00 GMT' }));
    transport.verify();
  });

  it('emits the copy as stale, then the new document as updated when the 200 arrives, and stores it', () => {
    const { client, transport, store } = cachingClient();
    const revalidation = transport.expectOne('GET', '/rxjs');

    marbleScheduler().run(({ cold, expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      const answer = cold<TestResponse>('    --a|', { a: { body: V2, headers: V2_HEADERS } });
      const staleCopy = '                90s ^';
      const updatedCopy = '              120s ^';
      const staleCopyExpected = '        90s s-(u|)';
      const updatedCopyExpected = '      120s (h|)';
      revalidation.respondWith(answer);

      expectObservable(client.get('/rxjs', { timeout: 60, staleOk: true }).pipe(seen()), staleCopy).toBe(staleCopyExpected, {
        s: stale,
        u: { cacheStatus: 'updated', data: V2 },
      });
      // Within 60 s of the update: the new document, from the cache alone.
      expectObservable(client.get('/rxjs', { timeout: 60, staleOk: true }).pipe(seen()), updatedCopy).toBe(updatedCopyExpected, { h: { cacheStatus: 'hit', data: V2 } });
    });

    expect(revalidation.request.headers['if-none-match']).toBe('"v1"');
    transport.verify();
  });

  it('the positional form get(url, timeout, nofollow, staleOk) behaves the same', () => {
    const { client, transport, store } = cachingClient();

    marbleScheduler().run(({ cold, expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      const answer = cold<TestResponse>('    --a|', { a: { status: 304 } });
      const subscription = '             90s ^';
      const expected = '                 90s s-(r|)';
      transport.expectOne('GET', '/rxjs').respondWith(answer);

      expectObservable(client.get('/rxjs', 60, false, true).pipe(seen()), subscription).toBe(expected, { s: stale, r: revalidated });
    });

    transport.verify();
  });

  it('with a fresh copy is a plain hit: one emission, no request', () => {
    const { client, transport, store } = cachingClient();

    marbleScheduler().run(({ expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      const subscription = '59s ^';
      const expected = '    59s (h|)';

      expectObservable(client.get('/rxjs', { timeout: 60, staleOk: true }).pipe(seen()), subscription).toBe(expected, { h: { cacheStatus: 'hit', data: V1 } });
    });

    transport.expectNone('GET', '/rxjs');
    transport.verify();
  });

  it('without a copy is a plain miss: one emission when the response arrives', () => {
    const { client, transport } = cachingClient();

    marbleScheduler().run(({ cold, expectObservable }) => {
      const answer = cold<TestResponse>('--a|', { a: { body: V1, headers: V1_HEADERS } });
      const expected = '                 --(m|)';
      transport.expectOne('GET', '/rxjs').respondWith(answer);

      expectObservable(client.get('/rxjs', { staleOk: true }).pipe(seen())).toBe(expected, { m: { cacheStatus: 'miss', data: V1 } });
    });

    transport.verify();
  });

  describe('when the revalidation fails', () => {
    it('with fetch-retries 0: the stale copy, then the error; the copy is kept, and an offline get still hits it', () => {
      const { client, transport, store } = cachingClient({ 'fetch-retries': 0 });
      const revalidation = transport.expectOne('GET', '/rxjs');

      marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        seed(store, '/rxjs', V1, V1_HEADERS);
        const answer = cold<TestResponse>('    --#', undefined, new NetworkError('ECONNRESET', 'socket hang up', { method: 'GET', url: 'http://127.0.0.1:4873/rxjs' }));
        const answerSubs = '               90s ^-!';
        const staleOk = '                  90s ^';
        const offline = '                  100s ^';
        const staleOkExpected = '          90s s-#';
        const offlineExpected = '          100s (h|)';
        revalidation.respondWith(answer);

        expectObservable(client.get('/rxjs', { timeout: 60, staleOk: true }).pipe(seen()), staleOk).toBe(staleOkExpected, { s: stale }, errorLike(NetworkError, { code: 'ECONNRESET' }));
        expectSubscriptions(answer.subscriptions).toBe(answerSubs);
        expectObservable(client.get('/rxjs', { offline: true }).pipe(seen()), offline).toBe(offlineExpected, { h: { cacheStatus: 'hit', data: V1 } });
      });

      transport.verify();
    });

    it('with the default two retries: the stale copy at once, the error after the 10 s and 60 s backoffs; the copy is kept', () => {
      const { client, transport, store } = cachingClient();
      const attempts = [transport.expectOne('GET', '/rxjs'), transport.expectOne('GET', '/rxjs'), transport.expectOne('GET', '/rxjs')];

      marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        seed(store, '/rxjs', V1, V1_HEADERS);
        const answer = '         --a|';
        const answer1Subs = '    90s ^-!';
        const answer2Subs = '    90s -- 10000ms ^-!';
        const answer3Subs = '    90s -- 10000ms -- 60000ms ^-!';
        const staleOk = '        90s ^';
        const offline = '        200s ^';
        const staleOkExpected = '90s s- 10000ms -- 60000ms --#';
        const offlineExpected = '200s (h|)';
        const answers = attempts.map((attempt) => {
          const overloaded = cold<TestResponse>(answer, { a: { status: 503, body: { error: 'overloaded' } } });
          attempt.respondWith(overloaded);
          return overloaded;
        });

        expectObservable(client.get('/rxjs', { timeout: 60, staleOk: true }).pipe(seen()), staleOk).toBe(staleOkExpected, { s: stale }, errorLike(HttpError, { code: 'E503', statusCode: 503 }));
        expectSubscriptions(answers[0].subscriptions).toBe(answer1Subs);
        expectSubscriptions(answers[1].subscriptions).toBe(answer2Subs);
        expectSubscriptions(answers[2].subscriptions).toBe(answer3Subs);
        expectObservable(client.get('/rxjs', { offline: true }).pipe(seen()), offline).toBe(offlineExpected, { h: { cacheStatus: 'hit', data: V1 } });
      });

      for (const attempt of attempts) expect(attempt.request.headers['if-none-match']).toBe('"v1"');
      transport.verify();
    });

    it('a failed revalidation is not remembered: the next staleOk get emits the copy and asks again', () => {
      const { client, transport, store } = cachingClient({ 'fetch-retries': 0 });
      transport.expectOne('GET', '/rxjs').flush({ error: 'bad gateway' }, { status: 502 });
      transport.expectOne('GET', '/rxjs').flush(null, { status: 304, headers: V1_HEADERS });

      marbleScheduler().run(({ expectObservable }) => {
        seed(store, '/rxjs', V1, V1_HEADERS);
        const failing = '        90s ^';
        const next = '           95s ^';
        const failingExpected = '90s (s#)';
        const nextExpected = '   95s (sr|)';

        expectObservable(client.get('/rxjs', { timeout: 60, staleOk: true }).pipe(seen()), failing).toBe(failingExpected, { s: stale }, errorLike(HttpError, { code: 'E502' }));
        expectObservable(client.get('/rxjs', { timeout: 60, staleOk: true }).pipe(seen()), next).toBe(nextExpected, { s: stale, r: revalidated });
      });

      expect(transport.requests).toHaveLength(2);
      transport.verify();
    });
  });
});
