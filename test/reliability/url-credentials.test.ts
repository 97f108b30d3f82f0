import { createHash } from 'node:crypto';
import { RegistryClient, UsageError, ConfigError } from '../../src';
import { anyFileContains } from '../support/cache-files';
import { Cleanup } from '../support/cleanup';
import { collectLog } from '../support/log-collector';
import { outcomeOf } from '../support/outcome-of';
import { sendJson, startServer } from '../support/start-server';
import { tempCache, type TempCache } from '../support/temp-cache';

const PASSWORD = 'userinfo-password-0001';

/**
 * A user name and password written into a URL are never sent (npm picks
 * credentials by `//host/:_auth` keys), so rxnpm refuses them where the caller
 * wrote them, drops them where the registry did, and keeps them out of every
 * log line, error and file in the cache folder.
 */
describe('credentials written into URLs', () => {
  const open = new Cleanup();
  let cache: TempCache;

  beforeEach(async () => {
    cache = await tempCache();
  });
  afterEach(async () => {
    await open.closeAll();
    await cache.remove();
  });

  it('in the registry URL: ConfigError ECONFIG from the constructor, the password not in its message', () => {
    const registry = `http://ada:${PASSWORD}@127.0.0.1:4873/`;
    expect(() => new RegistryClient({ registry, cache: cache.path })).toThrow(ConfigError);
    expect(() => new RegistryClient({ registry, cache: cache.path })).not.toThrow(new RegExp(PASSWORD));
  });

  it('in an absolute URL given to get(): UsageError EUSAGE, nothing sent, nothing stored', async () => {
    const server = open.track(await startServer((_req, res) => sendJson(res, 200, { ok: true })));
    const client = open.track(new RegistryClient({ registry: server.url, cache: cache.path }));

    const outcome = await outcomeOf(client.get(server.url.replace('http://', `http://ada:${PASSWORD}@`) + 'pkg'));

    expect(outcome.errors[0]).toBeInstanceOf(UsageError);
    expect((outcome.errors[0] as Error).message).not.toContain(PASSWORD);
    expect(server.requests).toEqual([]);
    await client.close();
    expect(await anyFileContains(cache.path, PASSWORD)).toBe(false);
  });

  it('in a dist.tarball the registry sent: dropped, so neither sent, logged nor stored; the tarball still verifies', async () => {
    const tarball = Buffer.from('tarball bytes');
    const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
    const server = open.track(
      await startServer((req, res) => {
        if (req.url === '/x.tgz') return void res.end(tarball);
        const url = `http://ada:${PASSWORD}@${req.headers.host}/x.tgz`;
        sendJson(res, 200, { name: 'x', 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': { name: 'x', version: '1.0.0', dist: { integrity, tarball: url } } } });
      }),
    );
    const collector = collectLog();
    const client = open.track(new RegistryClient({ registry: server.url, cache: cache.path, log: collector.log }));

    const outcome = await outcomeOf(client.tarball('x'));

    expect(outcome.errors).toEqual([]);
    expect(Buffer.concat(outcome.values)).toEqual(tarball);
    expect(server.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/x', undefined],
      ['/x.tgz', undefined],
    ]);
    expect(collector.text()).not.toContain(PASSWORD);
    expect(collector.text()).toContain('/x.tgz');
  });
});
