import { filter, tap } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { chain, defaultInterceptors, isResponse, RegistryClient, RegistryRequest, type Interceptor } from 'rxnpm';
import { memoryStore, TestingTransport } from 'rxnpm/testing';

const registry = 'http://127.0.0.1:4873/';

/** Adds the header every request of this session carries, and notes each time it is asked to. */
function sessionHeader(seen: string[]): Interceptor {
  return (req, next) => {
    seen.push('session header added');
    return next(req.clone({ setHeaders: { 'npm-session': 'marbles' } }));
  };
}

/** Notes the status of each response that comes back through it. */
function countResponses(name: string, seen: string[]): Interceptor {
  return (req, next) => next(req).pipe(tap((event) => isResponse(event) && seen.push(`${name} saw ${event.statusCode}`)));
}

describe('user interceptors', () => {
  let scheduler: TestScheduler;
  beforeEach(() => (scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected))));

  it('given in `interceptors` run outermost: once per call, before retry, seeing only the answer that retry lets through', () => {
    const seen: string[] = [];
    const transport = new TestingTransport();
    const interceptors = [sessionHeader(seen), countResponses('outer', seen)];
    const client = new RegistryClient({ registry, cache: memoryStore(), transport, interceptors });

    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      // The first attempt is answered 503 at frame 1; retry sends the second 10000 ms later.
      const unavailable = cold('-a|', { a: { status: 503 } });
      const answered = cold('             -a|', { a: { body: { name: 'rxjs' } } });
      const unavailableSubs = ' ^!';
      const answeredSubs = '    - 10000ms ^!';
      const expected = '        - 10000ms -(v|)';
      transport.expectOne('/rxjs').respondWith(unavailable);
      transport.expectOne('/rxjs').respondWith(answered);

      expectObservable(client.request('GET', '/rxjs')).toBe(expected, { v: expect.objectContaining({ statusCode: 200, data: { name: 'rxjs' } }) });
      expectSubscriptions(unavailable.subscriptions).toBe(unavailableSubs);
      expectSubscriptions(answered.subscriptions).toBe(answeredSubs);
    });

    transport.verify();
    // The header was added once, and retry sent it again with the second attempt.
    expect(transport.requests.map((req) => req.headers['npm-session'])).toEqual(['marbles', 'marbles']);
    expect(seen).toEqual(['session header added', 'outer saw 200']);
  });

  it('around the transport run innermost: once per attempt, seeing each answer the registry sent', () => {
    const seen: string[] = [];
    const testing = new TestingTransport();
    const transport = { handle: chain([countResponses('inner', seen)], testing) };
    const client = new RegistryClient({ registry, cache: memoryStore(), transport, interceptors: [countResponses('outer', seen)] });

    scheduler.run(({ cold, expectObservable }) => {
      const unavailable = cold('-a|', { a: { status: 503 } });
      const answered = cold('             -a|', { a: { body: {} } });
      const expected = '        - 10000ms -(v|)';
      testing.expectOne('/rxjs').respondWith(unavailable);
      testing.expectOne('/rxjs').respondWith(answered);

      expectObservable(client.request('GET', '/rxjs')).toBe(expected, { v: expect.objectContaining({ statusCode: 200 }) });
    });

    testing.verify();
    expect(seen).toEqual(['inner saw 503', 'inner saw 200', 'outer saw 200']);
  });

  it('can go at any depth of the default pipeline, rebuilt with `chain` and `defaultInterceptors`', () => {
    const seen: string[] = [];
    const transport = new TestingTransport();
    const options = { registry, cache: memoryStore(), 'user-agent': 'marbles/1.0', '//127.0.0.1:4873/:_authToken': 'marble-token' };
    // Between auth and log: after the credentials are chosen, before each attempt is logged and timed.
    const builtIn = defaultInterceptors(options);
    const handle = chain([...builtIn.slice(0, -2), sessionHeader(seen), ...builtIn.slice(-2)], transport);

    scheduler.run(({ cold, expectObservable }) => {
      const unavailable = cold('-a|', { a: { status: 503 } });
      const answered = cold('             -a|', { a: { body: {} } });
      const expected = '        - 10000ms -(r|)';
      transport.expectOne('/rxjs').respondWith(unavailable);
      transport.expectOne('/rxjs').respondWith(answered);

      const responses = handle(new RegistryRequest({ method: 'GET', url: `${registry}rxjs` })).pipe(filter(isResponse));
      expectObservable(responses).toBe(expected, { r: expect.objectContaining({ type: 'response', statusCode: 200 }) });
    });

    transport.verify();
    expect(seen).toEqual(['session header added', 'session header added']);
    for (const req of transport.requests) {
      expect(req.headers).toMatchObject({ 'npm-session': 'marbles', 'user-agent': 'marbles/1.0', authorization: 'Bearer marble-token' });
    }
  });
});
