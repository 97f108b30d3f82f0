import type { Transform } from 'node:stream';
import * as zlib from 'node:zlib';
import { InflateEither, inflateEitherSync } from './inflate-either';

/** Undoes one content coding: as a stream for the network, at once for a body already whole. */
export interface ContentDecoder {
  stream(): Transform;
  sync(data: Buffer): Buffer;
}

/**
 * `chunkSize`: zlib's output buffer, four times its default. A 10 MB
 * packument then comes out in 160 chunks instead of 640, which more than
 * halves the time decoding takes; it is also how far past max-response-size
 * a decoded body can get. `writableHighWaterMark`: compressed bytes queued
 * before the socket is paused, so a packument's wire chunks are not held up
 * one by one while zlib catches up (the wire size is bounded on its own).
 */
const options = { chunkSize: 64 * 1024, writableHighWaterMark: 1024 * 1024 };

/** zlib as this Node has it: zstd came in Node 22.15 and 23.8; Node 20 has none. */
const runtimeZlib: {
  readonly createGunzip: typeof zlib.createGunzip;
  readonly createZstdDecompress?: (options: { chunkSize: number; writableHighWaterMark: number }) => Transform;
  readonly zstdDecompressSync?: (data: Buffer) => Buffer;
} = zlib;

function zstdDecoder(): ContentDecoder | undefined {
  const { createZstdDecompress, zstdDecompressSync } = runtimeZlib;
  if (typeof createZstdDecompress !== 'function' || typeof zstdDecompressSync !== 'function') return undefined;
  return { stream: () => createZstdDecompress(options), sync: (data) => zstdDecompressSync(data) };
}

function decoders(): Map<string, ContentDecoder> {
  const gzip: ContentDecoder = { stream: () => zlib.createGunzip(options), sync: (data) => zlib.gunzipSync(data, options) };
  const found = new Map<string, ContentDecoder>([
    ['gzip', gzip],
    // The name of gzip before HTTP/1.1, still sent by a few servers.
    ['x-gzip', gzip],
    ['deflate', { stream: () => new InflateEither(options), sync: (data) => inflateEitherSync(data, options) }],
    ['br', { stream: () => zlib.createBrotliDecompress(options), sync: (data) => zlib.brotliDecompressSync(data, options) }],
  ]);
  const zstd = zstdDecoder();
  if (zstd) found.set('zstd', zstd);
  return found;
}

/**
 * The codings rxnpm decodes, by their lower-case name; nothing else is
 * accepted or undone. A Map: a coding named `constructor` finds nothing.
 *
 * @example
 * const body = CONTENT_DECODERS.get('br')?.sync(compressed);
 * response.body.pipe(CONTENT_DECODERS.get('gzip')!.stream());
 */
export const CONTENT_DECODERS: ReadonlyMap<string, ContentDecoder> = decoders();

/**
 * The Accept-Encoding every request whose body rxnpm reads carries: what
 * `CONTENT_DECODERS` can undo on the running Node, `x-gzip` aside (an alias).
 *
 * @example
 * ACCEPT_ENCODING; // 'gzip, deflate, br' on Node 20, 'gzip, deflate, br, zstd' on Node 24
 */
export const ACCEPT_ENCODING = [...CONTENT_DECODERS.keys()]
  .filter((coding) => coding !== 'x-gzip')
  .join(', ');
