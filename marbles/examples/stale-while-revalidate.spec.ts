import { concat, map, switchMap, timer } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { RegistryClient } from 'rxnpm';
import { memoryStore, TestingTransport } from 'rxnpm/testing';

describe('staleOk: the cached value first, then the revalidated one', () => {
  it('emits the stale copy at once and the new document when the registry answers', () => {
    const transport = new TestingTransport();
    const client = new RegistryClient({ registry: 'http://127.0.0.1:4873/', cache: memoryStore(), transport });
    const doc = (version: string) => ({ name: 'rxjs', version });

    new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ cold, expectObservable }) => {
      // cache-min is 10 s: at 20 s the first copy is stale.
      const fetched = cold('     a|', { a: { body: doc('1'), headers: { etag: '"1"' } } });
      const revalidated = cold('           --a|', { a: { body: doc('2'), headers: { etag: '"2"' } } });
      const expected = '        a 19999ms b-(c|)';
      transport.expectOne('/rxjs').respondWith(fetched);
      const revalidation = transport.expectOne('/rxjs');
      revalidation.respondWith(revalidated);

      const first = client.get<{ version: string }>('/rxjs');
      const later = timer(20_000).pipe(switchMap(() => client.get<{ version: string }>('/rxjs', { staleOk: true })));
      const seen = concat(first, later).pipe(map((r) => `${r.cacheStatus} ${r.data.version}`));

      expectObservable(seen).toBe(expected, { a: 'miss 1', b: 'stale 1', c: 'updated 2' });
    });
    expect(transport.requests[1].headers['if-none-match']).toBe('"1"');
    transport.verify();
  });
});
