import { AsyncSubject, asyncScheduler, defer, finalize, map, of, ReplaySubject, tap, type Observable } from 'rxjs';
import type { NormalizedLogger } from '../config/logger';
import type { CacheEntryMeta, CachedDocument, StoredEntry } from './cache-entry';
import type { CacheStore } from './cache-store';
import { coalesce } from './coalesce';
import { documentCost } from './document-cost';
import { freezeAndMeasure } from './freeze-and-measure';
import { MemoryLayer } from './memory-layer';

/** Headers a cached response replays; the rest describe one connection, not the document. */
const KEPT_HEADERS = ['content-type', 'etag', 'last-modified', 'cache-control', 'date', 'npm-notice'];

export function keptHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of KEPT_HEADERS) if (headers[name] !== undefined) out[name] = headers[name];
  return out;
}

/**
 * Records of a key a store may pile up before a 304 compacts them: cacache
 * appends an index line per write, and rewriting the bucket on every 304 cost
 * more than the 304's own line (~0.35 ms of CPU each, mostly file-system calls).
 */
const MAX_RECORDS = 8;

/** The records count after one more write of a key whose latest copy says `meta`; a stored value is checked, not trusted. */
function recordsAfter(meta: CacheEntryMeta | undefined): number {
  const records = meta?.records;
  return typeof records === 'number' && Number.isInteger(records) && records > 0 ? records + 1 : 1;
}

/** A cached copy of a document: its record at once, the document itself when asked for. */
export interface CachedCopy {
  readonly meta: CacheEntryMeta;
  /** The document, parsed once for all its subscribers; `undefined` when the stored body turned out unusable. */
  readonly document: Observable<CachedDocument | undefined>;
}

function keptCopy(doc: CachedDocument): CachedCopy {
  return { meta: doc.meta, document: of(doc) };
}

/** Where a write to a package leaves its time, for every process sharing the store. */
function writtenKey(pkgid: string): string {
  return `rxnpm:written:${pkgid}`;
}

/**
 * Parsed documents in front of a `CacheStore`: reads try memory, then the
 * store; writes go to memory at once and start on the store at once, so a
 * response is never held back by the disk, and a pending write keeps the
 * process alive (its file-system calls are under way). `flush()` waits for
 * every write.
 */
export class DocumentCache {
  private readonly memory: MemoryLayer;
  /** pkgid → when a write to it succeeded: older copies must not be served. */
  private readonly invalidated = new Map<string, number>();
  /** Background writes waiting per key: they run one after another so the last word wins on disk too. */
  private readonly queues = new Map<string, Array<() => void>>();
  private readonly drained: Array<() => void> = [];
  private readonly reading = new Map<string, Observable<CachedCopy | undefined>>();
  /** key → the latest save whose write is under way: only its write may give the kept copy its integrity. */
  private readonly saving = new Map<string, number>();
  private saves = 0;
  /** Copies read from the store, which other processes' write markers may outdate. */
  private readonly fromStore = new WeakSet<CachedCopy>();

  constructor(
    readonly store: CacheStore,
    memoryBytes: number,
    private readonly log: NormalizedLogger,
  ) {
    this.memory = new MemoryLayer(memoryBytes);
  }

  /**
   * The cached copy, or `undefined` when absent, unreadable, or older than a
   * write to its package made by this process. A copy from the store starts
   * reading its body at once, so the bytes come off the disk and are parsed
   * while a conditional request is under way. Before a copy from the store is
   * served without asking the registry, `unlessWrittenSince` checks it
   * against other processes' writes.
   */
  lookup(key: string): Observable<CachedCopy | undefined> {
    return defer(() => {
      const inMemory = this.memory.get(key);
      if (inMemory) return of(this.isCurrent(inMemory.meta) ? keptCopy(inMemory) : undefined);
      // Subscribers looking up the same key at once share one read of the store.
      const stored = coalesce(this.reading, key, () => this.store.get(key).pipe(map((entry) => entry && this.storedCopy(key, entry))));
      return stored.pipe(
        map((copy) => {
          // A concurrent GET may have fetched the document while the store was read (reads queue up under load):
          // that copy is newer than the store's, and taking it spares a second request.
          const kept = this.memory.get(key);
          const found = kept ? keptCopy(kept) : copy;
          return found && this.isCurrent(found.meta) ? found : undefined;
        }),
      );
    });
  }

  /**
   * `copy`, or `undefined` when it was read from the store and another
   * process has written to `pkgid` (`@scope/name`) since it was asked for: a
   * slow answer to a request sent before that write may have been stored
   * after it, and must not be served as if current. Only for a copy about to
   * be served without asking the registry: when it is revalidated, the
   * registry's answer decides.
   */
  unlessWrittenSince(copy: CachedCopy, pkgid: string | undefined): Observable<CachedCopy | undefined> {
    if (pkgid === undefined || !this.fromStore.has(copy)) return of(copy);
    return this.store.get(writtenKey(pkgid)).pipe(map((marker) => (marker && marker.meta.storedAt > copy.meta.storedAt ? undefined : copy)));
  }

