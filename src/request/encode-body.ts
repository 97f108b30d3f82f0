import { Readable } from 'node:stream';
import { UsageError } from '../errors/usage-error';
import type { BodyFactory, RequestBody } from './registry-request';

/** What `request` accepts as a body: objects are sent as JSON. */
export type RequestPayload = RequestBody | Uint8Array | object;

/** The one kind of function a payload may be (`RequestPayload` admits any object, functions among them). */
function isBodyFactory(what: RequestPayload): what is BodyFactory {
  return typeof what === 'function';
}

/**
 * The body and content-type of a payload, as the seed's client sent them:
 * strings and buffers as JSON, streams as octet-stream (streamed, not
 * buffered), a function as a factory of such streams (called again for each
 * attempt, so the body can be retried), other values serialised to JSON.
 * A value JSON has no text for (a symbol, a `toJSON` giving undefined) is
 * `EUSAGE`, never an empty body.
 */
export function encodeBody(what: RequestPayload | undefined | null): { body?: RequestBody; contentType?: string } {
  if (what === undefined || what === null) return {};
  if (typeof what === 'string' || Buffer.isBuffer(what)) return { body: what, contentType: 'application/json' };
  if (what instanceof Uint8Array) return { body: Buffer.from(what.buffer, what.byteOffset, what.byteLength), contentType: 'application/json' };
  if (what instanceof Readable || isBodyFactory(what)) return { body: what, contentType: 'application/octet-stream' };
  let json: string | undefined;
  try {
    json = JSON.stringify(what);
  } catch (error) {
    throw new UsageError(`the request body cannot be sent as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (json === undefined) throw new UsageError(`the request body cannot be sent as JSON: ${typeof what} has no JSON text`);
  return { body: json, contentType: 'application/json' };
}
