import { map } from 'rxjs';
import { NeedAuthError } from '../src/errors/need-auth-error';
import { NoMatchingVersionError } from '../src/errors/no-matching-version-error';
import { UsageError } from '../src/errors/usage-error';
import { errorLike, marbleScheduler, REGISTRY } from './support/marble-client';
import { jsonBody, kitClient, sent } from './support/operations-kit';

const versions = (...vs: string[]) => Object.fromEntries(vs.map((v) => [v, { name: 'pkg', version: v }]));

describe('star in virtual time', () => {
  it('sends whoami, then GET ?write=true, then PUT with the users, each when the one before is answered', () => {
    const { client, transport } = kitClient();

    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const who = cold('  -(r|)', { r: { body: { username: 'ada' } } });
      const read = cold('  --(r|)', { r: { body: { _id: 'pkg', _rev: '5-f', name: 'pkg', users: { grace: true }, versions: versions('1.0.0') } } });
      const write = cold('   ---(r|)', { r: { status: 200, body: { ok: true } } });
      const whoSubs = '   ^!';
      const readSubs = '  -^-!';
      const writeSubs = ' ---^--!';
      const expected = '  ------(s|)';
      transport.expectOne('GET', '/-/whoami').respondWith(who);
      transport.expectOne('GET', '/pkg?write=true').respondWith(read);
      transport.expectOne('PUT', '/pkg').respondWith(write);

      expectObservable(client.star('pkg', true).pipe(map((r) => r.statusCode))).toBe(expected, { s: 200 });
      expectSubscriptions(who.subscriptions).toBe(whoSubs);
      expectSubscriptions(read.subscriptions).toBe(readSubs);
      expectSubscriptions(write.subscriptions).toBe(writeSubs);
    });

    expect(sent(transport)).toEqual([`GET ${REGISTRY}-/whoami`, `GET ${REGISTRY}pkg?write=true`, `PUT ${REGISTRY}pkg`]);
    expect(jsonBody(transport.requests[2])).toEqual({ _id: 'pkg', _rev: '5-f', users: { grace: true, ada: true } });
    transport.verify();
  });

  it('unstarring PUTs the users without this one', () => {
    const { client, transport } = kitClient();

    marbleScheduler().run(({ cold, expectObservable }) => {
      const who = cold('  (r|)', { r: { body: { username: 'ada' } } });
      const read = cold(' (r|)', { r: { body: { _id: 'pkg', _rev: '6-a', name: 'pkg', users: { grace: true, ada: true } } } });
      const write = cold('(r|)', { r: { status: 200 } });
      const expected = '  (s|)';
      transport.expectOne('GET', '/-/whoami').respondWith(who);
      transport.expectOne('GET', '/pkg?write=true').respondWith(read);
      transport.expectOne('PUT', '/pkg').respondWith(write);

      expectObservable(client.star('pkg', false).pipe(map((r) => r.statusCode))).toBe(expected, { s: 200 });
    });

    expect(jsonBody(transport.requests[2])).toEqual({ _id: 'pkg', _rev: '6-a', users: { grace: true } });
    transport.verify();
  });

  it('when the registry does not know the user, ENEEDAUTH comes before any read of the package', () => {
    const { client, transport } = kitClient();

    marbleScheduler().run(({ cold, expectObservable }) => {
      const who = cold('--(r|)', { r: { body: {} } });
      const expected = '--#';
      transport.expectOne('GET', '/-/whoami').respondWith(who);

      expectObservable(client.star('pkg', true)).toBe(expected, undefined, errorLike(NeedAuthError, { code: 'ENEEDAUTH' }));
    });

    transport.expectNone('GET', '/pkg?write=true');
    transport.expectNone('PUT', () => true);
    transport.verify();
  });
});