  /**
   * Keeps a freshly fetched body and starts its write; `data` is frozen so
   * every subscriber can share it. Emits the document at once while the
   * bodies waiting to be written fit in the memory bound, and otherwise when
   * its own write has ended, so a reader outrunning the disk holds at most the
   * bound plus the bodies of its requests under way.
   */
  save(key: string, given: CacheEntryMeta, body: Buffer, raw: string, data: unknown, replaces?: CacheEntryMeta): Observable<CachedDocument> {
    // A changed body appends its record beside those of the copy it replaces.
    const meta: CacheEntryMeta = { ...given, records: recordsAfter(this.memory.get(key)?.meta ?? replaces) };
    const doc: CachedDocument = { key, meta, raw, data, size: body.length, cost: documentCost(key, raw, body.length, freezeAndMeasure(data)) };
    this.memory.set(doc);
    const fits = this.memory.hold(body.length);
    const written = this.write(key, meta, body);
    return fits ? of(doc) : written.pipe(map(() => doc));
  }

  /**
   * Queues the store's write of a body; the subject completes when it has
   * ended, whether or not it succeeded. Apart from `save`, so the closures a
   * pending write keeps alive reach the body but not its parsed document.
   */
  private write(key: string, meta: CacheEntryMeta, body: Buffer): AsyncSubject<void> {
    const id = ++this.saves;
    this.saving.set(key, id);
    const ended = new AsyncSubject<void>();
    const put = () =>
      this.store.put(key, meta, body).pipe(
        finalize(() => {
          this.memory.release(body.length);
          if (this.saving.get(key) === id) this.saving.delete(key);
          ended.next();
          ended.complete();
        }),
      );
    this.background(key, put, (integrity) => {
      // The kept copy (refreshed by a 304 meanwhile, perhaps: same body, new meta) needs the integrity, or no touch can
      // persist; unless a later save replaced it.
      const current = this.memory.get(key);
      if (integrity && current && current.integrity === undefined && this.saving.get(key) === id) this.memory.set({ ...current, integrity });
    });
    return ended;
  }

  /** The registry confirmed `doc` (304): same body, new time and headers. */
  refresh(doc: CachedDocument, headers: Readonly<Record<string, string>>, now: number): CachedDocument {
    const records = recordsAfter(doc.meta);
    const meta: CacheEntryMeta = { ...doc.meta, headers: { ...doc.meta.headers, ...keptHeaders(headers) }, storedAt: now, records: records > MAX_RECORDS ? 1 : records };
    const refreshed: CachedDocument = { ...doc, meta };
    this.memory.set(refreshed);
    // The integrity may arrive only when the queued store of this body finishes: read it then.
    this.background(doc.key, () => this.store.touch(doc.key, meta, this.memory.get(doc.key)?.integrity ?? doc.integrity, doc.size));
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

  /** Resolves when every background write has finished. */
  flush(): Promise<void> {
    return this.queues.size === 0 ? Promise.resolve() : new Promise((resolve) => this.drained.push(resolve));
  }

  private storedCopy(key: string, entry: StoredEntry): CachedCopy {
    const parsed = new ReplaySubject<CachedDocument | undefined>(1);
    entry
      .readBody()
      .pipe(map((bytes) => bytes && this.parse(key, entry, bytes)))
      .subscribe(parsed);
    // Kept in memory when first taken: not a copy a 200 replaced, nor one a write marker outdated; and only once,
    // so a later taker does not put back the copy a 304 has refreshed since.
    let taken = false;
    const keep = (doc: CachedDocument | undefined) => {
      if (doc && !taken) this.memory.set(doc);
      taken = true;
    };
    const copy: CachedCopy = { meta: entry.meta, document: parsed.pipe(tap(keep)) };
    this.fromStore.add(copy);
    return copy;
  }

  private isCurrent(meta: CacheEntryMeta): boolean {
    const invalidatedAt = meta.pkgid === undefined ? undefined : this.invalidated.get(meta.pkgid);
    return invalidatedAt === undefined || meta.storedAt >= invalidatedAt;
  }

  private parse(key: string, entry: StoredEntry, body: Buffer): CachedDocument | undefined {
    const raw = body.toString('utf8');
    try {
      const data: unknown = JSON.parse(raw);
      const size = body.length;
      return { key, meta: entry.meta, raw, data, size, cost: documentCost(key, raw, size, freezeAndMeasure(data)), integrity: entry.integrity };
    } catch {
      this.log.warn('cache', `discarding an entry that is not JSON: ${key}`);
      this.background(key, () => this.store.remove(key));
      return undefined;
    }
  }

  private background<T>(key: string, work: () => Observable<T>, done?: (value: T) => void): void {
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
          this.log.warn('cache', `could not update ${key}: ${error instanceof Error ? error.message : String(error)}`);
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
