import { InvalidJsonError } from '../src/errors/invalid-json-error';
import type { HttpEvent } from '../src/request/http-event';
import { headersOf, json, text } from './support/http-events';
import { clientOf, errorLike, marbleScheduler } from './support/marble-client';
import { scriptedTransport } from './support/scripted-transport';

describe('client.request', () => {
  it('emits one RegistryResponse when the response arrives, and completes with the transport', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const answer = cold<HttpEvent>('-h-d-(r|)', {
        h: headersOf(200, { 'content-type': 'application/json', etag: '"v1"' }),
        d: { type: 'download-progress', loaded: 10 },
        r: json(200, { name: 'rxjs', 'dist-tags': { latest: '7.8.2' } }, { etag: '"v1"' }),
      });
      const answerSubs = '^----!';
      const expected = '  -----(v|)';

      expectObservable(clientOf(scriptedTransport(answer)).request('GET', '/rxjs')).toBe(expected, {
        v: {
          data: { name: 'rxjs', 'dist-tags': { latest: '7.8.2' } },
          raw: '{"name":"rxjs","dist-tags":{"latest":"7.8.2"}}',
          statusCode: 200,
          headers: { 'content-type': 'application/json', etag: '"v1"' },
          cacheStatus: 'skip',
        },
      });
      expectSubscriptions(answer.subscriptions).toBe(answerSubs);
    });
  });

  it('gives data null for an empty body', () => {
    marbleScheduler().run(({ cold, expectObservable }) => {
      const answer = cold<HttpEvent>('-(r|)', { r: text(201, '') });
      const expected = '              -(v|)';

      expectObservable(clientOf(scriptedTransport(answer)).request('PUT', '/rxjs', { name: 'rxjs' })).toBe(expected, {
        v: { data: null, raw: '', statusCode: 201, headers: {}, cacheStatus: 'skip' },
      });
    });
  });

  it('errors with InvalidJsonError (EJSONPARSE) carrying the raw text for a 200 that is not JSON, without retrying', () => {
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const html = '<html><body>proxy login</body></html>';
      const answer = cold<HttpEvent>('--(r|)', { r: text(200, html, { 'content-type': 'text/html' }) });
      const spare = cold<HttpEvent>(' --(r|)', { r: json(200, {}) });
      const answerSubs = '            ^-!';
      const expected = '              --#';
      const transport = scriptedTransport(answer, spare);

      expectObservable(clientOf(transport).request('GET', '/rxjs')).toBe(
        expected,
        undefined,
        errorLike(InvalidJsonError, { code: 'EJSONPARSE', body: html, statusCode: 200, method: 'GET', url: 'http://127.0.0.1:4873/rxjs' }),
      );
      expectSubscriptions(answer.subscriptions).toBe(answerSubs);
      expectSubscriptions(spare.subscriptions).toBe([]);

      flush();
      expect(transport.requests).toHaveLength(1);
    });
  });
});
