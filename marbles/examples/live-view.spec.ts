// The README's example, kept as a test so it cannot drift from what the library does.
import { map } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { RegistryClient } from 'rxnpm';
import { memoryStore, TestingTransport } from 'rxnpm/testing';

interface Packument {
  name: string;
  'dist-tags': Record<string, string>;
}

const packument = (latest: string): Packument => ({ name: 'rxjs', 'dist-tags': { latest } });

describe('a live view of the latest version of a package', () => {
  it('shows the latest version at once, nothing while it stays the same, and the new one when it is published', () => {
    const transport = new TestingTransport();
    const client = new RegistryClient({ registry: 'http://127.0.0.1:4873/', cache: memoryStore(), transport });
    const latest$ = client.watch<Packument>('rxjs').pipe(map(({ data }) => data['dist-tags'].latest));

    new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ cold, expectObservable }) => {
      transport.expectOne('GET', '/rxjs').respondWith(cold('a|', { a: { body: packument('7.8.1'), headers: { etag: '"1"' } } }));
      transport.expectOne('GET', '/rxjs').respondWith(cold('a|', { a: { status: 304, headers: { etag: '"1"' } } }));
      transport.expectOne('GET', '/rxjs').respondWith(cold('a|', { a: { body: packument('7.8.2'), headers: { etag: '"2"' } } }));

      // Polls every 30 s: the one at 30 s finds no change, the one at 60 s finds 7.8.2.
      expectObservable(latest$, '^ 70s !').toBe('a 59999ms b', { a: '7.8.1', b: '7.8.2' });
    });

    expect(transport.requests[1].headers['if-none-match']).toBe('"1"');
    transport.verify();
  });
});
