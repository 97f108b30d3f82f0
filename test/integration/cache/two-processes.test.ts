import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { lastValueFrom } from 'rxjs';
import { RegistryClient, type CacheStatus } from '../../../src';
import { tempCache, type TempCache } from '../../support/temp-cache';
import { eventually, within } from './bounded';
import { REPO_ROOT, verifyCache } from './cache-folder';
import { abbreviated, packument, startPackumentServer, type Packument, type PackumentServer } from './packument-server';
import { pathOf } from '../../support/verdaccio-fixtures';

const CHILD = join(__dirname, 'get-many.child.cjs');

/**
 * Builds the library as a user gets it (the CommonJS bundle), into a folder of
 * its own so `dist/` is left alone. The folder is inside the repository's
 * `node_modules/.cache`, so the bundle finds its dependencies, also through `import()`.
 */
function buildLibrary(outDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('npx', ['tsup', 'src/index.ts', '--no-config', '--format', 'cjs', '--target', 'node20', '--out-dir', outDir], { cwd: REPO_ROOT, timeout: 60_000 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`tsup failed: ${stderr || error.message}`));
      else resolve(join(outDir, 'index.js'));
    });
  });
}

interface ChildRun {
  readonly child: ChildProcess;
  readonly done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function startChild(args: string[]): ChildRun {
  const child = spawn(process.execPath, [CHILD, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

describe('two processes writing one cache folder at once', () => {
  let buildDir: string;
  let library: string;
  let server: PackumentServer;
  let cache: TempCache;
  const children: ChildProcess[] = [];
  const names = Array.from({ length: 30 }, (_, i) => (i % 5 === 0 ? `@two-procs/pkg-${i}` : `two-procs-pkg-${i}`));
  // Sizes from a few hundred bytes to ~300 kB, so some writes take long enough to overlap.
  const docs = names.map((name, i) => packument(name, Array.from({ length: 1 + (i % 7) }, (_, v) => `1.${v}.0`), { readmeBytes: 200 + ((i * 7919) % 30) * 10_000 }));

  beforeAll(async () => {
    const builds = join(REPO_ROOT, 'node_modules', '.cache');
    await mkdir(builds, { recursive: true });
    buildDir = await mkdtemp(join(builds, 'rxnpm-two-processes-'));
    library = await buildLibrary(buildDir);
    server = await startPackumentServer(...docs);
    cache = await tempCache();
  }, 90_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill();
    await server?.close();
    await cache?.remove();
    if (buildDir) await rm(buildDir, { recursive: true, force: true });
  });

  it('loses nothing and corrupts nothing: a third client reads all 30 offline, and cacache.verify finds no bad content', async () => {
    // Hold every answer until both processes are asking, so their writes overlap.
    server.hold();
    const runs = ['rxnpm-child-a', 'rxnpm-child-b'].map((agent) => startChild([library, server.url, cache.path, agent, JSON.stringify(names)]));
    children.push(...runs.map((r) => r.child));
    const agents = () => new Set(server.requests.map((r) => r.headers['user-agent']));
    const exited = () => runs.some((r) => r.child.exitCode !== null);
    await eventually(() => exited() || (agents().has('rxnpm-child-a') && agents().has('rxnpm-child-b')), 20_000, 'both processes to send requests');
    server.release();

    const results = await within(Promise.all(runs.map((r) => r.done)), 30_000, 'both processes to finish');

    for (const { code, stderr } of results) expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    for (const { stdout } of results) {
      const [first, second, third] = JSON.parse(stdout) as Array<Record<string, CacheStatus>>;
      // Whichever process stored a document first, the other may already find it and revalidate it.
      for (const name of names) {
        expect(['miss', 'revalidated']).toContain(first[name]);
        expect(second[name]).toBe('revalidated');
        expect(['miss', 'revalidated']).toContain(third[name]);
      }
    }
    const requestsBefore = server.requests.length;

    const reader = new RegistryClient({ registry: server.url, cache: cache.path });
    try {
      for (const doc of docs) {
        const full = await lastValueFrom(reader.get<Packument>(pathOf(doc.name), { offline: true }));
        expect(full.cacheStatus).toBe('hit');
        expect(full.data).toEqual(doc);
        const corgi = await lastValueFrom(reader.get(pathOf(doc.name), { offline: true, fullMetadata: false }));
        expect(corgi.cacheStatus).toBe('hit');
        expect(corgi.data).toEqual(abbreviated(doc));
      }
    } finally {
      await reader.close();
    }
    expect(server.requests.length).toBe(requestsBefore);

    const stats = await verifyCache(cache.path);
    expect(stats).toMatchObject({ badContentCount: 0, missingContent: 0, rejectedEntries: 0, totalEntries: 60 });
  }, 60_000);
});
