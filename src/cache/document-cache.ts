import { asyncScheduler, defer, finalize, map, mergeMap, of, tap, type Observable, type Subscription } from 'rxjs';
import type { NormalizedLogger } from '../config/logger';
import type { CacheEntryMeta, CachedDocument, StoredEntry } from './cache-entry';
import type { CacheStore } from './cache-store';
import { deepFreeze } from './deep-freeze';
import { coalesce } from './coalesce';
import { MemoryLayer } from './memory-layer';

/** Headers a cached response replays; the rest describe one connection, not the document. */
const KEPT_HEADERS = ['content-type', 'etag', 'last-modified', 'cache-control', 'date', 'npm-notice'];

export function keptHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of KEPT_HEADERS) if (headers[name] !== undefined) out[name] = headers[name];
  return out;
}

/**
 * How much may wait to be stored while GETs are under way: bodies by bytes,
 * writes by count (a 304's refresh has no body), and any write by time, so a
 * process that is never idle still persists its cache.
 */
const MAX_WAITING_BYTES = 64 * 1024 * 1024;
const MAX_WAITING_WRITES = 1000;
const MAX_WAIT_MS = 5000;

/** Where a write to a package leaves its time, for every process sharing the store. */
function writtenKey(pkgid: string): string {
  return `rxnpm:written:${pkgid}`;
}

/**
 * Parsed documents in front of a `CacheStore`: reads try memory, then the
 * store; writes go to memory at once and to the store in the background, so a
 * response is never held back by the disk. Stores of new bodies and refreshes
 * wait while GETs are under way (up to a bound), so in a burst the disk does
 * not compete with responses for the event loop. `flush()` waits for all writes.
 */
export class DocumentCache {
  private readonly memory: MemoryLayer;
  /** pkgid → when a write to it succeeded: older copies must not be served. */
  private readonly invalidated = new Map<string, number>();
  /** Background writes waiting per key: they run one after another so the last word wins on disk too. */
  private readonly queues = new Map<string, Array<() => void>>();
  private readonly drained: Array<() => void> = [];
  private readonly reading = new Map<string, Observable<StoredEntry | undefined>>();
  /** GETs reading the store or the network. */
  private busy = 0;
  /** Writes (stores of new bodies, refreshes) waiting for the GETs to end, by key, in order. */
  private readonly waiting = new Map<string, { bytes: number; readonly starts: Array<() => void> }>();
  private waitingBytes = 0;
  private waitingWrites = 0;
  private waitLimit: Subscription | undefined;

  constructor(
    readonly store: CacheStore,
    memoryBytes: number,
    private readonly log: NormalizedLogger,
  ) {
    this.memory = new MemoryLayer(memoryBytes);
  }

  /**
   * The cached document, or `undefined` when absent, unreadable, or older than
   * a write to its package. `checkWrites` names the package of a document the
   * write did not remove from the store (`/name/latest`, a version): its copy
   * on disk is then checked against the write marker another process may have left.
   */
  read(key: string, checkWrites?: string): Observable<CachedDocument | undefined> {
    return defer(() => {
      const inMemory = this.memory.get(key);
      if (inMemory) return of(this.current(inMemory));
      // Subscribers reading the same key at once share one read of the store.
      const stored = this.whileBusy(coalesce(this.reading, key, () => this.store.get(key)));
      return (checkWrites === undefined ? stored : stored.pipe(mergeMap((entry) => (entry ? this.unlessWrittenSince(entry, checkWrites) : of(entry))))).pipe(
        // A concurrent GET may have fetched the document while the store was read (reads queue up under load):
        // that copy is newer than the store's, and taking it spares a second request.
        map((entry) => this.memory.get(key) ?? (entry && this.parse(key, entry))),
        tap((doc) => doc && this.memory.set(doc)),
        map((doc) => doc && this.current(doc)),
      );
    });
  }

  /** Keeps a freshly fetched body; `data` is frozen so every subscriber can share it. */
  save(key: string, meta: CacheEntryMeta, body: Buffer, raw: string, data: unknown): CachedDocument {
    const doc: CachedDocument = { key, meta, raw, data: deepFreeze(data), size: body.length };
    this.memory.set(doc);
    const start = () => this.background(key, () => this.store.put(key, meta, body), (integrity) => {
      // A 304 may have refreshed the copy meanwhile (same data, new meta): it needs the integrity too, or no touch can persist.
      const current = this.memory.get(key);
      if (integrity && current && current.data === doc.data) this.memory.set({ ...current, integrity });
    });
    this.writeLater(key, body.length, start);
    return doc;
  }

  /** The registry confirmed `doc` (304): same body, new time and headers. */
  refresh(doc: CachedDocument, headers: Readonly<Record<string, string>>, now: number): CachedDocument {
    const meta: CacheEntryMeta = { ...doc.meta, headers: { ...doc.meta.headers, ...keptHeaders(headers) }, storedAt: now };
    const refreshed: CachedDocument = { ...doc, meta };
    this.memory.set(refreshed);
    // The integrity may arrive only when the queued store of this body finishes: read it then.
    this.writeLater(doc.key, 0, () => this.background(doc.key, () => this.store.touch(doc.key, meta, this.memory.get(doc.key)?.integrity ?? doc.integrity, doc.size)));
    return refreshed;
  }

