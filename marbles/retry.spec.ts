import { Readable } from 'node:stream';
import { HttpError } from '../src/errors/http-error';
import { NetworkError } from '../src/errors/network-error';
import type { HttpEvent } from '../src/request/http-event';
import type { RegistryRequest } from '../src/request/registry-request';
import { RXJS_OK, RXJS_RESPONSE, json, networkError } from './support/http-events';
import { clientOf, errorLike, marbleScheduler } from './support/marble-client';
import { scriptedTransport } from './support/scripted-transport';

/** A stream body the transport has not touched yet. */
function freshStream(): Readable {
  const body = new Readable({ read() {} });
  body.push('{"_id":"rxjs",');
  body.push('"versions":{}}');
  body.push(null);
  return body;
}

// Each attempt below fails 3 frames after it starts, so the diagrams show the
// delay counted from the failure, not from the start of the attempt.
describe('retry with the defaults: 2 retries, 10000 ms then 60000 ms after each failure', () => {
  it.each(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EAI_AGAIN'])('retries a network %s twice, then fails with it', (code) => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const failure = networkError(code);
      const attempt = '     ---#';
      const attempt1Subs = '^--!';
      const attempt2Subs = '--- 10000ms ^--!';
      const attempt3Subs = '--- 10000ms --- 60000ms ^--!';
      const expected = '    --- 10000ms --- 60000ms ---#';
      const attempts = [cold<HttpEvent>(attempt, {}, failure), cold<HttpEvent>(attempt, {}, failure), cold<HttpEvent>(attempt, {}, failure)];
      const transport = scriptedTransport(...attempts);

      expectObservable(clientOf(transport).request('GET', '/rxjs')).toBe(expected, undefined, errorLike(NetworkError, { code, method: 'GET' }));
      expectSubscriptions(attempts[0].subscriptions).toBe(attempt1Subs);
      expectSubscriptions(attempts[1].subscriptions).toBe(attempt2Subs);
      expectSubscriptions(attempts[2].subscriptions).toBe(attempt3Subs);

      flush();
      expect(transport.requests).toHaveLength(3);
    });
  });

  it.each([408, 429, 500, 502, 503, 504])('retries a %i twice, then fails with its HttpError', (status) => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const answer = { r: json(status, { error: 'try later' }) };
      const attempt = '     ---r';
      const attempt1Subs = '^--!';
      const attempt2Subs = '--- 10000ms ^--!';
      const attempt3Subs = '--- 10000ms --- 60000ms ^--!';
      const expected = '    --- 10000ms --- 60000ms ---#';
      const attempts = [cold<HttpEvent>(attempt, answer), cold<HttpEvent>(attempt, answer), cold<HttpEvent>(attempt, answer)];
      const transport = scriptedTransport(...attempts);

      expectObservable(clientOf(transport).request('GET', '/rxjs')).toBe(
        expected,
        undefined,
        errorLike(HttpError, { code: `E${status}`, statusCode: status, method: 'GET', body: { error: 'try later' } }),
      );
      expectSubscriptions(attempts[0].subscriptions).toBe(attempt1Subs);
      expectSubscriptions(attempts[1].subscriptions).toBe(attempt2Subs);
      expectSubscriptions(attempts[2].subscriptions).toBe(attempt3Subs);

      flush();
      expect(transport.requests).toHaveLength(3);
    });
  });

  it('emits the response when the second attempt succeeds, and sends no third', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const first = cold<HttpEvent>(' ---#', {}, networkError('ECONNRESET'));
      const second = cold<HttpEvent>('            ---(r|)', { r: RXJS_OK });
      const spare = cold<HttpEvent>(' ---(r|)', { r: RXJS_OK });
      const firstSubs = '             ^--!';
      const secondSubs = '            --- 10000ms ^--!';
      const expected = '              --- 10000ms ---(v|)';
      const transport = scriptedTransport(first, second, spare);

      expectObservable(clientOf(transport).request('GET', '/rxjs')).toBe(expected, { v: RXJS_RESPONSE });
      expectSubscriptions(first.subscriptions).toBe(firstSubs);
      expectSubscriptions(second.subscriptions).toBe(secondSubs);
      expectSubscriptions(spare.subscriptions).toBe([]);

      flush();
      expect(transport.requests).toHaveLength(2);
    });
  });

  it('emits the response when a 503 is followed by a 200', () => {
    marbleScheduler().run(({ cold, expectObservable }) => {
      const first = cold<HttpEvent>(' ---r', { r: json(503, {}) });
      const second = cold<HttpEvent>('            ---(r|)', { r: RXJS_OK });
      const expected = '              --- 10000ms ---(v|)';

      expectObservable(clientOf(scriptedTransport(first, second)).request('GET', '/rxjs')).toBe(expected, { v: RXJS_RESPONSE });
    });
  });

  it('logs each retry through log.warn', () => {
    const warnings: string[] = [];
    marbleScheduler().run(({ cold, expectObservable }) => {
      const failure = networkError('ECONNRESET');
      const attempt = ' ---#';
      const expected = '--- 10000ms --- 60000ms ---#';
      const transport = scriptedTransport(cold<HttpEvent>(attempt, {}, failure), cold<HttpEvent>(attempt, {}, failure), cold<HttpEvent>(attempt, {}, failure));
      const log = { warn: (_prefix: string, message: string) => warnings.push(message) };

      expectObservable(clientOf(transport, { log }).request('GET', '/rxjs')).toBe(expected, undefined, failure);
    });
    expect(warnings).toEqual([
      'GET http://127.0.0.1:4873/rxjs failed with ECONNRESET; attempt 2 of 3 in 10000ms',
      'GET http://127.0.0.1:4873/rxjs failed with ECONNRESET; attempt 3 of 3 in 60000ms',
    ]);
  });
});

