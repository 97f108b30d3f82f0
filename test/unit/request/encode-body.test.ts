import { Readable } from 'node:stream';
import { UsageError } from '../../../src/errors/usage-error';
import { encodeBody } from '../../../src/request/encode-body';

describe('encodeBody', () => {
  it.each([undefined, null])('sends no body and no content-type for %p', (what) => {
    expect(encodeBody(what)).toEqual({});
  });

  it('sends a string as it is, as JSON', () => {
    expect(encodeBody('"1.0.0"')).toEqual({ body: '"1.0.0"', contentType: 'application/json' });
  });

  it('sends a Buffer as it is, as JSON', () => {
    const buffer = Buffer.from('{"a":1}');
    const encoded = encodeBody(buffer);
    expect(encoded.body).toBe(buffer);
    expect(encoded.contentType).toBe('application/json');
  });

  it('sends the bytes of a Uint8Array as a Buffer', () => {
    const bytes = new Uint8Array([0, 123, 34, 97, 34, 58, 49, 125, 0]).subarray(1, 8);
    const encoded = encodeBody(bytes);
    expect(Buffer.isBuffer(encoded.body)).toBe(true);
    expect((encoded.body as Buffer).toString('utf8')).toBe('{"a":1}');
    expect(encoded.contentType).toBe('application/json');
  });

  it('serialises objects and arrays to JSON', () => {
    expect(encodeBody({ name: 'rxjs', 'dist-tags': { latest: '7.8.2' } })).toEqual({
      body: '{"name":"rxjs","dist-tags":{"latest":"7.8.2"}}',
      contentType: 'application/json',
    });
    expect(encodeBody(['a', 1])).toEqual({ body: '["a",1]', contentType: 'application/json' });
  });

  it('streams what a function makes, as octet-stream, calling it anew for each attempt', () => {
    const factory = () => Readable.from(['tarball bytes']);
    expect(encodeBody(factory)).toEqual({ body: factory, contentType: 'application/octet-stream' });
  });

  it('refuses a value JSON has no text for, rather than send an empty body', () => {
    expect(() => encodeBody(Symbol('x') as unknown as object)).toThrow(UsageError);
    expect(() => encodeBody({ toJSON: () => undefined })).toThrow(/cannot be sent as JSON/);
  });

  it('streams a Readable as it is, as octet-stream', () => {
    const stream = Readable.from(['tarball bytes']);
    const encoded = encodeBody(stream);
    expect(encoded.body).toBe(stream);
    expect(encoded.contentType).toBe('application/octet-stream');
    expect(stream.readableDidRead).toBe(false);
  });

  it('refuses with EUSAGE a value that cannot be JSON', () => {
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    for (const what of [circular, { size: BigInt(1) }]) {
      expect(() => encodeBody(what)).toThrow(UsageError);
      expect(() => encodeBody(what)).toThrow(/cannot be sent as JSON/);
    }
  });
});
