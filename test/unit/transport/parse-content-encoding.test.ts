import { parseContentEncoding } from '../../../src/transport/parse-content-encoding';

describe('parseContentEncoding', () => {
  it('lists the codings in the order the server applied them', () => {
    expect(parseContentEncoding('gzip')).toEqual(['gzip']);
    expect(parseContentEncoding('gzip, br')).toEqual(['gzip', 'br']);
    expect(parseContentEncoding('deflate,gzip')).toEqual(['deflate', 'gzip']);
  });

  it('reads names case-insensitively and without the spaces around them', () => {
    expect(parseContentEncoding('  GZip ,\tBR ')).toEqual(['gzip', 'br']);
  });

  it('drops identity and empty list items: they change nothing', () => {
    expect(parseContentEncoding('identity')).toEqual([]);
    expect(parseContentEncoding('gzip, identity, , br,')).toEqual(['gzip', 'br']);
  });

  it('has nothing to undo without a header', () => {
    expect(parseContentEncoding(undefined)).toEqual([]);
    expect(parseContentEncoding('')).toEqual([]);
  });

  it('keeps a coding it does not know, for the decoder to refuse', () => {
    expect(parseContentEncoding('gzip, lz4')).toEqual(['gzip', 'lz4']);
  });
});
