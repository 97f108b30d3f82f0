import { createHash } from 'node:crypto';
import type { Observable } from 'rxjs';
import { BadResponseError, IntegrityError, RegistryError } from '../../src';
import { outcomeOf } from '../support/outcome-of';
import { startServer, type TestServer } from '../support/start-server';
import { useClients } from '../support/use-clients';

const TARBALL = Buffer.from('the bytes of a tarball');
const sri = (algorithm: string, bytes: Buffer = TARBALL) => `${algorithm}-${createHash(algorithm).update(bytes).digest('base64')}`;
const WRONG = Buffer.from('other bytes');

/**
 * A registry on a loopback port that serves, for each package, the packument
 * text a test wrote (so it may hold `__proto__` keys or anything else), and
 * the same tarball bytes at `/tarball`.
 */
async function hostileRegistry(documents: Record<string, (url: string) => string>): Promise<TestServer> {
  return startServer((req, res) => {
    if (req.url === '/tarball') return void res.end(TARBALL);
    const name = decodeURIComponent((req.url ?? '').slice(1));
    const doc = Object.hasOwn(documents, name) ? documents[name] : undefined;
    res.writeHead(doc ? 200 : 404, { 'content-type': 'application/json' });
    res.end(doc ? doc(`http://${req.headers.host}/tarball`) : '{}');
  });
}