describe('deprecate in virtual time', () => {
  const packument = {
    _id: 'pkg',
    _rev: '9-z',
    name: 'pkg',
    'dist-tags': { latest: '2.0.0' },
    versions: versions('0.9.0', '1.0.0', '1.1.0', '1.2.0-rc.1', '2.0.0'),
    _attachments: { 'pkg-2.0.0.tgz': { data: 'AAAA' } },
  };

  it('sets `deprecated` only on the versions in range and PUTs the document under its revision, without attachments', () => {
    const { client, transport } = kitClient();

    marbleScheduler().run(({ cold, expectObservable }) => {
      const read = cold(' -(r|)', { r: { body: packument } });
      const write = cold(' --(r|)', { r: { status: 201, body: { ok: true } } });
      const expected = '  ---(s|)';
      transport.expectOne('GET', '/pkg?write=true').respondWith(read);
      transport.expectOne('PUT', '/pkg/-rev/9-z').respondWith(write);

      expectObservable(client.deprecate('pkg', '^1.0.0', 'use 2').pipe(map((r) => r.statusCode))).toBe(expected, { s: 201 });
    });

    expect(sent(transport)).toEqual([`GET ${REGISTRY}pkg?write=true`, `PUT ${REGISTRY}pkg/-rev/9-z`]);
    const { _attachments: _none, ...rest } = packument;
    expect(jsonBody(transport.requests[1])).toEqual({
      ...rest,
      versions: {
        '0.9.0': { name: 'pkg', version: '0.9.0' },
        '1.0.0': { name: 'pkg', version: '1.0.0', deprecated: 'use 2' },
        '1.1.0': { name: 'pkg', version: '1.1.0', deprecated: 'use 2' },
        // As npm deprecate does: prereleases in the range count too.
        '1.2.0-rc.1': { name: 'pkg', version: '1.2.0-rc.1', deprecated: 'use 2' },
        '2.0.0': { name: 'pkg', version: '2.0.0' },
      },
    });
    transport.verify();
  });

  it('an empty message lifts the deprecation of the versions in range', () => {
    const { client, transport } = kitClient();
    const deprecated = { ...packument, versions: { ...packument.versions, '2.0.0': { name: 'pkg', version: '2.0.0', deprecated: 'oops' } } };

    marbleScheduler().run(({ cold, expectObservable }) => {
      const read = cold(' (r|)', { r: { body: deprecated } });
      const write = cold('(r|)', { r: { status: 201 } });
      const expected = '  (s|)';
      transport.expectOne('GET', '/pkg?write=true').respondWith(read);
      transport.expectOne('PUT', '/pkg/-rev/9-z').respondWith(write);

      expectObservable(client.deprecate('pkg', '2.0.0', '').pipe(map((r) => r.statusCode))).toBe(expected, { s: 201 });
    });

    expect((jsonBody(transport.requests[1]) as typeof packument).versions['2.0.0']).toEqual({ name: 'pkg', version: '2.0.0', deprecated: '' });
    transport.verify();
  });

  it('no version in range is ETARGET after the read, and nothing is written', () => {
    const { client, transport } = kitClient();

    marbleScheduler().run(({ cold, expectObservable }) => {
      const read = cold('-(r|)', { r: { body: packument } });
      const expected = ' -#';
      transport.expectOne('GET', '/pkg?write=true').respondWith(read);

      expectObservable(client.deprecate('pkg', '>=3', 'gone')).toBe(expected, undefined, errorLike(NoMatchingVersionError, { code: 'ETARGET' }));
    });

    transport.expectNone('PUT', () => true);
    transport.verify();
  });

  it.each(['not a range', 'latest'])('the range %j is a UsageError at once, and nothing is sent', (range) => {
    const { client, transport } = kitClient();

    marbleScheduler().run(({ expectObservable }) => {
      const refused = '#';

      expectObservable(client.deprecate('pkg', range, 'msg')).toBe(refused, undefined, errorLike(UsageError, { code: 'EUSAGE' }));
    });

    transport.expectNone(() => true);
    transport.verify();
  });
});
