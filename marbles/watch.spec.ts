import type { RunHelpers } from 'rxjs/testing';
import { HttpError } from '../src/errors/http-error';
import type { TestRequest, TestResponse } from '../src/testing';
import { cachingClient, CORGI_ACCEPT, FULL_ACCEPT, seen, V1, V1_HEADERS, V2, V2_HEADERS } from './support/caching-client';
import { errorLike, marbleScheduler } from './support/marble-client';

const first = { cacheStatus: 'miss', data: V1 };
const updated = { cacheStatus: 'updated', data: V2 };

/** A cold marble: its `subscriptions` show the frames at which the client made and ended the request it answers. */
type Marble = ReturnType<RunHelpers['cold']>;

/** Answers each request in turn with a marble, and returns the marbles so their subscriptions show when each request was made. */
function answerInTurn(requests: readonly TestRequest[], cold: RunHelpers['cold'], ...answers: Array<[string, TestResponse?]>): Marble[] {
  if (answers.length !== requests.length) throw new Error(`answerInTurn: ${requests.length} requests, ${answers.length} answers`);
  return answers.map(([marbles, response], i) => {
    const answer = response ? cold<TestResponse>(marbles, { a: response }) : cold<TestResponse>(marbles);
    requests[i].respondWith(answer);
    return answer;
  });
}

function expectRequests(transport: { expectOne(method: string, url: string): TestRequest }, count: number): TestRequest[] {
  return Array.from({ length: count }, () => transport.expectOne('GET', '/rxjs'));
}

/**
 * `TestScheduler.run` with virtual time ending after an hour: a poll that fails
 * to stop then shows up as unexpected requests in `verify()`, instead of
 * running for ever (`run` alone has no limit).
 */
function runFor1h(callback: (helpers: RunHelpers) => void): void {
  const scheduler = marbleScheduler();
  scheduler.run((helpers) => {
    scheduler.maxFrames = 3_600_000;
    callback(helpers);
  });
}

const v1 = { body: V1, headers: V1_HEADERS };
const v2 = { body: V2, headers: V2_HEADERS };
const notModified = { status: 304 };

