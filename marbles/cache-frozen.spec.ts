import { map, type Observable } from 'rxjs';
import type { RegistryResponse } from '../src/request/registry-response';
import type { TestResponse } from '../src/testing';
import { cachingClient, seed, seen, V1, V1_HEADERS } from './support/caching-client';
import { errorLike, marbleScheduler } from './support/marble-client';

type Packument = typeof V1;

/** A subscriber that tries to change what it was given; any emission it lets through means the write went unnoticed. */
const renamed = (res: RegistryResponse<Packument>) => {
  (res.data as { name: string }).name = 'changed';
  return 'written';
};
const retagged = (res: RegistryResponse<Packument>) => {
  (res.data['dist-tags'] as { latest: string }).latest = '0.0.0';
  return 'written';
};

describe('emitted data is frozen', () => {
  it.each([
    ['the top level', renamed],
    ['a nested object', retagged],
  ])('a subscriber writing to %s of a miss gets a TypeError, and the next subscriber sees the document unchanged', (_where, write) => {
    const { client, transport } = cachingClient();
    transport.expectOne('GET', '/rxjs').flush(V1, { headers: V1_HEADERS });

    marbleScheduler().run(({ expectObservable }) => {
      const writer = '        ^';
      const reader = '        1s ^';
      const writerExpected = '#';
      const readerExpected = '1s (h|)';

      expectObservable(client.get<Packument>('/rxjs').pipe(map(write)), writer).toBe(writerExpected, undefined, errorLike(TypeError));
      expectObservable(client.get<Packument>('/rxjs', 60).pipe(seen()), reader).toBe(readerExpected, { h: { cacheStatus: 'hit', data: V1 } });
    });

    transport.verify();
  });

  it.each<[string, (client: ReturnType<typeof cachingClient>['client']) => Observable<RegistryResponse<Packument>>]>([
    ['a hit', (client) => client.get<Packument>('/rxjs', 3600)],
    ['an offline hit', (client) => client.get<Packument>('/rxjs', { offline: true })],
    ['a stale copy', (client) => client.get<Packument>('/rxjs', { staleOk: true })],
  ])('%s read from the store is frozen too', (_what, read) => {
    const { client, transport, store } = cachingClient();

    marbleScheduler().run(({ expectObservable }) => {
      seed(store, '/rxjs', V1, V1_HEADERS);
      const writer = '        1s ^';
      const reader = '        2s ^';
      const writerExpected = '1s #';
      const readerExpected = '2s (h|)';

      expectObservable(read(client).pipe(map(retagged)), writer).toBe(writerExpected, undefined, errorLike(TypeError));
      expectObservable(client.get<Packument>('/rxjs', { offline: true }).pipe(seen()), reader).toBe(readerExpected, { h: { cacheStatus: 'hit', data: V1 } });
    });

    // The stale copy's revalidation is never sent: the subscriber failed on the copy and left.
    transport.verify();
  });

  it('a response that is not stored (Cache-Control: no-store) but shared by coalesced subscribers is frozen too', () => {
    const { client, transport, store } = cachingClient();

    marbleScheduler().run(({ cold, expectObservable }) => {
      const answer = cold<TestResponse>('-a|', { a: { body: V1, headers: { 'cache-control': 'no-store' } } });
      const writerExpected = '           -#';
      const readerExpected = '           -(a|)';
      transport.expectOne('GET', '/rxjs').respondWith(answer);

      expectObservable(client.get<Packument>('/rxjs').pipe(map(renamed))).toBe(writerExpected, undefined, errorLike(TypeError));
      expectObservable(client.get<Packument>('/rxjs').pipe(seen())).toBe(readerExpected, { a: { cacheStatus: 'skip', data: V1 } });
    });

    expect(transport.requests).toHaveLength(1);
    expect(store.keys()).toEqual([]);
    transport.verify();
  });

  it('watch emissions are frozen', () => {
    const { client, transport } = cachingClient();
    transport.expectOne('GET', '/rxjs').flush(V1, { headers: V1_HEADERS });

    marbleScheduler().run(({ expectObservable }) => {
      const subscription = '^ 500ms !';
      const expected = '    #';

      expectObservable(client.watch<Packument>('rxjs', { interval: 1000 }).pipe(map(renamed)), subscription).toBe(expected, undefined, errorLike(TypeError));
    });

    transport.verify();
  });
});
