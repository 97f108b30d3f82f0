import type { Observable } from 'rxjs';
import type { RegistryClient } from '../src/client';
import { UsageError } from '../src/errors/usage-error';
import { errorLike, marbleScheduler } from './support/marble-client';
import { errorOf, kitClient } from './support/operations-kit';
import { NAME_TAKING_OPERATIONS as OPERATIONS } from '../test/support/name-taking-operations';

/** Names no operation may send: each could address something other than one package, or is not a name at all. */
const INVALID_NAMES: ReadonlyArray<[label: string, name: string]> = [
  ['a parent path', '../x'],
  ['an encoded parent path', '%2e%2e'],
  ['a traversal between segments', 'a/../../b'],
  ['a traversal inside a scope', '@a/../b'],
  ['215 characters', 'x'.repeat(215)],
  ['a space', 'left pad'],
  ['a leading space', ' left-pad'],
  ['an empty name', ''],
];

const CASES = OPERATIONS.flatMap(([operation, call]) => INVALID_NAMES.map(([what, name]) => [operation, what, name, call] as const));

/** Fails with UsageError EUSAGE, and the transport saw no request at all. */
async function expectRefusedUnsent(call: (client: RegistryClient) => Observable<unknown>): Promise<void> {
  const { client, transport } = kitClient();

  const error = await errorOf(call(client));

  expect(error).toEqual(errorLike(UsageError, { code: 'EUSAGE' }));
  transport.expectNone(() => true);
  expect(transport.requests).toEqual([]);
  transport.verify();
}

describe('invalid package names are refused before anything is sent', () => {
  it.each(CASES)('%s with %s is a UsageError and sends nothing', async (_operation, _what, name, call) => {
    await expectRefusedUnsent((client) => call(client, name));
  });

  it.each([
    ['upper case', 'LeftPad'],
    ['a leading dot', '.hidden'],
    ['a leading underscore', '_private'],
    ['a core module name', 'http'],
  ])('publish refuses a new name with %s (%j), which older packages may have', async (_what, name) => {
    await expectRefusedUnsent((client) => client.publish({ name, version: '1.0.0' }, Buffer.from('tarball')));
  });

  it('an upper-case name of an old package can still be read: manifest sends its request', async () => {
    const { client, transport } = kitClient();
    client.manifest('JSONStream@1.0.0').subscribe({ error: () => undefined });

    for (let turn = 0; turn < 100 && transport.requests.length === 0; turn++) await new Promise((resolve) => setImmediate(resolve));

    expect(transport.requests.map((r) => r.url)).toEqual(['http://127.0.0.1:4873/JSONStream']);
    transport.expectOne('GET', '/JSONStream').flush({ error: 'not_found' }, { status: 404 });
    transport.expectOne('GET', '/JSONStream').flush({ error: 'not_found' }, { status: 404 });
    transport.verify();
  });

  it.each([
    ['a version that is not semver', { name: 'left-pad', version: 'one' }],
    ['no version', { name: 'left-pad' }],
    ['no name', { version: '1.0.0' }],
  ])('publish with %s is a UsageError and sends nothing', async (_what, data) => {
    await expectRefusedUnsent((client) => client.publish(data as { name: string; version: string }, Buffer.from('tarball')));
  });

  it.each([
    ['a directory', 'file:../x'],
    ['a path', './x'],
    ['a tarball path', '../x.tgz'],
  ])('manifest and tarball refuse a spec that names no registry package: %s (%j)', async (_what, spec) => {
    await expectRefusedUnsent((client) => client.manifest(spec));
    await expectRefusedUnsent((client) => client.tarball(spec));
  });

  it('tarball refuses a manifest without dist.tarball', async () => {
    await expectRefusedUnsent((client) => client.tarball({ name: 'left-pad', version: '1.0.0', dist: {} }));
  });

  it.each([
    ['a version', '1.0.0'],
    ['a range', '^1'],
    ['a path', '../x'],
    ['a space', 'n ext'],
    ['an encoded slash', 'a%2fb'],
  ])('a dist-tag that is %s (%j) is a UsageError and sends nothing', async (_what, tag) => {
    await expectRefusedUnsent((client) => client.tag('left-pad', '1.0.0', tag));
    await expectRefusedUnsent((client) => client.distTags.add('left-pad', '1.0.0', tag));
    await expectRefusedUnsent((client) => client.distTags.rm('left-pad', tag));
    await expectRefusedUnsent((client) => client.distTags.set('left-pad', { [tag]: '1.0.0' }));
    await expectRefusedUnsent((client) => client.publish({ name: 'left-pad', version: '1.0.0' }, Buffer.from('tarball'), { tag }));
  });

  it('the error comes at frame 0, on subscription, for the operations that check synchronously', () => {
    const { client, transport } = kitClient();

    marbleScheduler().run(({ expectObservable }) => {
      const usage = errorLike(UsageError, { code: 'EUSAGE' });
      const refused = '#';
      expectObservable(client.publish({ name: '../x', version: '1.0.0' }, Buffer.from('tarball'))).toBe(refused, undefined, usage);
      expectObservable(client.star('%2e%2e', true)).toBe(refused, undefined, usage);
      expectObservable(client.unpublish('a/../../b')).toBe(refused, undefined, usage);
      expectObservable(client.watch('x'.repeat(215))).toBe(refused, undefined, usage);
      expectObservable(client.owner.add('left pad', 'ada')).toBe(refused, undefined, usage);
    });

    transport.expectNone(() => true);
    transport.verify();
  });
});
