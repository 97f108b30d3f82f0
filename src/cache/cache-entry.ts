import type { Observable } from 'rxjs';

/** Which document a GET asked for: the full packument or the abbreviated ("corgi") one. */
export type DocumentVariant = 'full' | 'corgi';

/** What is stored beside a cached body. */
export interface CacheEntryMeta {
  readonly url: string;
  readonly variant: DocumentVariant;
  readonly statusCode: number;
  /** Response headers worth replaying (lower-case), ETag and Last-Modified among them. */
  readonly headers: Readonly<Record<string, string>>;
  /** When the registry last confirmed this body, in ms since the epoch (scheduler time). */
  readonly storedAt: number;
  readonly pkgid?: string;
  /**
   * How many records of this key the store holds once this one is written,
   * for a store that appends one per write (cacache's index): it compacts
   * them back to one when this says 1. Counted by `DocumentCache`.
   */
  readonly records?: number;
}

/**
 * A cached response as the store keeps it: its record first, its body on
 * demand, so a conditional request can leave while the body is still read.
 */
export interface StoredEntry {
  readonly meta: CacheEntryMeta;
  /** The store's content address, when it has one (cacache's SRI). */
  readonly integrity?: string;
  /**
   * Reads the body, checked against what the record says (cold). Emits
   * `undefined` when the body turned out missing or corrupt: the store has
   * then removed the entry.
   */
  readBody(): Observable<Buffer | undefined>;
}

/** A cached document parsed and frozen, ready to emit to any number of subscribers. */
export interface CachedDocument {
  readonly key: string;
  readonly meta: CacheEntryMeta;
  readonly raw: string;
  readonly data: unknown;
  /** Bytes of the body as stored. */
  readonly size: number;
  /** Heap bytes this copy holds (its text, its parsed data, its record), for the memory bound. */
  readonly cost: number;
  readonly integrity?: string;
}
