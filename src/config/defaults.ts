import { getHeapStatistics } from 'node:v8';

/** The defaults of every optional setting, as the seed's client and npm have them. */
export const DEFAULTS = Object.freeze({
  alwaysAuth: false,
  tag: 'latest',
  strictSsl: true,
  fetchRetries: 2,
  fetchRetryFactor: 10,
  fetchRetryMintimeout: 10_000,
  fetchRetryMaxtimeout: 60_000,
  /** npm's default: five minutes without a response. */
  fetchTimeout: 5 * 60_000,
  maxSockets: 16,
  /** HTTP/2 offered to https registries (ALPN); HTTP/1.1 when the server does not take it. */
  http2: true,
  /** Seconds; the seed's client clamped `get`'s timeout to these. */
  cacheMin: 0,
  cacheMax: Number.POSITIVE_INFINITY,
  /**
   * Heap bytes of parsed documents kept in memory in front of the disk cache:
   * a quarter of the heap limit, the share npm's own packument cache takes
   * (arborist's PackumentCache), so a client reading as much as npm does
   * keeps it in memory as npm does.
   */
  memoryCacheSize: Math.floor(getHeapStatistics().heap_size_limit / 4),
  /** Bytes of a response body held in memory before it is refused (streamed tarballs are not held). */
  maxResponseSize: 256 * 1024 * 1024,
});
