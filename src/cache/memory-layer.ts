import { LRUCache } from 'lru-cache';
import type { CachedDocument } from './cache-entry';

/**
 * The most recently used documents, parsed, bounded by what they hold on the
 * heap (text and parsed data, see `CachedDocument.cost`), so a process reading
 * thousands of packuments cannot run out of memory. Bodies waiting to be
 * written count against the same bound: while they wait, fewer documents are
 * kept. A size of 0 keeps nothing.
 */
export class MemoryLayer {
  private readonly lru: LRUCache<string, CachedDocument> | undefined;
  /** Bytes of bodies held until their writes end: they cannot be dropped, so documents make room for them. */
  private held = 0;

  constructor(private readonly maxBytes: number) {
    this.lru = maxBytes > 0
      ? new LRUCache<string, CachedDocument>({ maxSize: maxBytes, sizeCalculation: (doc) => Math.max(1, doc.cost) })
      : undefined;
  }

  get(key: string): CachedDocument | undefined {
    return this.lru?.get(key);
  }

  set(doc: CachedDocument): void {
    // lru-cache refuses an item larger than the whole budget (and drops the key's older copy): the right answer here too.
    this.lru?.set(doc.key, doc);
    this.trim();
  }

  /**
   * Counts `bytes` of a body waiting to be written, until `release`. Answers
   * whether they fit in the bound beside the bodies already waiting; when not,
   * the caller waits for the write before letting go of the body's document.
   */
  hold(bytes: number): boolean {
    const fits = this.held + bytes <= this.maxBytes;
    this.held += bytes;
    this.trim();
    return fits;
  }

  release(bytes: number): void {
    this.held -= bytes;
  }

  delete(key: string): void {
    this.lru?.delete(key);
  }

  /** Drops every document of a package. */
  deletePackage(pkgid: string): void {
    if (!this.lru) return;
    for (const [key, doc] of this.lru.entries()) if (doc.meta.pkgid === pkgid) this.lru.delete(key);
  }

  private trim(): void {
    if (!this.lru) return;
    // Least recently used first; bounded by the number of documents kept.
    while (this.lru.size > 0 && this.lru.calculatedSize + this.held > this.maxBytes) this.lru.pop();
  }
}
