import { HttpError } from '../../../src/errors/http-error';
import { NetworkError } from '../../../src/errors/network-error';
import { retryAfterMs } from '../../../src/retry/retry-after';

const NOW = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
const details = { method: 'GET', url: 'http://127.0.0.1:4873/rxjs' };

const answered = (statusCode: number, retryAfter?: string): HttpError =>
  new HttpError(`${statusCode}`, { ...details, statusCode, headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter } });

describe('retryAfterMs', () => {
  it.each([429, 503])('reads delta-seconds on a %i', (status) => {
    expect(retryAfterMs(answered(status, '120'), NOW)).toBe(120_000);
  });

  it('reads zero seconds as no wait', () => {
    expect(retryAfterMs(answered(429, '0'), NOW)).toBe(0);
  });

  it('ignores surrounding white space', () => {
    expect(retryAfterMs(answered(503, ' 7 '), NOW)).toBe(7_000);
  });

  it('reads an HTTP date as the time from now until then', () => {
    expect(retryAfterMs(answered(503, 'Wed, 21 Oct 2015 07:28:30 GMT'), NOW)).toBe(30_000);
    expect(retryAfterMs(answered(429, 'Wed, 21 Oct 2015 08:28:00 GMT'), NOW)).toBe(3_600_000);
  });

  it('reads an HTTP date in the past as no wait', () => {
    expect(retryAfterMs(answered(503, 'Wed, 21 Oct 2015 07:00:00 GMT'), NOW)).toBe(0);
  });

  it.each(['-5', '-1', '1.5', '0.5', 'soon', '12abc', '', '   '])('gives undefined for %p, so the ordinary backoff applies', (value) => {
    expect(retryAfterMs(answered(429, value), NOW)).toBeUndefined();
  });

  it('gives undefined when the header is absent', () => {
    expect(retryAfterMs(answered(503), NOW)).toBeUndefined();
  });

  it.each([408, 500, 502, 504, 301, 404])('ignores Retry-After on a %i', (status) => {
    expect(retryAfterMs(answered(status, '120'), NOW)).toBeUndefined();
  });

  it('ignores errors that are not HTTP answers', () => {
    expect(retryAfterMs(new NetworkError('ECONNRESET', 'reset', details), NOW)).toBeUndefined();
    expect(retryAfterMs({ statusCode: 429, headers: { 'retry-after': '5' } }, NOW)).toBeUndefined();
  });
});
