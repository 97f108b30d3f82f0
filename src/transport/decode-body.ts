import type { RegistryRequest } from '../request/registry-request';
import { undecodable } from './decode-stream';
import { decodersFor } from './decoders-for';

/**
 * A whole body as its Content-Encoding says to read it, for a transport that
 * holds the body before handing it on (the undici transport decodes as the
 * bytes arrive instead). An empty body stays empty whatever the header says,
 * as with a HEAD or a 304. Throws `BadEncodingError`: `EBADENCODING` for a
 * body that does not decode, `EUNKNOWNENCODING` for a coding rxnpm lacks.
 *
 * @example
 * decodeBody(req, gzipSync('{"name":"rxjs"}'), 'gzip').toString(); // '{"name":"rxjs"}'
 */
export function decodeBody(req: RegistryRequest, body: Buffer, contentEncoding: string | undefined): Buffer {
  if (body.length === 0) return body;
  let decoded = body;
  for (const decoder of decodersFor(req, contentEncoding)) {
    try {
      decoded = decoder.sync(decoded);
    } catch (error) {
      throw undecodable(req, contentEncoding, error);
    }
  }
  return decoded;
}
