import { BadEncodingError, RegistryError, RETRIED_ERROR_CODES, isRetriedError } from '../../../src';

const details = { method: 'GET', url: 'http://127.0.0.1:4873/rxjs' };

describe('BadEncodingError', () => {
  it('is a RegistryError with a stable code, the header as sent, and a message naming the request', () => {
    const error = new BadEncodingError('EBADENCODING', 'gzip', 'the body does not decode: unexpected end of file', details);

    expect(error).toBeInstanceOf(RegistryError);
    expect(error).toMatchObject({ name: 'BadEncodingError', code: 'EBADENCODING', encoding: 'gzip', ...details });
    expect(error.message).toBe('GET http://127.0.0.1:4873/rxjs: the body does not decode: unexpected end of file (content-encoding: "gzip")');
  });

  it('is retried when the body did not decode, as a body that ended early is', () => {
    expect(RETRIED_ERROR_CODES.EBADENCODING).toEqual(expect.any(String));
    expect(isRetriedError(new BadEncodingError('EBADENCODING', 'gzip', 'corrupt', details))).toBe(true);
  });

  it('is not retried for a coding rxnpm cannot decode: the server would send it again', () => {
    expect(isRetriedError(new BadEncodingError('EUNKNOWNENCODING', 'lz4', 'unknown', details))).toBe(false);
  });
});
