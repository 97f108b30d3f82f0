import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { lastValueFrom } from 'rxjs';
import { RegistryClient } from '../../../src';
import { buildLibrary, REPO_ROOT, type LibraryBuild } from '../../../marbles/load/support/build-library';
import { afterBody, sendJson, startServer, type TestServer } from '../../support/start-server';
import { tempCache, type TempCache } from '../../support/temp-cache';
import { eventually, within } from './bounded';

const CHILD = join(__dirname, 'one-call.child.cjs');

interface Outcome {
  readonly code: number | null;
  readonly result?: { cacheStatus: string; data: { version: string } };
  readonly stderr: string;
}

/**
 * Cache writes seen from other processes: a process's writes are on disk when
 * it ends (by itself, or after `close()`), and a slow answer that lands after
 * another process's write to the package is never served as fresh.
 */
describe('cache writes across processes', () => {
  let library: LibraryBuild;
  let server: TestServer;
  let cache: TempCache;
  let latest = '1.0.0';
  /** While set, GETs of /widget wait for it to resolve. */
  let held: Promise<void> | undefined;
  let release = () => {};

  beforeAll(async () => {
    library = await buildLibrary('durable-writes');
    server = await startServer(
      afterBody(async (req, res) => {
        if (req.method === 'GET' && req.url === '/widget') {
          const version = latest;
          await held;
          return sendJson(res, 200, { name: 'widget', version }, { etag: `"${version}"` });
        }
        if (req.method === 'PUT' && req.url === '/-/package/widget/dist-tags/latest') {
          latest = '2.0.0';
          return sendJson(res, 201, { ok: true });
        }
        sendJson(res, 404, { error: 'not found' });
      }),
    );
  }, 90_000);
  beforeEach(async () => {
    cache = await tempCache();
    latest = '1.0.0';
    held = undefined;
  });
  afterEach(() => cache.remove());
  afterAll(async () => {
    await server?.close();
    await library?.remove();
  });

  function run(op: 'get' | 'put' | 'get-no-close', path: string, timeout?: number): Promise<Outcome> {
    const args = [CHILD, library.entry, server.url, cache.path, op, path, ...(timeout === undefined ? [] : [String(timeout)])];
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const done = new Promise<Outcome>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stderr, result: stdout ? JSON.parse(stdout) : undefined }));
    });
    return within(done, 30_000, () => `child ${op} ${path}: ${stderr}`);
  }

  const cachedOffline = async () => {
    const reader = new RegistryClient({ registry: server.url, cache: cache.path, offline: true });
    try {
      return await lastValueFrom(reader.get<{ version: string }>('/widget'));
    } finally {
      await reader.close();
    }
  };

  it('a process that ends by itself after a get leaves the entry on disk', async () => {
    const outcome = await run('get-no-close', '/widget');
    expect(outcome).toMatchObject({ code: 0, result: { cacheStatus: 'miss', data: { version: '1.0.0' } } });
    expect(await cachedOffline()).toMatchObject({ cacheStatus: 'hit', data: { version: '1.0.0' } });
  }, 30_000);

  it('a process that calls process.exit() right after close() leaves the entry on disk', async () => {
    const outcome = await run('get', '/widget');
    expect(outcome).toMatchObject({ code: 0, result: { cacheStatus: 'miss' } });
    expect(await cachedOffline()).toMatchObject({ cacheStatus: 'hit', data: { version: '1.0.0' } });
  }, 30_000);

  it('a slow read that lands after another process’s write is not served as fresh to a third', async () => {
    held = new Promise((resolve) => (release = resolve));
    const requestsBefore = server.requests.length;
    // A asks for the document; its answer (the version before the write) is held back.
    const slowReader = run('get', '/widget');
    await eventually(() => server.requests.length > requestsBefore, 20_000, 'the slow reader’s request');
    // B writes to the package, which removes its entries and leaves a write marker.
    expect(await run('put', '/-/package/widget/dist-tags/latest')).toMatchObject({ code: 0 });
    held = undefined;
    release();
    // A gets its old answer and stores it, after B's marker.
    expect(await slowReader).toMatchObject({ code: 0, result: { cacheStatus: 'miss', data: { version: '1.0.0' } } });

    // C, happy with any copy younger than an hour, must not take A's as fresh.
    const third = await run('get', '/widget', 3600);
    expect(third).toMatchObject({ code: 0, result: { data: { version: '2.0.0' } } });
    expect(third.result?.cacheStatus).not.toBe('hit');
  }, 60_000);
});
