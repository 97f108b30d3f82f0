import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { UsageError } from '../errors/usage-error';

/** A gzipped tarball: a file path, its bytes, or a stream of them. */
export type TarballInput = string | Buffer | Uint8Array | Readable;

/**
 * Where a tarball's bytes come from. A file or a buffer can be read again (so
 * its request can be retried or repeated with an OTP) and has a known size; a
 * stream is read once.
 */
export type TarballSource =
  | {
      readonly kind: 'replayable';
      readonly size: number;
      /** A stream of fresh buffers, for consumers that keep them (a request body). */
      open(): Readable;
      /**
       * The bytes through one reused buffer, for consumers that are done with
       * a chunk before asking for the next (hashing, base64): reading a large
       * file this way makes no garbage, so memory stays flat.
       */
      chunks(): AsyncIterable<Buffer>;
    }
  | { readonly kind: 'stream'; readonly stream: Readable };

/** Large reads keep the number of read calls (and base64 chunks) low for big tarballs. */
const CHUNK = 256 * 1024;

export async function tarballSource(input: TarballInput): Promise<TarballSource> {
  if (typeof input === 'string') {
    const info = await stat(input).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read the tarball ${JSON.stringify(input)}: ${error.code ?? error.message}`);
    });
    if (!info.isFile()) throw new UsageError(`the tarball ${JSON.stringify(input)} is not a file`);
    return { kind: 'replayable', size: info.size, open: () => createReadStream(input, { highWaterMark: CHUNK }), chunks: () => readReusing(input) };
  }
  if (input instanceof Uint8Array) {
    const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    const pieces = async function* () {
      for (let at = 0; at < bytes.length; at += CHUNK) yield bytes.subarray(at, at + CHUNK);
    };
    return { kind: 'replayable', size: bytes.length, open: () => Readable.from([bytes], { objectMode: false }), chunks: pieces };
  }
  if (input instanceof Readable) return { kind: 'stream', stream: input };
  throw new UsageError('the tarball must be a file path, a Buffer or a Readable stream');
}

async function* readReusing(path: string): AsyncGenerator<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}
