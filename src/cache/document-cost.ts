/** What a kept document costs beyond its text and data: its record, meta, headers and the cache's own entry. */
const RECORD_BYTES = 1024;

/**
 * Heap bytes a document holds in memory: its text (one byte a character
 * unless the body has characters beyond ASCII, then V8 may keep two), the
 * parsed data as `freezeAndMeasure` estimated it, and its record.
 */
export function documentCost(key: string, raw: string, bodyBytes: number, dataBytes: number): number {
  const textBytes = raw.length * (bodyBytes === raw.length ? 1 : 2);
  return RECORD_BYTES + 2 * key.length + textBytes + dataBytes;
}
