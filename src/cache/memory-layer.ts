import { LRUCache } from 'lru-cache';
import type { CachedDocument } from './cache-entry';

/**
 * The most recently used documents, parsed, bounded by the total size of their
 * bodies in bytes, so a process reading thousands of packuments cannot run out
 * of memory. A size of 0 turns it off.
 */
export class MemoryLayer {
  private readonly lru: LRUCache<string, CachedDocument> | undefined;

  constructor(maxBytes: number) {
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
  }

  delete(key: string): void {
    this.lru?.delete(key);
  }

  /** Drops every document of a package. */
  deletePackage(pkgid: string): void {
    if (!this.lru) return;
    for (const [key, doc] of this.lru.entries()) if (doc.meta.pkgid === pkgid) this.lru.delete(key);
  }

  get bytes(): number {
    return this.lru?.calculatedSize ?? 0;
  }
}
