import { map } from 'rxjs';
import type { HttpEvent } from '../src/request/http-event';
import type { Interceptor } from '../src/request/interceptor';
import { ACCEPT_ENCODING } from '../src/transport/content-decoders';
import { json, networkError } from './support/http-events';
import { clientOf, marbleScheduler } from './support/marble-client';
import { scriptedTransport } from './support/scripted-transport';

/** Appends its name to the request's `x-trail` on the way in and to the response's on the way out. */
function trail(name: string, seen: string[]): Interceptor {
  return (req, next) => {
    seen.push(`${name} sees request trail "${req.headers['x-trail'] ?? ''}"`);
    const trailOf = (headers: Readonly<Record<string, string>>) => [headers['x-trail'], name].filter(Boolean).join(',');
    return next(req.clone({ setHeaders: { 'x-trail': trailOf(req.headers) } })).pipe(
      map((event) => {
        if (event.type !== 'response') return event;
        seen.push(`${name} sees response trail "${event.headers['x-trail']}"`);
        return { ...event, headers: { ...event.headers, 'x-trail': trailOf(event.headers) } };
      }),
    );
  };
}

describe('user interceptors', () => {
  it('see the request in array order and the response in reverse order', () => {
    const seen: string[] = [];
    marbleScheduler().run(({ cold, expectObservable, flush }) => {
      const answer = cold<HttpEvent>('--(r|)', { r: json(200, {}, { 'x-trail': 'transport' }) });
      const expected = '              --(v|)';
      const transport = scriptedTransport(answer);
      const client = clientOf(transport, {}, [trail('first', seen), trail('second', seen), trail('third', seen)]);

      expectObservable(client.request('GET', '/rxjs')).toBe(expected, {
        v: {
          data: {},
          raw: '{}',
          statusCode: 200,
          headers: { 'content-type': 'application/json', 'x-trail': 'transport,third,second,first' },
          cacheStatus: 'skip',
        },
      });

      flush();
      expect(transport.requests[0].headers['x-trail']).toBe('first,second,third');
    });
    expect(seen).toEqual([
      'first sees request trail ""',
      'second sees request trail "first"',
      'third sees request trail "first,second"',
      'third sees response trail "transport"',
      'second sees response trail "transport,third"',
      'first sees response trail "transport,third,second"',
    ]);
  });

  it('run before the client’s own: they see the request before user-agent, accept and credentials are added', () => {
    let seenByUser: Readonly<Record<string, string>> = {};
    marbleScheduler().run(({ cold, expectObservable, flush }) => {
      const answer = cold<HttpEvent>('-(r|)', { r: json(200, {}) });
      const expected = '              -(v|)';
      const transport = scriptedTransport(answer);
      const look: Interceptor = (req, next) => ((seenByUser = req.headers), next(req));
      const client = clientOf(transport, { '//127.0.0.1:4873/:_authToken': 'marble-token' }, [look]);

      expectObservable(client.request('GET', '/rxjs')).toBe(expected, { v: expect.objectContaining({ statusCode: 200 }) });

      flush();
      expect(Object.keys(transport.requests[0].headers).sort()).toEqual(['accept', 'accept-encoding', 'authorization', 'user-agent']);
    });
    expect(seenByUser).toEqual({});
  });
});

describe('a retry re-runs the interceptors below it', () => {
  it('the transport is handed a freshly built request on each attempt, the user interceptor above runs once', () => {
    let userCalls = 0;
    marbleScheduler().run(({ cold, expectObservable, expectSubscriptions, flush }) => {
      const failure = networkError('ECONNRESET');
      const first = cold<HttpEvent>(' ---#', {}, failure);
      const second = cold<HttpEvent>('            ---#', {}, failure);
      const third = cold<HttpEvent>('                         ---(r|)', { r: json(200, {}) });
      const firstSubs = '             ^--!';
      const secondSubs = '            --- 10000ms ^--!';
      const thirdSubs = '             --- 10000ms --- 60000ms ^--!';
      const expected = '              --- 10000ms --- 60000ms ---(v|)';
      const transport = scriptedTransport(first, second, third);
      const counts: Interceptor = (req, next) => ((userCalls += 1), next(req.clone({ setHeaders: { 'x-session': 'marbles' } })));
      const client = clientOf(transport, { '//127.0.0.1:4873/:_authToken': 'marble-token' }, [counts]);

      expectObservable(client.request('GET', '/rxjs')).toBe(expected, { v: expect.objectContaining({ statusCode: 200 }) });
      expectSubscriptions(first.subscriptions).toBe(firstSubs);
      expectSubscriptions(second.subscriptions).toBe(secondSubs);
      expectSubscriptions(third.subscriptions).toBe(thirdSubs);

      flush();
      expect(transport.requests).toHaveLength(3);
      expect(new Set(transport.requests).size).toBe(3);
      for (const req of transport.requests) {
        expect(req.headers).toEqual({
          'x-session': 'marbles',
          'user-agent': expect.stringMatching(/^rxnpm\//),
          accept: 'application/json',
          'accept-encoding': ACCEPT_ENCODING,
          authorization: 'Bearer marble-token',
        });
      }
    });
    expect(userCalls).toBe(1);
  });

  it('each attempt is timed on its own by the log interceptor', () => {
    const lines: string[] = [];
    marbleScheduler().run(({ cold, expectObservable }) => {
      const first = cold<HttpEvent>(' ---#', {}, networkError('ECONNRESET'));
      const second = cold<HttpEvent>('            -----(r|)', { r: json(200, {}) });
      const expected = '              --- 10000ms -----(v|)';
      const log = { http: (_prefix: string, message: string) => lines.push(message) };

      expectObservable(clientOf(scriptedTransport(first, second), { log }).request('GET', '/rxjs')).toBe(expected, { v: expect.objectContaining({ statusCode: 200 }) });
    });
    expect(lines).toEqual(['GET http://127.0.0.1:4873/rxjs failed: ECONNRESET', 'GET 200 http://127.0.0.1:4873/rxjs 5ms']);
  });
});