describe('retry with a custom policy', () => {
  it('follows fetch-retries, fetch-retry-factor and the min and max timeouts', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const failure = networkError('ECONNRESET');
      // 100 × 2^0, 100 × 2^1, then 100 × 2^2 = 400 capped at 300.
      const attempt = '     ---#';
      const attempt1Subs = '^--!';
      const attempt2Subs = '--- 100ms ^--!';
      const attempt3Subs = '--- 100ms --- 200ms ^--!';
      const attempt4Subs = '--- 100ms --- 200ms --- 300ms ^--!';
      const expected = '    --- 100ms --- 200ms --- 300ms ---#';
      const attempts = [cold<HttpEvent>(attempt, {}, failure), cold<HttpEvent>(attempt, {}, failure), cold<HttpEvent>(attempt, {}, failure), cold<HttpEvent>(attempt, {}, failure)];
      const settings = { 'fetch-retries': 3, 'fetch-retry-factor': 2, 'fetch-retry-mintimeout': 100, 'fetch-retry-maxtimeout': 300 };

      expectObservable(clientOf(scriptedTransport(...attempts), settings).request('GET', '/rxjs')).toBe(expected, undefined, failure);
      expectSubscriptions(attempts[0].subscriptions).toBe(attempt1Subs);
      expectSubscriptions(attempts[1].subscriptions).toBe(attempt2Subs);
      expectSubscriptions(attempts[2].subscriptions).toBe(attempt3Subs);
      expectSubscriptions(attempts[3].subscriptions).toBe(attempt4Subs);
    });
  });

  it('accepts the camelCase names and string values of an ini file', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold<HttpEvent>(' ---r', { r: json(502, {}) });
      const second = cold<HttpEvent>('         ---r', { r: json(502, {}) });
      const firstSubs = '             ^--!';
      const secondSubs = '            --- 50ms ^--!';
      const expected = '              --- 50ms ---#';
      const settings = { fetchRetries: '1', fetchRetryFactor: '3', fetchRetryMintimeout: '50', fetchRetryMaxtimeout: '1000' };

      expectObservable(clientOf(scriptedTransport(first, second), settings).request('GET', '/rxjs')).toBe(expected, undefined, errorLike(HttpError, { code: 'E502' }));
      expectSubscriptions(first.subscriptions).toBe(firstSubs);
      expectSubscriptions(second.subscriptions).toBe(secondSubs);
    });
  });

  it('sends once and fails at once with fetch-retries 0', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const only = cold<HttpEvent>(' ---#', {}, networkError('ECONNRESET'));
      const spare = cold<HttpEvent>('---(r|)', { r: RXJS_OK });
      const onlySubs = '             ^--!';
      const expected = '             ---#';

      expectObservable(clientOf(scriptedTransport(only, spare), { 'fetch-retries': 0 }).request('GET', '/rxjs')).toBe(expected, undefined, errorLike(NetworkError, { code: 'ECONNRESET' }));
      expectSubscriptions(only.subscriptions).toBe(onlySubs);
      expectSubscriptions(spare.subscriptions).toBe([]);
    });
  });
});

