import { pipeline, type Writable } from 'node:stream';
import { BadEncodingError } from '../errors/bad-encoding-error';
import { errorDetails } from '../errors/error-details';
import type { RegistryRequest } from '../request/registry-request';
import { decodersFor } from './decoders-for';

/** Where the decoded body goes. */
export interface DecodedSink {
  chunk(chunk: Buffer): void;
  end(): void;
  error(error: BadEncodingError): void;
}

/** A body that did not decode as its header said: a typed error that keeps zlib's words. */
export function undecodable(req: RegistryRequest, contentEncoding: string | undefined, cause: unknown): BadEncodingError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new BadEncodingError('EBADENCODING', contentEncoding ?? '', `the body does not decode: ${reason}`, errorDetails(req, { cause }));
}

/**
 * A stream to write a body's bytes into as they arrive; its decoded chunks go
 * to `sink` as zlib produces them, never copied again. Destroying it stops
 * every decoder of the chain. Throws `EUNKNOWNENCODING` for a coding rxnpm
 * cannot decode; a body that does not decode is `EBADENCODING` on `sink.error`.
 *
 * @example
 * const input = decodeStream(req, 'gzip', { chunk: keep, end: done, error: fail });
 * res.body.on('data', (chunk) => input.write(chunk)).on('end', () => input.end());
 */
export function decodeStream(req: RegistryRequest, contentEncoding: string | undefined, sink: DecodedSink): Writable {
  const streams = decodersFor(req, contentEncoding).map((decoder) => decoder.stream());
  const failed = (error: unknown) => sink.error(undecodable(req, contentEncoding, error));
  const first = streams[0];
  const last = streams[streams.length - 1];
  // pipeline tears the whole chain down when one link fails or the first is destroyed.
  if (streams.length === 1) first.on('error', failed);
  else pipeline(streams, (error) => error && failed(error));
  last.on('data', (chunk: Buffer) => sink.chunk(chunk));
  last.on('end', () => sink.end());
  return first;
}
