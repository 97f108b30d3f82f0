import { lstat, mkdir, mkdtemp, readdir, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { RegistryClient } from '../../src';
import { filesUnder, tempFilesOf } from '../support/cache-files';
import { FAST_RETRY } from '../support/fast-retry';
import { outcomeOf } from '../support/outcome-of';
import { sendJson, startServer, type TestServer } from '../support/start-server';

/** Paths a caller (or a packument) might hand to `get`, hoping to reach a file outside the cache. */
const HOSTILE_PATHS: readonly string[] = [
  '/../../etc/passwd',
  '/../../../../../../../../tmp/rxnpm-escaped',
  '/%2e%2e/x',
  '/%2e%2e%2f%2e%2e%2fescaped',
  '/..%2f..%2fescaped',
  '/..%5c..%5cescaped',
  '/....//....//escaped',
  '/%252e%252e/escaped',
  '/@scope%2f..%2f..%2fescaped',
  '/pkg/../../../escaped',
  `/${'a'.repeat(8000)}`,
  `/${'../'.repeat(500)}escaped`,
  `/pkg?${'q'.repeat(6000)}`,
  '/pkg?key=../../../escaped',
  '/\u0000escaped',
  '/%00escaped',
  '/con',
  '/.cache',
  '/index-v5',
  '/content-v2/sha512/00/00',
];

/**
 * The cache folder sits alone in a parent folder made for the test: after
 * every hostile GET, the parent must still hold only the cache folder, and
 * every file the cache wrote must be inside it.
 */
describe('cache keys cannot address files outside the cache folder', () => {
  let server: TestServer;
  let parent: string;
  let cacheFolder: string;

  beforeAll(async () => {
    server = await startServer((req, res) => sendJson(res, 200, { seen: (req.url ?? '').slice(0, 100) }));
    parent = await realpath(await mkdtemp(join(tmpdir(), 'rxnpm-containment-')));
    cacheFolder = join(parent, 'cache');
    await mkdir(cacheFolder);
  });
  afterAll(async () => {
    await server?.close();
    if (parent) await rm(parent, { recursive: true, force: true });
  });

  it('every hostile path is fetched and cached (or refused), and every file written is inside the cache folder', async () => {
    const client = new RegistryClient({ registry: server.url, cache: cacheFolder, ...FAST_RETRY });
    const outcomes = [];
    try {
      for (const path of HOSTILE_PATHS) outcomes.push(await outcomeOf(client.get(path), 5000));
    } finally {
      await client.close();
    }

    // Each GET ended with data or one error; none reached another server.
    for (const outcome of outcomes) expect(outcome.values.length + outcome.errors.length).toBe(1);
    expect(outcomes.filter((o) => o.values.length === 1).length).toBeGreaterThan(HOSTILE_PATHS.length / 2);
    expect(server.requests.every((r) => r.url.startsWith('/'))).toBe(true);

    expect(await readdir(parent)).toEqual(['cache']);
    const written = await filesUnder(cacheFolder);
    expect(written.length).toBeGreaterThan(0);
    for (const file of written) {
      expect(file.startsWith(`${cacheFolder}${sep}`)).toBe(true);
      expect((await lstat(file)).isSymbolicLink()).toBe(false);
      expect((await realpath(file)).startsWith(`${cacheFolder}${sep}`)).toBe(true);
    }
    // Only cacache's own layout: the index and the content, named by hashes.
    expect([...new Set(written.map((f) => f.slice(cacheFolder.length + 1).split(sep)[0]))].sort()).toEqual(['content-v2', 'index-v5']);
    expect(await tempFilesOf(cacheFolder)).toEqual([]);
  });

  it('an offline client reads a hostile path back from inside the folder, and nothing else', async () => {
    const online = new RegistryClient({ registry: server.url, cache: cacheFolder, ...FAST_RETRY });
    try {
      expect((await outcomeOf(online.get('/%2e%2e/x'))).values).toHaveLength(1);
    } finally {
      await online.close();
    }
    const offline = new RegistryClient({ registry: server.url, cache: cacheFolder, offline: true });
    try {
      const before = server.requests.length;
      const cached = await outcomeOf(offline.get('/%2e%2e/x'));
      const neverFetched = await outcomeOf(offline.get('/../../never-fetched'));

      expect(cached.values.map((v) => v.data)).toEqual([{ seen: '/x' }]);
      expect(neverFetched.errors).toEqual([expect.objectContaining({ code: 'ENOTCACHED' })]);
      expect(server.requests.length).toBe(before);
    } finally {
      await offline.close();
    }
    expect(await readdir(parent)).toEqual(['cache']);
  });
});
