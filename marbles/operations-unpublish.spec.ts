import { HttpError } from '../src/errors/http-error';
import { UsageError } from '../src/errors/usage-error';
import { errorLike, marbleScheduler, REGISTRY } from './support/marble-client';
import { jsonBody, kitClient, sent } from './support/operations-kit';

const tarball = (v: string) => `${REGISTRY}pkg/-/pkg-${v}.tgz`;
const manifest = (v: string) => ({ name: 'pkg', version: v, dist: { tarball: tarball(v), shasum: 'ab'.repeat(20) } });

/** A packument at revision `rev` with these versions and tags. */
function doc(rev: string, versions: readonly string[], tags: Record<string, string>) {
  return {
    _id: 'pkg',
    _rev: rev,
    name: 'pkg',
    'dist-tags': tags,
    versions: Object.fromEntries(versions.map((v) => [v, manifest(v)])),
    time: { created: '2024-01-01T00:00:00.000Z', ...Object.fromEntries(versions.map((v, i) => [v, `2024-01-0${i + 2}T00:00:00.000Z`])) },
    maintainers: [{ name: 'ada', email: 'ada@example.org' }],
    _attachments: {},
  };
}

describe('unpublish in virtual time', () => {
  it('one version: GET ?write=true, PUT -rev without it, GET ?write=true, DELETE its tarball -rev, in that order', () => {
    const { client, transport } = kitClient();
    const before = doc('3-a', ['1.0.0', '1.1.0', '1.2.0', '2.0.0-beta.1'], { latest: '1.2.0', stable: '1.2.0', old: '1.0.0', beta: '2.0.0-beta.1' });

    marbleScheduler().run(({ cold, expectObservable }) => {
      const read = cold('  -(r|)', { r: { body: before } });
      const write = cold('  --(r|)', { r: { status: 201, body: { ok: true } } });
      const reread = cold('   -(r|)', { r: { body: { ...before, _rev: '4-b' } } });
      const remove = cold('    -(r|)', { r: { status: 201, body: { ok: true } } });
      const expected = '   -----(u|)';
      transport.expectOne('GET', '/pkg?write=true').respondWith(read);
      transport.expectOne('PUT', '/pkg/-rev/3-a').respondWith(write);
      transport.expectOne('GET', '/pkg?write=true').respondWith(reread);
      transport.expectOne('DELETE', '/pkg/-/pkg-1.2.0.tgz/-rev/4-b').respondWith(remove);

      expectObservable(client.unpublish('pkg', '1.2.0')).toBe(expected, { u: { name: 'pkg', version: '1.2.0', removed: true } });
    });

    expect(sent(transport)).toEqual([
      `GET ${REGISTRY}pkg?write=true`,
      `PUT ${REGISTRY}pkg/-rev/3-a`,
      `GET ${REGISTRY}pkg?write=true`,
      `DELETE ${REGISTRY}pkg/-/pkg-1.2.0.tgz/-rev/4-b`,
    ]);
    const { _attachments: _none, ...rest } = before;
    expect(jsonBody(transport.requests[1])).toEqual({
      ...rest,
      versions: { '1.0.0': manifest('1.0.0'), '1.1.0': manifest('1.1.0'), '2.0.0-beta.1': manifest('2.0.0-beta.1') },
      // Every tag on the version is moved off it; latest goes to the highest stable version left, not the prerelease.
      'dist-tags': { old: '1.0.0', beta: '2.0.0-beta.1', latest: '1.1.0' },
      time: { created: '2024-01-01T00:00:00.000Z', '1.0.0': '2024-01-02T00:00:00.000Z', '1.1.0': '2024-01-03T00:00:00.000Z', '2.0.0-beta.1': '2024-01-05T00:00:00.000Z' },
    });
    expect(transport.requests[3].body).toBeUndefined();
    for (const req of transport.requests) expect(req.headers.authorization).toBe('Bearer secret-token');
    transport.verify();
  });

  it('a version latest does not point at keeps latest where it was', () => {
    const { client, transport } = kitClient();
    const before = doc('7-c', ['1.0.0', '1.1.0'], { latest: '1.1.0' });

    marbleScheduler().run(({ cold, expectObservable }) => {
      const read = cold('  (r|)', { r: { body: before } });
      const write = cold(' (r|)', { r: { status: 201 } });
      const reread = cold('(r|)', { r: { body: { ...before, _rev: '8-d' } } });
      const remove = cold('(r|)', { r: { status: 201 } });
      const expected = '   (u|)';
      transport.expectOne('GET', '/pkg?write=true').respondWith(read);
      transport.expectOne('PUT', '/pkg/-rev/7-c').respondWith(write);
      transport.expectOne('GET', '/pkg?write=true').respondWith(reread);
      transport.expectOne('DELETE', '/pkg/-/pkg-1.0.0.tgz/-rev/8-d').respondWith(remove);

      expectObservable(client.unpublish('pkg', '1.0.0')).toBe(expected, { u: { name: 'pkg', version: '1.0.0', removed: true } });
    });

    expect((jsonBody(transport.requests[1]) as { 'dist-tags': unknown })['dist-tags']).toEqual({ latest: '1.1.0' });
    transport.verify();
  });

  it('the only version: the whole package goes with one DELETE -rev', () => {
    const { client, transport } = kitClient();

    marbleScheduler().run(({ cold, expectObservable }) => {
      const read = cold('  -(r|)', { r: { body: doc('2-e', ['1.0.0'], { latest: '1.0.0' }) } });
      const remove = cold(' -(r|)', { r: { status: 201 } });
      const expected = '   --(u|)';
      transport.expectOne('GET', '/pkg?write=true').respondWith(read);
      transport.expectOne('DELETE', '/pkg/-rev/2-e').respondWith(remove);

      expectObservable(client.unpublish('pkg', '1.0.0')).toBe(expected, { u: { name: 'pkg', removed: true } });
    });

    expect(sent(transport)).toEqual([`GET ${REGISTRY}pkg?write=true`, `DELETE ${REGISTRY}pkg/-rev/2-e`]);
    transport.verify();
  });

  it('a version that is not there: removed false, and nothing is written', () => {
    const { client, transport } = kitClient();

    marbleScheduler().run(({ cold, expectObservable }) => {
      const read = cold('-(r|)', { r: { body: doc('2-e', ['1.0.0', '1.1.0'], { latest: '1.1.0' }) } });
      const expected = ' -(u|)';
      transport.expectOne('GET', '/pkg?write=true').respondWith(read);

      expectObservable(client.unpublish('pkg', '3.0.0')).toBe(expected, { u: { name: 'pkg', version: '3.0.0', removed: false } });
    });

    transport.expectNone('PUT', () => true);
    transport.expectNone('DELETE', () => true);
    transport.verify();
  });

  it('a package that is not there (404): removed false, not an error', () => {
    const { client, transport } = kitClient();

    marbleScheduler().run(({ cold, expectObservable }) => {
      const read = cold('--(r|)', { r: { status: 404, body: { error: 'not_found' } } });
      const expected = ' --(u|)';
      transport.expectOne('GET', '/pkg?write=true').respondWith(read);

      expectObservable(client.unpublish('pkg')).toBe(expected, { u: { name: 'pkg', removed: false } });
    });
    transport.verify();
  });

  it('a 409 on the PUT (the document changed meanwhile) is an error, and the tarball is left alone', () => {
    const { client, transport } = kitClient();

    marbleScheduler().run(({ cold, expectObservable }) => {
      const read = cold(' -(r|)', { r: { body: doc('3-a', ['1.0.0', '1.1.0'], { latest: '1.1.0' }) } });
      const write = cold(' -(r|)', { r: { status: 409, body: { error: 'Document update conflict.' } } });
      const expected = '  --#';
      transport.expectOne('GET', '/pkg?write=true').respondWith(read);
      transport.expectOne('PUT', '/pkg/-rev/3-a').respondWith(write);

      expectObservable(client.unpublish('pkg', '1.1.0')).toBe(expected, undefined, errorLike(HttpError, { code: 'E409' }));
    });

    transport.expectNone('DELETE', () => true);
    transport.verify();
  });

  it('a version that is not semver is a UsageError at once, and nothing is sent', () => {
    const { client, transport } = kitClient();

    marbleScheduler().run(({ expectObservable }) => {
      const refused = '#';

      expectObservable(client.unpublish('pkg', 'latest')).toBe(refused, undefined, errorLike(UsageError, { code: 'EUSAGE' }));
    });

    transport.expectNone(() => true);
    transport.verify();
  });
});
