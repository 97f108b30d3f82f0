import { RegistryClient, UsageError } from '../../src';
import { FAST_RETRY } from '../support/fast-retry';
import { startNpmApiRegistry, type NpmApiRegistry } from '../support/npm-api-registry';
import { outcomeOf } from '../support/outcome-of';
import { tempCache, type TempCache } from '../support/temp-cache';
import { NAME_TAKING_OPERATIONS as OPERATIONS } from '../support/name-taking-operations';

/** Names that try to address something other than one package, or are no names at all. */
const HOSTILE_NAMES: ReadonlyArray<[label: string, name: string]> = [
  ['a parent path', '../x'],
  ['an encoded parent path', '%2e%2e'],
  ['an encoded parent path and slash', '%2e%2e%2fx'],
  ['a traversal between segments', 'a/../../b'],
  ['a traversal inside a scope', '@a/../../b'],
  ['a scope that is a parent path', '@../x'],
  ['a scope that is the current folder', '@./x'],
  ['a scope with a leading underscore', '@_x/y'],
  ['a backslash traversal', '..\\x'],
  ['215 characters', 'x'.repeat(215)],
  ['a space', 'left pad'],
  ['a query', 'left-pad?write=true'],
  ['a fragment', 'left-pad#x'],
  ['a NUL byte', 'left\u0000pad'],
  ['a newline', 'left-pad\r\nx-injected: 1'],
  ['non-ASCII', 'lëft-pad'],
  ['an absolute URL', 'http://127.0.0.1:1/x'],
];

/**
 * End to end against a real loopback registry, with a token configured so
 * every write would be authorised: a hostile name is refused by the client
 * and nothing at all reaches the server.
 */
describe('hostile package names against a real loopback registry', () => {
  let registry: NpmApiRegistry;
  let cache: TempCache;
  let client: RegistryClient;

  beforeAll(async () => {
    registry = await startNpmApiRegistry();
    registry.addPackage({ name: 'left-pad', versions: ['1.0.0'], maintainers: [{ name: 'ada', email: 'ada@example.test' }] });
    cache = await tempCache();
    const token = registry.addUser('ada', 'ada@example.test');
    client = new RegistryClient({ registry: registry.url, cache: cache.path, ...FAST_RETRY, [`//${registry.host}/:_authToken`]: token });
  });
  afterAll(async () => {
    await client?.close();
    await registry?.close();
    await cache?.remove();
  });

  it.each(OPERATIONS)('%s refuses every hostile name with one UsageError, sending nothing', async (_label, call) => {
    const before = registry.requests.length;
    for (const [what, name] of HOSTILE_NAMES) {
      const outcome = await outcomeOf(call(client, name), 3000);

      expect({ what, values: outcome.values, errors: outcome.errors.length }).toEqual({ what, values: [], errors: 1 });
      expect(outcome.errors[0]).toBeInstanceOf(UsageError);
      expect(outcome.errors[0]).toMatchObject({ code: 'EUSAGE' });
    }
    expect(registry.requests.slice(before)).toEqual([]);
  });

  it.each([
    ['upper case', 'LeftPad'],
    ['a leading dot', '.left-pad'],
    ['a leading underscore', '_left-pad'],
    ['a core module name', 'fs'],
  ])('publish refuses a new name with %s (%j) before sending it', async (_what, name) => {
    const before = registry.requests.length;
    const outcome = await outcomeOf(client.publish({ name, version: '1.0.0' }, Buffer.from('tarball')));

    expect(outcome.errors).toHaveLength(1);
    expect(outcome.errors[0]).toBeInstanceOf(UsageError);
    expect(registry.requests.slice(before)).toEqual([]);
  });

  it('a valid name still reaches the registry: the refusals are not the server being unreachable', async () => {
    const before = registry.requests.length;
    const outcome = await outcomeOf(client.distTags.fetch('left-pad'));

    expect(outcome.errors).toEqual([]);
    expect(outcome.values).toEqual([{ latest: '1.0.0' }]);
    expect(registry.requests.slice(before).map((r) => r.url)).toEqual(['/-/package/left-pad/dist-tags']);
  });
});
