import * as zlib from 'node:zlib';
import { BadEncodingError, decodeBody, RegistryRequest } from '../../../src';
import { MAX_CONTENT_CODINGS } from '../../../src/transport/decoders-for';

const req = new RegistryRequest({ method: 'GET', url: 'http://127.0.0.1:4873/rxjs' });
const TEXT = Buffer.from(JSON.stringify({ name: 'rxjs', description: 'reactive '.repeat(500) }));

/** zstd where this Node's zlib has it (Node 24 does, Node 20 does not). */
const runtimeZlib: { readonly gzipSync: typeof zlib.gzipSync; readonly zstdCompressSync?: (data: Buffer) => Buffer } = zlib;

/** The error `decodeBody` throws, or a failure when it returns. */
function thrownBy(body: Buffer, contentEncoding: string): unknown {
  try {
    decodeBody(req, body, contentEncoding);
  } catch (error) {
    return error;
  }
  throw new Error(`decodeBody(${JSON.stringify(contentEncoding)}) returned instead of throwing`);
}

describe('decodeBody', () => {
  it.each([
    ['gzip', zlib.gzipSync(TEXT)],
    ['x-gzip', zlib.gzipSync(TEXT)],
    ['deflate', zlib.deflateSync(TEXT)],
    ['deflate', zlib.deflateRawSync(TEXT)],
    ['br', zlib.brotliCompressSync(TEXT)],
    ['GZIP', zlib.gzipSync(TEXT)],
    ['gzip, br', zlib.brotliCompressSync(zlib.gzipSync(TEXT))],
    ['br, identity, deflate', zlib.deflateSync(zlib.brotliCompressSync(TEXT))],
  ])('decodes %s', (coding, body) => {
    expect(decodeBody(req, body, coding).equals(TEXT)).toBe(true);
  });

  it('decodes zstd where this Node has it, and knows no zstd where not', () => {
    const { zstdCompressSync } = runtimeZlib;
    if (zstdCompressSync) expect(decodeBody(req, zstdCompressSync(TEXT), 'zstd').equals(TEXT)).toBe(true);
    else expect(thrownBy(TEXT, 'zstd')).toMatchObject({ code: 'EUNKNOWNENCODING' });
  });

  it('returns the very body for identity or no coding', () => {
    expect(decodeBody(req, TEXT, undefined)).toBe(TEXT);
    expect(decodeBody(req, TEXT, 'identity')).toBe(TEXT);
  });

  it('takes an empty body as empty whatever the header says', () => {
    expect(decodeBody(req, Buffer.alloc(0), 'gzip').length).toBe(0);
    expect(decodeBody(req, Buffer.alloc(0), 'lz4').length).toBe(0);
  });

  it('fails a body that does not decode with EBADENCODING, naming the request and keeping zlib’s error', () => {
    const gzipped = zlib.gzipSync(TEXT);
    for (const broken of [gzipped.subarray(0, gzipped.length - 8), TEXT, Buffer.concat([gzipped, Buffer.from('trailing junk')])]) {
      const error = thrownBy(broken, 'gzip');
      expect(error).toBeInstanceOf(BadEncodingError);
      expect(error).toMatchObject({ code: 'EBADENCODING', encoding: 'gzip', method: 'GET', url: req.url });
      expect(error).toHaveProperty('cause.code', expect.stringMatching(/^Z_/));
    }
  });

  it.each(['compress', 'x-compress', 'lz4', 'gzip, snappy', 'constructor', '__proto__', 'toString'])('refuses the coding %s with EUNKNOWNENCODING', (coding) => {
    const error = thrownBy(TEXT, coding);
    expect(error).toBeInstanceOf(BadEncodingError);
    expect(error).toMatchObject({ code: 'EUNKNOWNENCODING', encoding: coding });
  });

  it(`undoes at most ${MAX_CONTENT_CODINGS} stacked codings`, () => {
    let body = TEXT;
    for (let i = 0; i < MAX_CONTENT_CODINGS; i++) body = zlib.gzipSync(body);
    const stack = (n: number) => Array.from({ length: n }, () => 'gzip').join(', ');

    expect(decodeBody(req, body, stack(MAX_CONTENT_CODINGS)).equals(TEXT)).toBe(true);
    expect(thrownBy(zlib.gzipSync(body), stack(MAX_CONTENT_CODINGS + 1))).toMatchObject({ code: 'EUNKNOWNENCODING' });
  });
});