describe('what is never retried: one request, the error as soon as it happens', () => {
  it.each([400, 401, 403, 404, 409])('a %i', (status) => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const only = cold<HttpEvent>(' ---r', { r: json(status, { error: 'no' }) });
      const spare = cold<HttpEvent>('---(r|)', { r: RXJS_OK });
      const onlySubs = '             ^--!';
      const expected = '             ---#';
      const transport = scriptedTransport(only, spare);

      expectObservable(clientOf(transport).request('GET', '/rxjs')).toBe(expected, undefined, errorLike(HttpError, { code: `E${status}`, statusCode: status }));
      expectSubscriptions(only.subscriptions).toBe(onlySubs);
      expectSubscriptions(spare.subscriptions).toBe([]);

      flush();
      expect(transport.requests).toHaveLength(1);
    });
  });

  it.each(['DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'])('a TLS failure (%s)', (code) => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const only = cold<HttpEvent>(' ---#', {}, networkError(code));
      const spare = cold<HttpEvent>('---(r|)', { r: RXJS_OK });
      const onlySubs = '             ^--!';
      const expected = '             ---#';

      expectObservable(clientOf(scriptedTransport(only, spare)).request('GET', '/rxjs')).toBe(expected, undefined, errorLike(NetworkError, { code }));
      expectSubscriptions(only.subscriptions).toBe(onlySubs);
      expectSubscriptions(spare.subscriptions).toBe([]);
    });
  });

  it.each([
    ['a 503', '---r', json(503, {}), errorLike(HttpError, { code: 'E503', method: 'POST' })],
    ['a 500', '---r', json(500, {}), errorLike(HttpError, { code: 'E500', method: 'POST' })],
    ['a network ECONNRESET', '---#', undefined, errorLike(NetworkError, { code: 'ECONNRESET', method: 'POST' })],
  ])('any failure of a POST: %s', (_name, failing, answer, error) => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const only = cold<HttpEvent>(failing, answer && { r: answer }, networkError('ECONNRESET', 'POST'));
      const spare = cold<HttpEvent>('---(r|)', { r: RXJS_OK });
      const onlySubs = '             ^--!';
      const expected = '             ---#';

      expectObservable(clientOf(scriptedTransport(only, spare)).request('POST', '/-/v1/login', { hostname: 'ci' })).toBe(expected, undefined, error);
      expectSubscriptions(only.subscriptions).toBe(onlySubs);
      expectSubscriptions(spare.subscriptions).toBe([]);
    });
  });

  it('a PUT whose stream body the failed attempt had partly read', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const only = cold<HttpEvent>(' ---#', {}, networkError('ECONNRESET', 'PUT'));
      const spare = cold<HttpEvent>('---(r|)', { r: RXJS_OK });
      const onlySubs = '             ^--!';
      const expected = '             ---#';
      const body = freshStream();
      const readsSomeBytes = (req: RegistryRequest) => {
        (req.body as Readable).read(5);
        return only;
      };
      const transport = scriptedTransport(readsSomeBytes, spare);

      expectObservable(clientOf(transport).request('PUT', '/rxjs', body)).toBe(expected, undefined, errorLike(NetworkError, { code: 'ECONNRESET' }));
      expectSubscriptions(only.subscriptions).toBe(onlySubs);
      expectSubscriptions(spare.subscriptions).toBe([]);

      flush();
      expect(transport.requests).toHaveLength(1);
      expect(transport.requests[0].body).toBe(body);
    });
  });

  it('a PUT whose stream body was partly read before the request', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const only = cold<HttpEvent>(' ---#', {}, networkError('ECONNREFUSED', 'PUT'));
      const spare = cold<HttpEvent>('---(r|)', { r: RXJS_OK });
      const onlySubs = '             ^--!';
      const expected = '             ---#';
      const body = freshStream();
      body.read(5);

      expectObservable(clientOf(scriptedTransport(only, spare)).request('PUT', '/rxjs', body)).toBe(expected, undefined, errorLike(NetworkError, { code: 'ECONNREFUSED' }));
      expectSubscriptions(only.subscriptions).toBe(onlySubs);
      expectSubscriptions(spare.subscriptions).toBe([]);
    });
  });

  it('(for contrast) a PUT whose stream body was never read is retried', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold<HttpEvent>(' ---#', {}, networkError('ECONNREFUSED', 'PUT'));
      const second = cold<HttpEvent>('            ---(r|)', { r: RXJS_OK });
      const firstSubs = '             ^--!';
      const secondSubs = '            --- 10000ms ^--!';
      const expected = '              --- 10000ms ---(v|)';

      expectObservable(clientOf(scriptedTransport(first, second)).request('PUT', '/rxjs', freshStream())).toBe(expected, { v: RXJS_RESPONSE });
      expectSubscriptions(first.subscriptions).toBe(firstSubs);
      expectSubscriptions(second.subscriptions).toBe(secondSubs);
    });
  });
});
