import { Transform, type TransformCallback } from 'node:stream';
import { createInflate, createInflateRaw, inflateRawSync, inflateSync, type ZlibOptions } from 'node:zlib';

/**
 * Whether a `deflate` body starts with a zlib header (CM 8, a window of at
 * most 32 KiB) rather than raw deflate. Servers send both under the one name;
 * browsers and undici's fetch tell them apart by this first byte.
 */
function hasZlibHeader(firstByte: number): boolean {
  return (firstByte & 0x0f) === 8 && firstByte >> 4 <= 7;
}

/** Decodes `deflate` as zlib-wrapped or raw, whichever the body is. */
export function inflateEitherSync(data: Buffer, options: ZlibOptions): Buffer {
  return hasZlibHeader(data[0]) ? inflateSync(data, options) : inflateRawSync(data, options);
}

/**
 * A stream decoding `deflate` as zlib-wrapped or raw, chosen by the first byte
 * once it arrives: the decoder itself is made then.
 */
export class InflateEither extends Transform {
  private inner: Transform | undefined;

  constructor(private readonly options: ZlibOptions & { readonly writableHighWaterMark?: number }) {
    super({ writableHighWaterMark: options.writableHighWaterMark });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (chunk.length === 0) return done();
    this.inner ??= this.start(chunk[0]);
    if (this.inner.write(chunk)) done();
    else this.inner.once('drain', () => done());
  }

  override _flush(done: TransformCallback): void {
    if (!this.inner) return done();
    this.inner.once('end', () => done());
    this.inner.end();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.inner?.destroy();
    done(error);
  }

  private start(firstByte: number): Transform {
    const inner = hasZlibHeader(firstByte) ? createInflate(this.options) : createInflateRaw(this.options);
    inner.on('data', (chunk: Buffer) => this.push(chunk));
    inner.on('error', (error) => this.destroy(error));
    return inner;
  }
}
