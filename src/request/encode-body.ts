import { Readable } from 'node:stream';
import { UsageError } from '../errors/usage-error';
import type { RequestBody } from './registry-request';

/** What `request` accepts as a body: objects are sent as JSON. */
export type RequestPayload = RequestBody | Uint8Array | object;

/**
 * The body and content-type of a payload, as the seed's client sent them:
 * strings and buffers as JSON, streams as octet-stream (streamed, not
 * buffered), other values serialised to JSON.
 */
export function encodeBody(what: RequestPayload | undefined | null): { body?: RequestBody; contentType?: string } {
  if (what === undefined || what === null) return {};
  if (typeof what === 'string' || Buffer.isBuffer(what)) return { body: what, contentType: 'application/json' };
  if (what instanceof Uint8Array) return { body: Buffer.from(what.buffer, what.byteOffset, what.byteLength), contentType: 'application/json' };
  if (what instanceof Readable) return { body: what, contentType: 'application/octet-stream' };
  try {
    return { body: JSON.stringify(what), contentType: 'application/json' };
  } catch (error) {
    throw new UsageError(`the request body cannot be sent as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
