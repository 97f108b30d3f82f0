import { Readable } from 'node:stream';
import { ConfigError } from '../../../src/errors/config-error';
import { HttpError } from '../../../src/errors/http-error';
import { NetworkError } from '../../../src/errors/network-error';
import { OtpRequiredError } from '../../../src/errors/otp-required-error';
import { TimeoutError } from '../../../src/errors/timeout-error';
import { RegistryRequest } from '../../../src/request/registry-request';
import { backoffDelay, isReplayable, isRetriedError } from '../../../src/retry/retry-policy';
import { toNetworkError } from '../../../src/transport/to-network-error';

const URL = 'http://127.0.0.1:4873/rxjs';
const details = { method: 'GET', url: URL };

const httpError = (statusCode: number): HttpError => new HttpError(`${statusCode}`, { ...details, statusCode });
const networkError = (code: string): NetworkError => new NetworkError(code, `${code}: failed`, details);

describe('isRetriedError', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries HTTP %i', (status) => {
    expect(isRetriedError(httpError(status))).toBe(true);
  });

  it.each([400, 401, 403, 404, 405, 409, 410, 422, 501, 505])('does not retry HTTP %i', (status) => {
    expect(isRetriedError(httpError(status))).toBe(false);
  });

  it('does not retry a request for a one-time password', () => {
    expect(isRetriedError(new OtpRequiredError('otp', { ...details, statusCode: 401 }))).toBe(false);
  });

  it.each(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN'])('retries the network failure %s', (code) => {
    expect(isRetriedError(networkError(code))).toBe(true);
  });

  it.each(['ENOTFOUND', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID', 'ENETWORK'])(
    'does not retry the network failure %s',
    (code) => {
      expect(isRetriedError(networkError(code))).toBe(false);
    },
  );

  it('retries a fetch-timeout', () => {
    expect(isRetriedError(new TimeoutError(300_000, details))).toBe(true);
  });

  it.each([
    ['UND_ERR_SOCKET', 'other side closed'],
    ['UND_ERR_CLOSED', 'The client is destroyed'],
    ['UND_ERR_HEADERS_TIMEOUT', 'Headers Timeout Error'],
  ])('retries a socket failure undici reports as %s', (code, message) => {
    const req = new RegistryRequest({ method: 'GET', url: URL });
    expect(isRetriedError(toNetworkError(Object.assign(new Error(message), { code }), req))).toBe(true);
  });

  it('does not retry a configuration error', () => {
    expect(isRetriedError(new ConfigError('registry', 'required'))).toBe(false);
  });

  it('does not retry errors that are not rxnpm’s, even with a network code', () => {
    expect(isRetriedError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBe(false);
    expect(isRetriedError({ code: 'ECONNRESET' })).toBe(false);
    expect(isRetriedError(undefined)).toBe(false);
  });
});

describe('isReplayable', () => {
  const request = (method: string, body?: string | Readable) => new RegistryRequest({ method, url: URL, body });

  it.each(['GET', 'HEAD', 'PUT', 'DELETE'])('allows sending %s again', (method) => {
    expect(isReplayable(request(method, method === 'PUT' ? '{"a":1}' : undefined))).toBe(true);
  });

  it('never sends a POST again', () => {
    expect(isReplayable(request('POST'))).toBe(false);
    expect(isReplayable(request('POST', '{"a":1}'))).toBe(false);
  });

  it('allows sending a stream body no one has read yet', () => {
    const stream = new Readable({ read() {} });
    stream.push('tarball');
    expect(isReplayable(request('PUT', stream))).toBe(true);
  });

  it('refuses a stream body that was partly read', () => {
    const stream = new Readable({ read() {} });
    stream.push('tarball');
    expect(stream.read()?.toString()).toBe('tarball');
    expect(isReplayable(request('PUT', stream))).toBe(false);
  });

  it('refuses a stream body that was destroyed', () => {
    const stream = new Readable({ read() {} });
    stream.destroy();
    expect(isReplayable(request('PUT', stream))).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('follows the defaults: 10 s, then capped at 60 s', () => {
    const defaults = { factor: 10, minTimeout: 10_000, maxTimeout: 60_000 };
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, defaults))).toEqual([10_000, 60_000, 60_000, 60_000]);
  });

  it('is min(minTimeout × factor^attempt, maxTimeout)', () => {
    const settings = { factor: 2, minTimeout: 100, maxTimeout: 1_000 };
    expect([0, 1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, settings))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('stays at minTimeout with factor 1', () => {
    const settings = { factor: 1, minTimeout: 250, maxTimeout: 10_000 };
    expect([0, 1, 7].map((attempt) => backoffDelay(attempt, settings))).toEqual([250, 250, 250]);
  });
});
