import { map } from 'rxjs';
import { HttpError } from '../src/errors/http-error';
import { NoMatchingVersionError } from '../src/errors/no-matching-version-error';
import type { GetOptions } from '../src/operations/get-options';
import type { RegistryRequest } from '../src/request/registry-request';
import { errorLike, marbleScheduler, REGISTRY } from './support/marble-client';
import { kitClient, relay, untilRequests } from './support/operations-kit';

const CORGI = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*';
const FULL = 'application/json';

const version = (v: string, extra: Record<string, unknown> = {}) => ({ name: 'pkg', version: v, dist: { tarball: `${REGISTRY}pkg/-/pkg-${v}.tgz` }, ...extra });

/** The abbreviated document: what npm installs from. */
const CORGI_DOC = {
  name: 'pkg',
  'dist-tags': { latest: '1.2.0', next: '2.0.0-rc.1' },
  versions: { '1.0.0': version('1.0.0'), '1.2.0': version('1.2.0'), '1.3.0': version('1.3.0', { deprecated: 'broken' }), '2.0.0-rc.1': version('2.0.0-rc.1') },
};

/** The full document, told apart by a field the abbreviated one leaves out. */
const FULL_DOC = {
  name: 'pkg',
  'dist-tags': { latest: '1.2.0' },
  versions: { '1.0.0': version('1.0.0', { readme: 'full' }), '1.2.0': version('1.2.0', { readme: 'full' }) },
};

const pkgWith = (accept: string) => (req: RegistryRequest) => req.url === `${REGISTRY}pkg` && req.headers.accept === accept;

/** Subscribes to `manifest(spec)` now (spec parsing may wait on a promise), and waits for its first request. */
async function resolving(spec: string, options?: GetOptions) {
  const { client, transport } = kitClient();
  const { relayed } = relay(client.manifest(spec, options).pipe(map((m) => `${m.version}${m.readme ? ' (full)' : ''}`)));
  await untilRequests(transport, 1);
  return { relayed, transport };
}

describe('manifest in virtual time', () => {
  it.each([
    ['pkg@^1.0.0', '1.2.0'],
    ['pkg@1.0.0', '1.0.0'],
    ['pkg@next', '2.0.0-rc.1'],
    ['pkg', '1.2.0'],
    ['pkg@*', '1.2.0'],
    ['pkg@>=1.3.0 <2', '1.3.0'],
  ])('%s picks %s from the abbreviated document, at the frame it arrives', async (spec, picked) => {
    const { relayed, transport } = await resolving(spec);

    marbleScheduler().run(({ cold, expectObservable }) => {
      const corgi = cold('--(r|)', { r: { body: CORGI_DOC } });
      const expected = '  --(m|)';

      expectObservable(relayed).toBe(expected, { m: picked });
      transport.expectOne('GET', pkgWith(CORGI)).respondWith(corgi);
    });

    expect(transport.requests).toHaveLength(1);
    transport.verify();
  });

  it('falls back to the full document when the abbreviated one is 404, and picks from it', async () => {
    const { relayed, transport } = await resolving('pkg@^1');

    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const corgi = cold('-r', { r: { status: 404, body: { error: 'not_found' } } });
      const full = cold('  ---(r|)', { r: { body: FULL_DOC } });
      const fullSubs = '  -^--!';
      const expected = '  ----(m|)';

      expectObservable(relayed).toBe(expected, { m: '1.2.0 (full)' });
      transport.expectOne('GET', pkgWith(CORGI)).respondWith(corgi);
      transport.expectOne('GET', pkgWith(FULL)).respondWith(full);
      expectSubscriptions(full.subscriptions).toBe(fullSubs);
    });

    expect(transport.requests.map((r) => r.headers.accept)).toEqual([CORGI, FULL]);
    transport.verify();
  });

  it('a 404 of the full document too is the registry’s 404', async () => {
    const { relayed, transport } = await resolving('pkg@^1');

    marbleScheduler().run(({ cold, expectObservable }) => {
      const corgi = cold('-r', { r: { status: 404 } });
      const full = cold('  -r', { r: { status: 404 } });
      const expected = '  --#';

      expectObservable(relayed).toBe(expected, undefined, errorLike(HttpError, { code: 'E404' }));
      transport.expectOne('GET', pkgWith(CORGI)).respondWith(corgi);
      transport.expectOne('GET', pkgWith(FULL)).respondWith(full);
    });
    transport.verify();
  });

  it('other failures of the abbreviated document are not a reason to ask for the full one', async () => {
    const { relayed, transport } = await resolving('pkg@^1');

    marbleScheduler().run(({ cold, expectObservable }) => {
      const corgi = cold('-r', { r: { status: 403, body: { error: 'forbidden' } } });
      const expected = '  -#';

      expectObservable(relayed).toBe(expected, undefined, errorLike(HttpError, { code: 'E403' }));
      transport.expectOne('GET', pkgWith(CORGI)).respondWith(corgi);
    });

    transport.expectNone('GET', pkgWith(FULL));
    transport.verify();
  });

  it('with fullMetadata it asks for the full document only', async () => {
    const { relayed, transport } = await resolving('pkg@1.0.0', { fullMetadata: true });

    marbleScheduler().run(({ cold, expectObservable }) => {
      const full = cold('-(r|)', { r: { body: FULL_DOC } });
      const expected = ' -(m|)';

      expectObservable(relayed).toBe(expected, { m: '1.0.0 (full)' });
      transport.expectOne('GET', pkgWith(FULL)).respondWith(full);
    });

    transport.expectNone('GET', pkgWith(CORGI));
    transport.verify();
  });

  it('no version matching is ETARGET at the frame of the document', async () => {
    const { relayed, transport } = await resolving('pkg@^3');

    marbleScheduler().run(({ cold, expectObservable }) => {
      const corgi = cold('---(r|)', { r: { body: CORGI_DOC } });
      const expected = '  ---#';

      expectObservable(relayed).toBe(expected, undefined, errorLike(NoMatchingVersionError, { code: 'ETARGET' }));
      transport.expectOne('GET', pkgWith(CORGI)).respondWith(corgi);
    });
    transport.verify();
  });

  it('a scoped spec asks for the escaped name', async () => {
    const { client, transport } = kitClient();
    const { relayed } = relay(client.manifest('@acme/widget@^1').pipe(map((m) => m.version)));
    await untilRequests(transport, 1);

    marbleScheduler().run(({ cold, expectObservable }) => {
      const scoped = cold('-(r|)', { r: { body: { name: '@acme/widget', 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': { name: '@acme/widget', version: '1.0.0' } } } } });
      const expected = '   -(m|)';

      expectObservable(relayed).toBe(expected, { m: '1.0.0' });
      transport.expectOne('GET', `${REGISTRY}@acme%2fwidget`).respondWith(scoped);
    });
    transport.verify();
  });
});
