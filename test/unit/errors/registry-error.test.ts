import { ConfigError } from '../../../src/errors/config-error';
import { HttpError } from '../../../src/errors/http-error';
import { NetworkError } from '../../../src/errors/network-error';
import { RegistryError } from '../../../src/errors/registry-error';
import { TimeoutError } from '../../../src/errors/timeout-error';

const details = { method: 'GET', url: 'http://127.0.0.1:4873/rxjs', pkgid: 'rxjs' };

describe('RegistryError', () => {
  it('is an Error named after its class, with a stable code', () => {
    const error = new HttpError('404 Not Found - GET http://127.0.0.1:4873/rxjs', { ...details, statusCode: 404 });
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(RegistryError);
    expect(error.name).toBe('HttpError');
    expect(error.code).toBe('E404');
    expect(String(error)).toBe('HttpError: 404 Not Found - GET http://127.0.0.1:4873/rxjs');
  });

  it('serialises to JSON with its code, request, status, body and package', () => {
    const error = new HttpError('409 Conflict', { ...details, method: 'PUT', statusCode: 409, body: { error: 'conflict' } });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'HttpError',
      code: 'E409',
      message: '409 Conflict',
      method: 'PUT',
      url: 'http://127.0.0.1:4873/rxjs',
      statusCode: 409,
      body: { error: 'conflict' },
      pkgid: 'rxjs',
    });
  });

  it('keeps the underlying failure as its cause', () => {
    const cause = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const error = new NetworkError('ECONNRESET', 'ECONNRESET: socket hang up', { ...details, cause });
    expect(error.cause).toBe(cause);
    expect(error.statusCode).toBeUndefined();
    expect(error.message).toBe('GET http://127.0.0.1:4873/rxjs failed: ECONNRESET: socket hang up');
  });

  it('names the setting in a ConfigError', () => {
    const error = new ConfigError('fetch-retries', 'expected an integer');
    expect(error).toMatchObject({ name: 'ConfigError', code: 'ECONFIG', key: 'fetch-retries' });
    expect(error.message).toBe('Invalid configuration "fetch-retries": expected an integer');
  });

  it('says how long a TimeoutError waited', () => {
    const error = new TimeoutError(1500, details);
    expect(error).toMatchObject({ name: 'TimeoutError', code: 'ETIMEDOUT', timeout: 1500 });
    expect(error.message).toBe('GET http://127.0.0.1:4873/rxjs timed out after 1500ms');
  });
});
