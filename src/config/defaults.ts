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
  /** Bytes of parsed documents kept in memory in front of the disk cache. */
  memoryCacheSize: 64 * 1024 * 1024,
  /** Bytes of a response body held in memory before it is refused (streamed tarballs are not held). */
  maxResponseSize: 256 * 1024 * 1024,
});
