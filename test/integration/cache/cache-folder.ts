import cacache from 'cacache';
import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CacheEntryMeta } from '../../../src';
import { RegistryClient, type RegistryClientConfig } from '../../../src';
import type { Cleanup } from '../../support/cleanup';

/** The repository's root, where `node_modules` is. */
export const REPO_ROOT = resolve(__dirname, '../../..');

/** The store key rxnpm uses for a GET of `url`. */
export function fullKey(url: string): string {
  return `rxnpm:get:full:${url}`;
}

export function corgiKey(url: string): string {
  return `rxnpm:get:corgi:${url}`;
}

/** Makes a stored entry look `ageMs` older than it is, as if it had been stored back then. */
export async function ageEntry(folder: string, key: string, ageMs: number): Promise<void> {
  const info = await cacache.get.info(folder, key);
  if (!info) throw new Error(`nothing stored under ${key}`);
  const meta = info.metadata as CacheEntryMeta;
  await cacache.index.insert(folder, key, info.integrity, { metadata: { ...meta, storedAt: meta.storedAt - ageMs }, size: info.size });
}

/** Every file under `<folder>/content-v2/`: the bodies, named by their hash. */
export async function contentFiles(folder: string): Promise<string[]> {
  const files: string[] = [];
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if ((await stat(path)).isFile()) files.push(path);
    }
  }
  await walk(join(folder, 'content-v2'));
  return files;
}

/**
 * A client whose `close` may be called early by the test and again by the
 * cleanup: it closes once.
 */
export interface ClosableClient {
  readonly client: RegistryClient;
  close(): Promise<void>;
}

export function trackedClient(open: Cleanup, config: RegistryClientConfig): ClosableClient {
  const client = new RegistryClient(config);
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= client.close());
  open.track({ close });
  return { client, close };
}

/** What `cacache.verify` reports about a folder. */
export interface VerifyStats {
  readonly verifiedContent: number;
  readonly badContentCount: number;
  readonly missingContent: number;
  readonly rejectedEntries: number;
  readonly totalEntries: number;
}

/**
 * Runs `cacache.verify` on `folder` in a child process: cacache loads p-map
 * with a dynamic `import()`, which Jest's module sandbox refuses.
 */
export function verifyCache(folder: string): Promise<VerifyStats> {
  const script = "require('cacache').verify(process.argv[1]).then((s) => process.stdout.write(JSON.stringify(s)), (e) => { console.error(e); process.exit(1); })";
  return new Promise((done, reject) => {
    execFile(process.execPath, ['-e', script, folder], { cwd: REPO_ROOT, timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`cacache.verify failed: ${stderr || error.message}`));
      else done(JSON.parse(stdout) as VerifyStats);
    });
  });
}
