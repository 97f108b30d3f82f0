import { LRUCache } from 'lru-cache';
import type { CachedDocument } from './cache-entry';

/**
 * The most recently used documents, parsed, bounded by the total size of their
 * bodies in bytes, so a process reading thousands of packuments cannot run out
 * of memory. Bodies waiting to be written count against the same bound: while
 * they wait, fewer documents are kept. A size of 0 turns it off.
 */
export class MemoryLayer {
  private readonly lru: LRUCache<string, CachedDocument> | undefined;
  /** Bytes of bodies held until their writes end: they cannot be dropped, so documents make room for them. */
  private held = 0;

  constructor(private readonly maxBytes: number) {
    this.lru = maxBytes > 0
      ? new LRUCache<string, CachedDocument>({ maxSize: maxBytes, sizeCalculation: (doc) => Math.max(1, doc.size) })
      : undefined;
  }

  get(key: string): CachedDocument | undefined {
    return this.lru?.get(key);
  }

  set(doc: CachedDocument): void {
    // lru-cache refuses an item larger than the whole budget; that is the right answer here too.
    this.lru?.set(doc.key, doc);
    this.trim();
  }

  /** Counts `bytes` of a body waiting to be written, until `release`. */
  hold(bytes: number): void {
    this.held += bytes;
    this.trim();
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

  /** Documents kept and bodies waiting to be written. */
  get bytes(): number {
    return (this.lru?.calculatedSize ?? 0) + this.held;
  }

  private trim(): void {
    if (!this.lru) return;
    // Least recently used first; bounded by the number of documents kept.
    while (this.lru.size > 0 && this.lru.calculatedSize + this.held > this.maxBytes) this.lru.pop();
  }
}
