import { map } from 'rxjs';
import { HttpError } from '../src/errors/http-error';
import type { TestResponse } from '../src/testing';
import { NotCachedError } from '../src/errors/not-cached-error';
import { cachingClient, seed, seen, V1, V1_HEADERS, V2, V2_HEADERS } from './support/caching-client';
import { errorLike, marbleScheduler } from './support/marble-client';

const statusOf = map((res: { statusCode: number }) => res.statusCode);
const created = { a: { status: 201, body: { ok: true } } };

describe('a successful write to a package invalidates its cached documents', () => {
  it('after a PUT, a get with a large timeout sends an unconditional request instead of returning the old copy', () => {
    const { client, transport, store } = cachingClient();
    const put = transport.expectOne('PUT', '/rxjs');
    const refetch = transport.expectOne('GET', '/rxjs');

    marbleScheduler().run(({ cold, expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      const putAnswer = cold<TestResponse>('       -a|', created);
      const refetchAnswer = cold<TestResponse>('   -a|', { a: { body: V2, headers: V2_HEADERS } });
      const before = '                          5s ^';
      const write = '                           10s ^';
      const after = '                           20s ^';
      const beforeExpected = '                  5s (h|)';
      const writeExpected = '                   10s -(s|)';
      const afterExpected = '                   20s -(m|)';
      put.respondWith(putAnswer);
      refetch.respondWith(refetchAnswer);

      // Before the write the copy answers alone (it also lands in the client's memory layer)…
      expectObservable(client.get('/rxjs', 3600).pipe(seen()), before).toBe(beforeExpected, { h: { cacheStatus: 'hit', data: V1 } });
      expectObservable(client.request('PUT', '/rxjs', V2).pipe(statusOf), write).toBe(writeExpected, { s: 201 });
      // …after it, the same get goes to the registry.
      expectObservable(client.get('/rxjs', 3600).pipe(seen()), after).toBe(afterExpected, { m: { cacheStatus: 'miss', data: V2 } });
    });

    expect(put.request.body).toBe(JSON.stringify(V2));
    expect(refetch.request.headers).not.toHaveProperty('if-none-match');
    expect(refetch.request.headers).not.toHaveProperty('if-modified-since');
    transport.verify();
  });

  it('forgets the abbreviated document and other paths of the package too, and offline has nothing to show', () => {
    const { client, transport, store } = cachingClient();
    const put = transport.expectOne('PUT', '/rxjs');

    marbleScheduler().run(({ expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      seed(store, '/rxjs', V1, V1_HEADERS, { fullMetadata: false });
      seed(store, '/rxjs/latest', V1.versions['7.8.1']);
      put.flush({ ok: true }, { status: 201 });
      const before = '        1s ^';
      const write = '         2s ^';
      const after = '         3s ^';
      const beforeExpected = '1s (h|)';
      const writeExpected = ' 2s (s|)';
      const afterExpected = ' 3s #';

      // Read through this client first, so its memory layer holds all three.
      expectObservable(client.get('/rxjs', { offline: true }).pipe(seen()), before).toBe(beforeExpected, { h: { cacheStatus: 'hit', data: V1 } });
      expectObservable(client.get('/rxjs', { offline: true, fullMetadata: false }).pipe(seen()), before).toBe(beforeExpected, { h: { cacheStatus: 'hit', data: V1 } });
      expectObservable(client.get('/rxjs/latest', { offline: true }).pipe(seen()), before).toBe(beforeExpected, { h: { cacheStatus: 'hit', data: V1.versions['7.8.1'] } });

      expectObservable(client.request('PUT', '/rxjs', V2).pipe(statusOf), write).toBe(writeExpected, { s: 201 });

      const notCached = errorLike(NotCachedError, { code: 'ENOTCACHED' });
      expectObservable(client.get('/rxjs', { offline: true }), after).toBe(afterExpected, undefined, notCached);
      expectObservable(client.get('/rxjs', { offline: true, fullMetadata: false }), after).toBe(afterExpected, undefined, notCached);
      expectObservable(client.get('/rxjs/latest', { offline: true }), after).toBe(afterExpected, undefined, notCached);
    });

    expect(store.keys()).not.toContain('rxnpm:get:full:http://127.0.0.1:4873/rxjs');
    expect(store.keys()).not.toContain('rxnpm:get:corgi:http://127.0.0.1:4873/rxjs');
    transport.verify();
  });

  it('works for a scoped package written at its escaped path', () => {
    const { client, transport, store } = cachingClient();
    const scoped = { name: '@rx/kit', 'dist-tags': { latest: '1.0.0' } };

    marbleScheduler().run(({ expectObservable }) => {
      seed(store, '/@rx%2fkit', scoped, { etag: '"k1"' });
      transport.expectOne('PUT', '/@rx%2fkit').flush({ ok: true }, { status: 200 });
      transport.expectOne('GET', '/@rx%2fkit').flush(scoped, { headers: { etag: '"k2"' } });
      const write = '        1s ^';
      const after = '        2s ^';
      const writeExpected = '1s (s|)';
      const afterExpected = '2s (m|)';

      expectObservable(client.request('PUT', '/@rx%2fkit', scoped).pipe(statusOf), write).toBe(writeExpected, { s: 200 });
      expectObservable(client.get('/@rx%2fkit', 3600).pipe(seen()), after).toBe(afterExpected, { m: { cacheStatus: 'miss', data: scoped } });
    });

    expect(transport.requests.map((req) => `${req.method} ${req.headers['if-none-match'] ?? '-'}`)).toEqual(['PUT -', 'GET -']);
    transport.verify();
  });

  it('a get in flight when the write succeeds answers its own subscriber, but neither a get begun after the write nor a later cached read gets that answer', () => {
    const { client, transport } = cachingClient();
    const before = transport.expectOne('GET', '/rxjs');
    const put = transport.expectOne('PUT', '/rxjs');
    const after = transport.expectOne('GET', '/rxjs');

    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      // Sent at frame 0, before the write; answered at 50 with the document as it was then.
      const beforeAnswer = cold<TestResponse>('50ms a|', { a: { body: V1, headers: V1_HEADERS } });
      const putAnswer = cold<TestResponse>('        -a|', created);
      const afterAnswer = cold<TestResponse>('      -a|', { a: { body: V2, headers: V2_HEADERS } });
      const beforeAnswerSubs = '               ^ 49ms !';
      const afterAnswerSubs = '                20ms ^!';
      const inFlight = '                       ^';
      const write = '                          10ms ^';
      const afterWrite = '                     20ms ^';
      const cachedRead = '                     100ms ^';
      const inFlightExpected = '               50ms (a|)';
      const writeExpected = '                  10ms -(s|)';
      const afterWriteExpected = '             20ms -(m|)';
      const cachedReadExpected = '             100ms (h|)';
      before.respondWith(beforeAnswer);
      put.respondWith(putAnswer);
      after.respondWith(afterAnswer);

      expectObservable(client.get('/rxjs').pipe(seen()), inFlight).toBe(inFlightExpected, { a: { cacheStatus: 'miss', data: V1 } });
      expectObservable(client.request('PUT', '/rxjs', V2).pipe(statusOf), write).toBe(writeExpected, { s: 201 });
      expectObservable(client.get('/rxjs', 3600).pipe(seen()), afterWrite).toBe(afterWriteExpected, { m: { cacheStatus: 'miss', data: V2 } });
      expectObservable(client.get('/rxjs', 3600).pipe(seen()), cachedRead).toBe(cachedReadExpected, { h: { cacheStatus: 'hit', data: V2 } });
      expectSubscriptions(beforeAnswer.subscriptions).toBe(beforeAnswerSubs);
      expectSubscriptions(afterAnswer.subscriptions).toBe(afterAnswerSubs);
    });

    expect(after.request.headers).not.toHaveProperty('if-none-match');
    transport.verify();
  });

  it('a revalidation in flight when the write succeeds does not renew the old copy', () => {
    const { client, transport, store } = cachingClient();
    const revalidation = transport.expectOne('GET', '/rxjs');
    const put = transport.expectOne('PUT', '/rxjs');
    const refetch = transport.expectOne('GET', '/rxjs');

    marbleScheduler().run(({ cold, expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      const revalidationAnswer = cold<TestResponse>('   50ms a|', { a: { status: 304 } });
      const putAnswer = cold<TestResponse>('                 -a|', created);
      const refetchAnswer = cold<TestResponse>('        -a|', { a: { body: V2, headers: V2_HEADERS } });
      const inFlight = '                             1s ^';
      const write = '                                1s 10ms ^';
      const afterWrite = '                           2s ^';
      const inFlightExpected = '                     1s 50ms (r|)';
      const writeExpected = '                        1s 10ms -(s|)';
      const afterWriteExpected = '                   2s -(m|)';
      revalidation.respondWith(revalidationAnswer);
      put.respondWith(putAnswer);
      refetch.respondWith(refetchAnswer);

      expectObservable(client.get('/rxjs').pipe(seen()), inFlight).toBe(inFlightExpected, { r: { cacheStatus: 'revalidated', data: V1 } });
      expectObservable(client.request('PUT', '/rxjs', V2).pipe(statusOf), write).toBe(writeExpected, { s: 201 });
      expectObservable(client.get('/rxjs', 3600).pipe(seen()), afterWrite).toBe(afterWriteExpected, { m: { cacheStatus: 'miss', data: V2 } });
    });

    expect(refetch.request.headers).not.toHaveProperty('if-none-match');
    transport.verify();
  });

  it('a failed write leaves the copy in place: the next get is still a hit', () => {
    const { client, transport, store } = cachingClient();
    transport.expectOne('PUT', '/rxjs').flush({ error: 'conflict' }, { status: 409 });

    marbleScheduler().run(({ expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      const write = '        1s ^';
      const after = '        2s ^';
      const writeExpected = '1s #';
      const afterExpected = '2s (h|)';

      expectObservable(client.request('PUT', '/rxjs', V2), write).toBe(writeExpected, undefined, errorLike(HttpError, { code: 'E409' }));
      expectObservable(client.get('/rxjs', 3600).pipe(seen()), after).toBe(afterExpected, { h: { cacheStatus: 'hit', data: V1 } });
    });

    transport.verify();
  });

  it('a write to another package leaves this one’s copy in place', () => {
    const { client, transport, store } = cachingClient();
    transport.expectOne('PUT', '/rxjs-extra').flush({ ok: true }, { status: 201 });

    marbleScheduler().run(({ expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      const write = '        1s ^';
      const after = '        2s ^';
      const writeExpected = '1s (s|)';
      const afterExpected = '2s (h|)';

      expectObservable(client.request('PUT', '/rxjs-extra', V2).pipe(statusOf), write).toBe(writeExpected, { s: 201 });
      expectObservable(client.get('/rxjs', 3600).pipe(seen()), after).toBe(afterExpected, { h: { cacheStatus: 'hit', data: V1 } });
    });

    transport.verify();
  });
});