function packument(name: string, version: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return (tarball: string) =>
    JSON.stringify({ name, 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': { name, version: '1.0.0', dist: { integrity: sri('sha512'), tarball }, ...version } }, ...extra });
}

describe('manifests a hostile registry answers', () => {
  const { open, client } = useClients();

  it.each([
    ['a version that climbs folders', 'x', packument('x', { version: '1.0.0/../../../../x' })],
    ['a name that climbs folders', 'x', packument('x', { name: '@x/../../../../x' })],
    ['another package', 'x', packument('x', { name: 'y' })],
    ['a version filed under another version', 'x', packument('x', { version: '2.0.0' })],
    ['a version with spaces around it', 'x', packument('x', { version: ' 1.0.0' })],
    ['a version that is a number', 'x', packument('x', { version: 1 })],
  ])('%s: manifest() and tarball() fail with EBADRESPONSE, and no tarball is asked for', async (_label, name, doc) => {
    const registry = open.track(await hostileRegistry({ [name]: doc }));
    const reader = client({ registry: registry.url });

    const calls: Observable<unknown>[] = [reader.manifest(name), reader.tarball(name)];
    for (const call of calls) {
      const outcome = await outcomeOf(call);
      expect(outcome.values).toEqual([]);
      expect(outcome.errors).toHaveLength(1);
      expect(outcome.errors[0]).toBeInstanceOf(BadResponseError);
      expect(outcome.errors[0]).toMatchObject({ code: 'EBADRESPONSE', pkgid: name });
    }
    expect(registry.requests.map((r) => r.url)).not.toContain('/tarball');
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('dist-tags.latest %j names no version: ETARGET, never a function or an object from Object.prototype', async (tag) => {
    const registry = open.track(await hostileRegistry({ x: (tarball) => packument('x', {}, { 'dist-tags': { latest: tag } })(tarball) }));

    const outcome = await outcomeOf(client({ registry: registry.url }).manifest('x@latest'));

    expect(outcome.values).toEqual([]);
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.errors[0]).toBeInstanceOf(RegistryError);
    expect(outcome.errors[0]).toMatchObject({ code: 'ETARGET' });
  });

  it('asking for a tag named like a property of Object.prototype finds nothing', async () => {
    const registry = open.track(await hostileRegistry({ x: packument('x', {}) }));

    const outcome = await outcomeOf(client({ registry: registry.url }).manifest('x@constructor'));

    expect(outcome.values).toEqual([]);
    expect(outcome.errors[0]).toMatchObject({ code: 'ETARGET' });
  });

  it('"__proto__" keys in the packument are data: the right manifest, nothing polluted', async () => {
    const doc = (tarball: string) =>
      `{"name":"x","__proto__":{"polluted":1},"dist-tags":{"__proto__":"9.9.9","latest":"1.0.0"},"versions":{"__proto__":{"name":"x","version":"9.9.9"},"1.0.0":{"name":"x","version":"1.0.0","__proto__":{"polluted":2},"dist":{"integrity":"${sri('sha512')}","tarball":"${tarball}"}}}}`;
    const registry = open.track(await hostileRegistry({ x: doc }));

    const outcome = await outcomeOf(client({ registry: registry.url }).manifest('x@latest'));

    expect(outcome.errors).toEqual([]);
    expect(outcome.values).toHaveLength(1);
    expect(outcome.values[0]).toMatchObject({ name: 'x', version: '1.0.0' });
    expect(Object.getPrototypeOf(outcome.values[0])).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  describe('integrity', () => {
    it.each([
      ['md5 only', { integrity: `md5-${createHash('md5').update(TARBALL).digest('base64')}` }],
      ['garbage', { integrity: 'garbage' }],
      ['an empty integrity and a shasum that is not hex', { integrity: '', shasum: 'not-hex' }],
      ['no integrity at all', {}],
      ['an integrity that is not a string', { integrity: { sha512: 'x' } }],
    ])('%s: tarball() fails with one IntegrityError EINTEGRITY before asking for the tarball', async (_label, dist) => {
      const registry = open.track(await hostileRegistry({ x: (tarball) => packument('x', { dist: { ...dist, tarball } })(tarball) }));

      const outcome = await outcomeOf(client({ registry: registry.url }).tarball('x'));

      expect(outcome.values).toEqual([]);
      expect(outcome.errors).toHaveLength(1);
      expect(outcome.errors[0]).toBeInstanceOf(IntegrityError);
      expect(outcome.errors[0]).toMatchObject({ code: 'EINTEGRITY', pkgid: 'x' });
      expect(registry.requests.map((r) => r.url)).not.toContain('/tarball');
    });

    it('sha512 and a wrong sha1 side by side: sha512 is checked, and the tarball passes', async () => {
      const integrity = `${sri('sha1', WRONG)} ${sri('sha512')}`;
      const registry = open.track(await hostileRegistry({ x: (tarball) => packument('x', { dist: { integrity, tarball } })(tarball) }));

      const outcome = await outcomeOf(client({ registry: registry.url }).tarball('x'));

      expect(outcome.errors).toEqual([]);
      expect(Buffer.concat(outcome.values)).toEqual(TARBALL);
    });

    it('a wrong sha512 beside a right sha1 and shasum: sha512 is checked, and the tarball is refused', async () => {
      const integrity = `${sri('sha512', WRONG)} ${sri('sha1')}`;
      const shasum = createHash('sha1').update(TARBALL).digest('hex');
      const registry = open.track(await hostileRegistry({ x: (tarball) => packument('x', { dist: { integrity, shasum, tarball } })(tarball) }));

      const outcome = await outcomeOf(client({ registry: registry.url }).tarball('x'));

      expect(outcome.values).toEqual([]);
      expect(outcome.errors[0]).toBeInstanceOf(IntegrityError);
      expect((outcome.errors[0] as Error).message).toContain('sha512');
    });

    it('an md5 integrity beside a right sha1 shasum: the shasum is checked', async () => {
      const shasum = createHash('sha1').update(TARBALL).digest('hex');
      const integrity = `md5-${createHash('md5').update(WRONG).digest('base64')}`;
      const registry = open.track(await hostileRegistry({ x: (tarball) => packument('x', { dist: { integrity, shasum, tarball } })(tarball) }));

      const outcome = await outcomeOf(client({ registry: registry.url }).tarball('x'));

      expect(outcome.errors).toEqual([]);
      expect(Buffer.concat(outcome.values)).toEqual(TARBALL);
    });

    it('a dist.tarball that is not an http(s) URL is EBADRESPONSE', async () => {
      const registry = open.track(await hostileRegistry({ x: () => packument('x', {})('file:///etc/passwd') }));

      const outcome = await outcomeOf(client({ registry: registry.url }).tarball('x'));

      expect(outcome.values).toEqual([]);
      expect(outcome.errors[0]).toBeInstanceOf(BadResponseError);
    });
  });
});
