import { defer, delay, map, type Observable } from 'rxjs';
import type { CacheEntryMeta, CacheStore, StoredEntry } from '../../../src';
import { memoryStore, type MemoryStore } from '../../../src/testing';

/**
 * An in-memory `CacheStore` whose reads take as long as the test says, in
 * virtual time: the n-th `get` answers after `readFrames[n]` frames (0 once the
 * list runs out) with what the store held when the read began, as a read of a
 * file does. A disk under load, where one read ends long after another. Each
 * entry's body then takes `bodyFrames` more to read, as a large content file
 * does after its small index record.
 */
export class SlowStore implements CacheStore {
  readonly inner: MemoryStore = memoryStore();
  /** How many reads of documents in the store were made. */
  reads = 0;
  /** How many reads of packages' write markers were made. */
  markerReads = 0;

  constructor(
    private readonly readFrames: readonly number[],
    private readonly bodyFrames = 0,
  ) {}

  get(key: string): Observable<StoredEntry | undefined> {
    return defer(() => {
      // A package's write marker is read beside its documents: it is not one of the reads the test times.
      if (key.startsWith('rxnpm:written:')) {
        this.markerReads++;
        return this.inner.get(key);
      }
      const frames = this.readFrames[this.reads++] ?? 0;
      const read = this.inner.get(key).pipe(map((entry) => entry && this.slowBody(entry)));
      return frames > 0 ? read.pipe(delay(frames)) : read;
    });
  }

  private slowBody(entry: StoredEntry): StoredEntry {
    if (this.bodyFrames === 0) return entry;
    return { ...entry, readBody: () => entry.readBody().pipe(delay(this.bodyFrames)) };
  }

  put(key: string, meta: CacheEntryMeta, body: Buffer): Observable<string | undefined> {
    return this.inner.put(key, meta, body);
  }

  touch(key: string, meta: CacheEntryMeta): Observable<void> {
    return this.inner.touch(key, meta);
  }

  remove(key: string): Observable<void> {
    return this.inner.remove(key);
  }
}
