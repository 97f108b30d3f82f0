import type { Observable } from 'rxjs';
import type { CacheEntryMeta, StoredEntry } from './cache-entry';

/**
 * Where cached responses live. Every method is a cold Observable so a store
 * that answers synchronously (an in-memory one) runs in virtual time.
 */
export interface CacheStore {
  /** The entry's record, or `undefined` when absent; an unreadable record is removed and reported absent. */
  get(key: string): Observable<StoredEntry | undefined>;
  /** Stores the body and its meta; emits the content's integrity when the store has one. */
  put(key: string, meta: CacheEntryMeta, body: Buffer): Observable<string | undefined>;
  /**
   * Replaces the meta of an entry whose body did not change (a 304). A store
   * that appends a record per write drops the older ones when `meta.records`
   * is 1 (or absent).
   */
  touch(key: string, meta: CacheEntryMeta, integrity: string | undefined, size: number): Observable<void>;
  remove(key: string): Observable<void>;
}