describe('watch(name, { interval })', () => {
  it('emits the packument at subscribe, polls every interval with conditional requests, emits only on change, and stops on unsubscribe', () => {
    const { client, transport } = cachingClient();
    const requests = expectRequests(transport, 5);

    runFor1h(({ cold, expectObservable, expectSubscriptions }) => {
      const [now, poll1, poll2, poll3, poll4] = answerInTurn(requests, cold,
        ['(a|)', v1],
        ['(a|)', notModified],
        ['(a|)', notModified],
        ['(a|)', v2],
        ['-'],
      );

      expectObservable(client.watch('rxjs', { interval: 1000 }).pipe(seen()), '^ 4499ms !').toBe('a 2999ms b', { a: first, b: updated });
      expectSubscriptions(now.subscriptions).toBe('                                               (^!)');
      expectSubscriptions(poll1.subscriptions).toBe('                                             1s (^!)');
      expectSubscriptions(poll2.subscriptions).toBe('                                             2s (^!)');
      expectSubscriptions(poll3.subscriptions).toBe('                                             3s (^!)');
      expectSubscriptions(poll4.subscriptions).toBe('                                             4s ^ 499ms !');
    });

    expect(requests.map((req) => req.request.headers['if-none-match'])).toEqual([undefined, '"v1"', '"v1"', '"v1"', '"v2"']);
    expect(requests.map((req) => req.request.headers['if-modified-since'])).toEqual([
      undefined,
      'Mon, 01 Jan 2024 00:00:00 GMT',
      'Mon, 01 Jan 2024 00:00:00 GMT',
      'Mon, 01 Jan 2024 00:00:00 GMT',
      'Tue, 02 Jan 2024 00:00:00 GMT',
    ]);
    expect(requests[4].cancelled).toBe(true);
    expect(transport.requests).toHaveLength(5);
    transport.verify();
  });

  it('polls every 30 s by default, asking for the abbreviated document', () => {
    const { client, transport } = cachingClient();
    const requests = expectRequests(transport, 3);

    runFor1h(({ cold, expectObservable, expectSubscriptions }) => {
      const [now, poll1, poll2] = answerInTurn(requests, cold, ['(a|)', v1], ['(a|)', notModified], ['(a|)', notModified]);

      expectObservable(client.watch('rxjs').pipe(seen()), '^ 60s !').toBe('a', { a: first });
      expectSubscriptions(now.subscriptions).toBe('                        (^!)');
      expectSubscriptions(poll1.subscriptions).toBe('                      30s (^!)');
      expectSubscriptions(poll2.subscriptions).toBe('                      60s (^!)');
    });

    expect(requests.map((req) => req.request.headers.accept)).toEqual([CORGI_ACCEPT, CORGI_ACCEPT, CORGI_ACCEPT]);
    transport.verify();
  });

  it('with fullMetadata asks for the full document', () => {
    const { client, transport } = cachingClient();
    const requests = expectRequests(transport, 2);

    runFor1h(({ cold, expectObservable }) => {
      answerInTurn(requests, cold, ['(a|)', v1], ['(a|)', v2]);

      expectObservable(client.watch('rxjs', { interval: 1000, fullMetadata: true }).pipe(seen()), '^ 1000ms !').toBe('a 999ms b', { a: first, b: updated });
    });

    expect(requests.map((req) => req.request.headers.accept)).toEqual([FULL_ACCEPT, FULL_ACCEPT]);
    transport.verify();
  });

  it('a 200 with the same body (a registry that ignores If-None-Match) emits nothing', () => {
    const { client, transport } = cachingClient();
    const requests = expectRequests(transport, 3);

    runFor1h(({ cold, expectObservable }) => {
      answerInTurn(requests, cold, ['(a|)', { body: V1 }], ['(a|)', { body: V1 }], ['(a|)', v2]);

      expectObservable(client.watch('rxjs', { interval: 1000 }).pipe(seen()), '^ 2500ms !').toBe('a 1999ms b', { a: first, b: updated });
    });

    transport.verify();
  });

  describe('failures', () => {
    it('a transient 503 is retried after the 10 s backoff and does not end the watch', () => {
      const { client, transport } = cachingClient();
      const requests = expectRequests(transport, 3);

      runFor1h(({ cold, expectObservable, expectSubscriptions }) => {
        const [, failing, retried] = answerInTurn(requests, cold, ['(a|)', v1], ['-a|', { status: 503 }], ['(a|)', v2]);

        expectObservable(client.watch('rxjs', { interval: 1000 }).pipe(seen()), '^ 11500ms !').toBe('a 11000ms b', { a: first, b: updated });
        expectSubscriptions(failing.subscriptions).toBe('                                            1s ^!');
        expectSubscriptions(retried.subscriptions).toBe('                                            1s - 10000ms (^!)');
      });

      expect(requests[2].request.headers['if-none-match']).toBe('"v1"');
      transport.verify();
    });

    it('with fetch-retries 0 the watch backs off itself, 10 s then 60 s, and carries on', () => {
      const { client, transport } = cachingClient({ 'fetch-retries': 0 });
      const requests = expectRequests(transport, 5);

      runFor1h(({ cold, expectObservable, expectSubscriptions }) => {
        const [, fail1, fail2, again, poll] = answerInTurn(requests, cold,
          ['(a|)', v1],
          ['(a|)', { status: 503 }],
          ['(a|)', { status: 502 }],
          ['(a|)', notModified],
          ['(a|)', v2],
        );

        expectObservable(client.watch('rxjs', { interval: 1000 }).pipe(seen()), '^ 72500ms !').toBe('a 71999ms b', { a: first, b: updated });
        expectSubscriptions(fail1.subscriptions).toBe('                                              1s (^!)');
        expectSubscriptions(fail2.subscriptions).toBe('                                              11s (^!)');
        expectSubscriptions(again.subscriptions).toBe('                                              71s (^!)');
        expectSubscriptions(poll.subscriptions).toBe('                                               72s (^!)');
      });

      transport.verify();
    });

    it('a 429 with Retry-After: 5 polls again 5 s later, and the poll after that one interval on', () => {
      const { client, transport } = cachingClient();
      const requests = expectRequests(transport, 4);

      runFor1h(({ cold, expectObservable, expectSubscriptions }) => {
        const [, limited, retried, poll] = answerInTurn(requests, cold,
          ['(a|)', v1],
          ['(a|)', { status: 429, headers: { 'retry-after': '5' } }],
          ['(a|)', notModified],
          ['(a|)', v2],
        );

        expectObservable(client.watch('rxjs', { interval: 1000 }).pipe(seen()), '^ 7500ms !').toBe('a 6999ms b', { a: first, b: updated });
        expectSubscriptions(limited.subscriptions).toBe('                                           1s (^!)');
        expectSubscriptions(retried.subscriptions).toBe('                                           6s (^!)');
        expectSubscriptions(poll.subscriptions).toBe('                                              7s (^!)');
      });

      transport.verify();
    });

    it('with fetch-retries 0 a Retry-After of 120 s is honoured by the watch itself, beyond fetch-retry-maxtimeout', () => {
      const { client, transport } = cachingClient({ 'fetch-retries': 0 });
      const requests = expectRequests(transport, 4);

      runFor1h(({ cold, expectObservable, expectSubscriptions }) => {
        const [, limited, retried, poll] = answerInTurn(requests, cold,
          ['(a|)', v1],
          ['(a|)', { status: 429, headers: { 'retry-after': '120' } }],
          ['(a|)', notModified],
          ['(a|)', v2],
        );

        expectObservable(client.watch('rxjs', { interval: 1000 }).pipe(seen()), '^ 122500ms !').toBe('a 121999ms b', { a: first, b: updated });
        expectSubscriptions(limited.subscriptions).toBe('                                             1s (^!)');
        expectSubscriptions(retried.subscriptions).toBe('                                             121s (^!)');
        expectSubscriptions(poll.subscriptions).toBe('                                                122s (^!)');
      });

      transport.verify();
    });

    it('a 404 after the package existed ends the watch with HttpError E404, and nothing more is sent', () => {
      const { client, transport } = cachingClient();
      const requests = expectRequests(transport, 2);

      runFor1h(({ cold, expectObservable }) => {
        answerInTurn(requests, cold, ['(a|)', v1], ['(a|)', { status: 404, body: { error: 'not found' } }]);

        expectObservable(client.watch('rxjs', { interval: 1000 }).pipe(seen())).toBe('a 999ms #', { a: first }, errorLike(HttpError, { code: 'E404', statusCode: 404 }));
      });

      expect(transport.requests).toHaveLength(2);
      transport.verify();
    });
  });

  describe('sharing', () => {
    it('two subscribers share one poll; the late one gets the latest document at once; the poll stops when the last leaves', () => {
      const { client, transport } = cachingClient();
      const requests = expectRequests(transport, 4);

      runFor1h(({ cold, expectObservable, expectSubscriptions }) => {
        const answers = answerInTurn(requests, cold, ['(a|)', v1], ['(a|)', v2], ['(a|)', notModified], ['(a|)', notModified]);

        expectObservable(client.watch('rxjs', { interval: 1000 }).pipe(seen()), '^ 2499ms !').toBe('       a 999ms b', { a: first, b: updated });
        expectObservable(client.watch('rxjs', { interval: 1000 }).pipe(seen()), '1500ms ^ 1999ms !').toBe('1500ms b', { b: updated });
        expectSubscriptions(answers[0].subscriptions).toBe('                                               (^!)');
        expectSubscriptions(answers[1].subscriptions).toBe('                                               1s (^!)');
        expectSubscriptions(answers[2].subscriptions).toBe('                                               2s (^!)');
        expectSubscriptions(answers[3].subscriptions).toBe('                                               3s (^!)');
      });

      expect(transport.requests).toHaveLength(4);
      transport.verify();
    });

    it('a subscriber after the last one left starts a new watch, which revalidates the cached copy first', () => {
      const { client, transport } = cachingClient();
      const requests = expectRequests(transport, 2);

      runFor1h(({ cold, expectObservable, expectSubscriptions }) => {
        const [, restart] = answerInTurn(requests, cold, ['(a|)', v1], ['-a|', notModified]);

        expectObservable(client.watch('rxjs', { interval: 1000 }).pipe(seen()), '^ 499ms !').toBe('    a', { a: first });
        expectObservable(client.watch('rxjs', { interval: 1000 }).pipe(seen()), '10s ^ 999ms !').toBe('10s -r', { r: { cacheStatus: 'revalidated', data: V1 } });
        expectSubscriptions(restart.subscriptions).toBe('                                              10s ^!');
      });

      expect(requests[1].request.headers['if-none-match']).toBe('"v1"');
      transport.verify();
    });
  });
});
