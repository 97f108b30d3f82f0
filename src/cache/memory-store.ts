import { defer, of, type Observable } from 'rxjs';
import type { CacheEntryMeta, StoredEntry } from './cache-entry';
import type { CacheStore } from './cache-store';

interface Kept {
  readonly meta: CacheEntryMeta;
  readonly body: Buffer;
}

/**
 * A `CacheStore` in this process's memory that answers synchronously, so a
 * client using it runs entirely in virtual time (marble tests), or needs no
 * folder at all.
 *
 * @example new RegistryClient({ registry, cache: memoryStore(), transport })
 */
export class MemoryStore implements CacheStore {
  private readonly entries = new Map<string, Kept>();

  get(key: string): Observable<StoredEntry | undefined> {
    return defer(() => {
      const kept = this.entries.get(key);
      return of(kept && { meta: kept.meta, readBody: () => of(kept.body) });
    });
  }

  put(key: string, meta: CacheEntryMeta, body: Buffer): Observable<string | undefined> {
    return defer(() => {
      this.entries.set(key, { meta, body: Buffer.from(body) });
      return of(undefined);
    });
  }

  touch(key: string, meta: CacheEntryMeta): Observable<void> {
    return defer(() => {
      const kept = this.entries.get(key);
      if (kept) this.entries.set(key, { ...kept, meta });
      return of(undefined);
    });
  }

  remove(key: string): Observable<void> {
    return defer(() => {
      this.entries.delete(key);
      return of(undefined);
    });
  }

  /** The keys stored, for tests and diagnostics. */
  keys(): string[] {
    return [...this.entries.keys()];
  }
}

export function memoryStore(): MemoryStore {
  return new MemoryStore();
}
