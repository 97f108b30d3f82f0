import type cacacheModule from 'cacache';
import { lazyRequire } from '../util/lazy-require';
import { readFile } from 'node:fs';
import { defer, type Observable } from 'rxjs';
import type { NormalizedLogger } from '../config/logger';
import type { CacheEntryMeta, StoredEntry } from './cache-entry';
import type { CacheStore } from './cache-store';
import { matchesIntegrity } from './matches-integrity';
import { CacheError, isUnusableFolder } from '../errors/cache-error';
import { propertyOf } from '../util/property-of';

type Cacache = typeof cacacheModule;

/** Loaded on first use: a process that never reads the cache (a publish) does not pay for it. */
const loadCacache = lazyRequire<Cacache>('cacache');

/** fs.readFile with a callback: for hundreds of small reads, fs/promises' FileHandle bookkeeping costs more than the read. */
function readWhole(path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => readFile(path, (error, data) => (error ? reject(error) : resolve(data))));
}

function isMeta(value: unknown): value is CacheEntryMeta {
  const field = (key: keyof CacheEntryMeta) => typeof propertyOf(value, key);
  return field('url') === 'string' && field('storedAt') === 'number' && field('statusCode') === 'number' && field('headers') === 'object';
}

/**
 * A `CacheStore` in a cacache folder: content-addressed, integrity-checked on
 * every read, safe for several processes writing at once.
 */
export class CacacheStore implements CacheStore {
  constructor(
    readonly folder: string,
    private readonly log: NormalizedLogger,
  ) {}

  get(key: string): Observable<StoredEntry | undefined> {
    return defer(async () => {
      const cacache = loadCacache();
      // get.info answers a missing key with null; cacache.get would build an error, with its stack, for every miss.
      const info = await cacache.get.info(this.folder, key).catch((error: unknown) => {
        throw isUnusableFolder(error) ? new CacheError(this.folder, error) : error;
      });
      if (!info) return undefined;
      if (!isMeta(info.metadata)) return this.discard(key, 'unreadable metadata', { withContent: false });
      const readBody = () =>
        defer(async () => {
          const body = await this.readContent(info);
          return Buffer.isBuffer(body) ? body : this.discard(key, body, { withContent: true });
        });
      return { meta: info.metadata, integrity: info.integrity, readBody };
    });
  }

  put(key: string, meta: CacheEntryMeta, body: Buffer): Observable<string | undefined> {
    return defer(async () => {
      const cacache = loadCacache();
      // No compaction here: a new key's bucket holds one line, and a changed document is rare next to a 304.
      const integrity: unknown = await cacache.put(this.folder, key, body, { metadata: meta });
      // cacache resolves an ssri Integrity object (its typings say string): emit the SRI string the contract promises.
      return String(integrity);
    });
  }

  touch(key: string, meta: CacheEntryMeta, integrity: string | undefined, size: number): Observable<void> {
    return defer(async () => {
      if (!integrity) return;
      const cacache = loadCacache();
      await cacache.index.insert(this.folder, key, integrity, { metadata: meta, size });
      // Compaction rewrites the bucket (a temp file, mkdirs, a rename): the caller asks for it once records pile up.
      if ((meta.records ?? 1) <= 1) await this.compact(key);
    });
  }

  remove(key: string): Observable<void> {
    return defer(() => this.removeEntry(key, { withContent: false }));
  }

  /** The entry's body, checked against its size and integrity; or what is wrong with it. */
  private async readContent(info: { path: string; size?: number; integrity: string }): Promise<Buffer | string> {
    let body: Buffer;
    try {
      body = await readWhole(info.path);
    } catch (error) {
      if (propertyOf(error, 'code') === 'ENOENT') return 'content missing';
      throw error;
    }
    if (info.size !== undefined && body.length !== info.size) return 'EBADSIZE';
    return matchesIntegrity(body, info.integrity) ? body : 'EINTEGRITY';
  }

  private async discard(key: string, problem: string, { withContent }: { withContent: boolean }): Promise<undefined> {
    this.log.warn('cache', `discarding a corrupt entry (${problem}): ${key}`);
    await this.removeEntry(key, { withContent });
    return undefined;
  }

  /** Content is shared by address, so it goes only when it is known bad. */
  private async removeEntry(key: string, { withContent }: { withContent: boolean }): Promise<void> {
    const cacache = loadCacache();
    const info = withContent ? await cacache.get.info(this.folder, key).catch(() => null) : null;
    // removeFully deletes the index bucket rather than appending a tombstone (typed in src/types/cacache.d.ts).
    await cacache.rm.entry(this.folder, key, { removeFully: true });
    if (info?.integrity) await cacache.rm.content(this.folder, info.integrity);
  }

  /** Keeps one line per key in the index bucket, so revalidations (one line each) do not grow it forever. */
  private async compact(key: string): Promise<unknown> {
    const cacache = loadCacache();
    return cacache.index.compact(this.folder, key, (a: { key: string }, b: { key: string }) => a.key === b.key);
  }
}