  /**
   * After a successful write: forget the package's documents here, remove its
   * listed keys from the store, and leave a marker there so other processes
   * stop trusting the package's other documents stored before now.
   */
  invalidate(pkgid: string, keys: readonly string[]): void {
    const now = asyncScheduler.now();
    this.invalidated.set(pkgid, now);
    const marker = writtenKey(pkgid);
    this.background(marker, () => this.store.put(marker, { url: '', variant: 'full', statusCode: 0, headers: {}, storedAt: now, pkgid }, Buffer.alloc(0)));
    this.memory.deletePackage(pkgid);
    for (const key of keys) {
      this.memory.delete(key);
      this.background(key, () => this.store.remove(key));
    }
  }

  /** When a write to `pkgid` last succeeded (scheduler time), if one did since this cache was made. */
  invalidatedAt(pkgid: string | undefined): number | undefined {
    return pkgid === undefined ? undefined : this.invalidated.get(pkgid);
  }

  /** Brackets a network fetch: while any GET is under way, writes wait. */
  fetch<T>(work: Observable<T>): Observable<T> {
    return this.whileBusy(work);
  }

  /** Resolves when every background write has finished. */
  flush(): Promise<void> {
    this.release();
    return this.queues.size === 0 ? Promise.resolve() : new Promise((resolve) => this.drained.push(resolve));
  }

  private unlessWrittenSince(entry: StoredEntry, pkgid: string): Observable<StoredEntry | undefined> {
    return this.store.get(writtenKey(pkgid)).pipe(map((marker) => (marker && marker.meta.storedAt > entry.meta.storedAt ? undefined : entry)));
  }

  private current(doc: CachedDocument): CachedDocument | undefined {
    const invalidatedAt = doc.meta.pkgid === undefined ? undefined : this.invalidated.get(doc.meta.pkgid);
    return invalidatedAt !== undefined && doc.meta.storedAt < invalidatedAt ? undefined : doc;
  }

  private parse(key: string, entry: StoredEntry): CachedDocument | undefined {
    const raw = entry.body.toString('utf8');
    try {
      return { key, meta: entry.meta, raw, data: deepFreeze(JSON.parse(raw)), size: entry.body.length, integrity: entry.integrity };
    } catch {
      this.log.warn('cache', `discarding an entry that is not JSON: ${key}`);
      this.background(key, () => this.store.remove(key));
      return undefined;
    }
  }

  private whileBusy<T>(work: Observable<T>): Observable<T> {
    return defer(() => {
      this.busy += 1;
      return work.pipe(
        finalize(() => {
          this.busy -= 1;
          // On a later turn: the caller's next GET (the next in a burst) may be about to start, and cacache hashes a
          // body synchronously as its write begins, which would hold back the responses of that burst.
          if (this.busy === 0 && this.waiting.size > 0) asyncScheduler.schedule(() => this.busy === 0 && this.release());
        }),
      );
    });
  }

  /** Starts a write now when no GET is under way or too much is waiting; else when they end. */
  private writeLater(key: string, bytes: number, start: () => void): void {
    if (this.busy === 0 || this.waitingBytes + bytes > MAX_WAITING_BYTES || this.waitingWrites >= MAX_WAITING_WRITES) {
      this.release(key);
      return start();
    }
    this.waitLimit ??= asyncScheduler.schedule(() => {
      this.waitLimit = undefined;
      this.release();
    }, MAX_WAIT_MS);
    const queued = this.waiting.get(key);
    if (queued) {
      queued.bytes += bytes;
      queued.starts.push(start);
    } else {
      this.waiting.set(key, { bytes, starts: [start] });
    }
    this.waitingBytes += bytes;
    this.waitingWrites += 1;
  }

  /** Starts the waiting writes (of one key, or all), in the order they came. */
  private release(key?: string): void {
    for (const waitingKey of key === undefined ? [...this.waiting.keys()] : [key]) {
      const queued = this.waiting.get(waitingKey);
      if (!queued) continue;
      this.waiting.delete(waitingKey);
      this.waitingBytes -= queued.bytes;
      this.waitingWrites -= queued.starts.length;
      queued.starts.forEach((start) => start());
    }
    if (this.waiting.size === 0) {
      this.waitLimit?.unsubscribe();
      this.waitLimit = undefined;
    }
  }

  private background<T>(key: string, work: () => Observable<T>, done?: (value: T) => void): void {
    // Writes of this key still waiting go first: what comes after them (a removal) must not overtake them.
    this.release(key);
    const run = () => {
      const next = () => {
        const waiting = this.queues.get(key)?.shift();
        if (waiting) return waiting();
        this.queues.delete(key);
        if (this.queues.size === 0) this.drained.splice(0).forEach((resolve) => resolve());
      };
      work().subscribe({
        next: (value) => done?.(value),
        error: (error: unknown) => {
          this.log.warn('cache', `could not update ${key}: ${(error as Error)?.message ?? error}`);
          next();
        },
        complete: next,
      });
    };
    const queue = this.queues.get(key);
    if (queue) return void queue.push(run);
    this.queues.set(key, []);
    run();
  }
}
