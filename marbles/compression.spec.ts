import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { RunHelpers } from 'rxjs/testing';
import { BadEncodingError } from '../src/errors/bad-encoding-error';
import { TestingTransport, type TestResponse } from '../src/testing';
import { clientOf, errorLike, marbleScheduler } from './support/marble-client';

const TEXT = '{"name":"rxjs"}';
const GZIPPED = gzipSync(TEXT);
const CUT_SHORT = GZIPPED.subarray(0, GZIPPED.length - 4);

/** Every answer below arrives 3 frames after its request is made. */
const ANSWER = '---r';

/** A transport that answers each request in turn with one of `answers`, as the marble `ANSWER`. */
function answering(cold: RunHelpers['cold'], ...answers: TestResponse[]) {
  const transport = new TestingTransport({ failUnexpected: true });
  const attempts = answers.map((answer) => cold(ANSWER, { r: answer }));
  for (const attempt of attempts) transport.expectOne(() => true).respondWith(attempt);
  return { transport, attempts };
}

describe('compressed bodies through the TestingTransport, as through the network', () => {
  it('arrive decoded, their headers as sent', () => {
    marbleScheduler().run(({ cold, expectObservable }) => {
      const headers = { 'content-type': 'application/json', 'content-encoding': 'gzip, br' };
      const { transport } = answering(cold, { headers, body: brotliCompressSync(GZIPPED) });
      const expected = '---(v|)';

      expectObservable(clientOf(transport).request('GET', '/rxjs')).toBe(expected, {
        v: { data: { name: 'rxjs' }, raw: TEXT, statusCode: 200, headers, cacheStatus: 'skip' },
      });
    });
  });

  it('a body that does not decode is retried like one that ended early, then fails with EBADENCODING', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const broken = { headers: { 'content-encoding': 'gzip' }, body: CUT_SHORT };
      const { transport, attempts } = answering(cold, broken, broken, broken);
      const attempt1Subs = '^--!';
      const attempt2Subs = '--- 10000ms ^--!';
      const attempt3Subs = '--- 10000ms --- 60000ms ^--!';
      const expected = '    --- 10000ms --- 60000ms ---#';

      expectObservable(clientOf(transport).request('GET', '/rxjs')).toBe(
        expected,
        undefined,
        errorLike(BadEncodingError, { code: 'EBADENCODING', encoding: 'gzip', method: 'GET' }),
      );
      expectSubscriptions(attempts[0].subscriptions).toBe(attempt1Subs);
      expectSubscriptions(attempts[1].subscriptions).toBe(attempt2Subs);
      expectSubscriptions(attempts[2].subscriptions).toBe(attempt3Subs);
    });
  });

  it('a retry that decodes succeeds', () => {
    marbleScheduler().run(({ cold, expectObservable }) => {
      const { transport } = answering(cold, { headers: { 'content-encoding': 'gzip' }, body: CUT_SHORT }, { headers: { 'content-encoding': 'gzip' }, body: GZIPPED });
      const expected = '--- 10000ms ---(v|)';

      expectObservable(clientOf(transport).request('GET', '/rxjs')).toBe(expected, { v: expect.objectContaining({ data: { name: 'rxjs' } }) });
    });
  });

  it('a coding rxnpm cannot decode fails at once with EUNKNOWNENCODING: the next answer would be the same', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const { transport, attempts } = answering(cold, { headers: { 'content-encoding': 'compress' }, body: GZIPPED }, { body: TEXT });
      const attempt1Subs = '^--!';
      const expected = '    ---#';

      expectObservable(clientOf(transport).request('GET', '/rxjs')).toBe(expected, undefined, errorLike(BadEncodingError, { code: 'EUNKNOWNENCODING', encoding: 'compress' }));
      expectSubscriptions(attempts[0].subscriptions).toBe(attempt1Subs);
      expectSubscriptions(attempts[1].subscriptions).toBe([]);
    });
  });
});
