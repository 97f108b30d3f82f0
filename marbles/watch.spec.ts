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

/** How soon each request below is answered: in the frame it is made, one frame later, or never. */
const AT_ONCE = '   (a|)';
const NEXT_FRAME = '-a|';
const UNANSWERED = '-';

const v1 = { body: V1, headers: V1_HEADERS };
const v2 = { body: V2, headers: V2_HEADERS };
const notModified = { status: 304 };

describe('watch(name, { interval })', () => {
  it('emits the packument at subscribe, polls every interval with conditional requests, emits only on change, and stops on unsubscribe', () => {
    const { client, transport } = cachingClient();
    const requests = expectRequests(transport, 5);

    runFor1h(({ cold, expectObservable, expectSubscriptions }) => {
      const [now, poll1, poll2, poll3, poll4] = answerInTurn(requests, cold,
        [AT_ONCE, v1],
        [AT_ONCE, notModified],
        [AT_ONCE, notModified],
        [AT_ONCE, v2],
        [UNANSWERED],
      );

      const subscription = '^ 4499ms !';
      const expected = 'a 2999ms b';
      const nowSubs = '      (^!)';
      const poll1Subs = '1s (^!)';
      const poll2Subs = '2s (^!)';
      const poll3Subs = '3s (^!)';
      const poll4Subs = '4s ^ 499ms !';

      expectObservable(client.watch('rxjs', { interval: 1000 }).pipe(seen()), subscription).toBe(expected, { a: first, b: updated });
      expectSubscriptions(now.subscriptions).toBe(nowSubs);
      expectSubscriptions(poll1.subscriptions).toBe(poll1Subs);
      expectSubscriptions(poll2.subscriptions).toBe(poll2Subs);
      expectSubscriptions(poll3.subscriptions).toBe(poll3Subs);
      expectSubscriptions(poll4.subscriptions).toBe(poll4Subs);
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
      const [now, poll1, poll2] = answerInTurn(requests, cold, [AT_ONCE, v1], [AT_ONCE, notModified], [AT_ONCE, notModified]);

      const subscription = '^ 60s !';
      const expected = 'a';
      const nowSubs = '      (^!)';
      const poll1Subs = '30s (^!)';
      const poll2Subs = '60s (^!)';

      expectObservable(client.watch('rxjs').pipe(seen()), subscription).toBe(expected, { a: first });
      expectSubscriptions(now.subscriptions).toBe(nowSubs);
      expectSubscriptions(poll1.subscriptions).toBe(poll1Subs);
      expectSubscriptions(poll2.subscriptions).toBe(poll2Subs);
    });

    expect(requests.map((req) => req.request.headers.accept)).toEqual([CORGI_ACCEPT, CORGI_ACCEPT, CORGI_ACCEPT]);
    transport.verify();
  });

  it('with fullMetadata asks for the full document', () => {
    const { client, transport } = cachingClient();
    const requests = expectRequests(transport, 2);

    runFor1h(({ cold, expectObservable }) => {
      answerInTurn(requests, cold, [AT_ONCE, v1], [AT_ONCE, v2]);

      const subscription = '^ 1000ms !';
      const expected = 'a 999ms b';

      expectObservable(client.watch('rxjs', { interval: 1000, fullMetadata: true }).pipe(seen()), subscription).toBe(expected, { a: first, b: updated });
    });

    expect(requests.map((req) => req.request.headers.accept)).toEqual([FULL_ACCEPT, FULL_ACCEPT]);
    transport.verify();
  });

  it('a 200 with the same body (a registry that ignores If-None-Match) emits nothing', () => {
    const { client, transport } = cachingClient();
    const requests = expectRequests(transport, 3);

    runFor1h(({ cold, expectObservable }) => {
      answerInTurn(requests, cold, [AT_ONCE, { body: V1 }], [AT_ONCE, { body: V1 }], [AT_ONCE, v2]);

      const subscription = '^ 2500ms !';
      const expected = 'a 1999ms b';

      expectObservable(client.watch('rxjs', { interval: 1000 }).pipe(seen()), subscription).toBe(expected, { a: first, b: updated });
    });

    transport.verify();
  });

  describe('failures', () => {
    it('a transient 503 is retried after the 10 s backoff and does not end the watch', () => {
      const { client, transport } = cachingClient();
      const requests = expectRequests(transport, 3);

      runFor1h(({ cold, expectObservable, expectSubscriptions }) => {
        const [, failing, retried] = answerInTurn(requests, cold, [AT_ONCE, v1], [NEXT_FRAME, { status: 503 }], [AT_ONCE, v2]);

        const subscription = '^ 11500ms !';
        const expected = 'a 11000ms b';
        const failingSubs = '1s ^!';
        const retriedSubs = '1s - 10000ms (^!)';

        expectObservable(client.watch('rxjs', { interval: 1000 }).pipe(seen()), subscription).toBe(expected, { a: first, b: updated });
        expectSubscriptions(failing.subscriptions).toBe(failingSubs);
        expectSubscriptions(retried.subscriptions).toBe(retriedSubs);
      });

      expect(requests[2].request.headers['if-none-match']).toBe('"v1"');
      transport.verify();
    });

    it('with fetch-retries 0 the watch backs off itself, 10 s then 60 s, and carries on', () => {
      const { client, transport } = cachingClient({ 'fetch-retries': 0 });
      const requests = expectRequests(transport, 5);

      runFor1h(({ cold, expectObservable, expectSubscriptions }) => {
        const [, fail1, fail2, again, poll] = answerInTurn(requests, cold,
          [AT_ONCE, v1],
          [AT_ONCE, { status: 503 }],
          [AT_ONCE, { status: 502 }],
          [AT_ONCE, notModified],
          [AT_ONCE, v2],
        );

        const subscription = '^ 72500ms !';
        const expected = 'a 71999ms b';
        const fail1Subs = '1s (^!)';
        const fail2Subs = '11s (^!)';
        const againSubs = '71s (^!)';
        const pollSubs = '   72s (^!)';

        expectObservable(client.watch('rxjs', { interval: 1000 }).pipe(seen()), subscription).toBe(expected, { a: first, b: updated });
        expectSubscriptions(fail1.subscriptions).toBe(fail1Subs);
        expectSubscriptions(fail2.subscriptions).toBe(fail2Subs);
        expectSubscriptions(again.subscriptions).toBe(againSubs);
        expectSubscriptions(poll.subscriptions).toBe(pollSubs);
      });

      transport.verify();
    });

    it('a 429 with Retry-After: 5 polls again 5 s later, and the poll after that one interval on', () => {
      const { client, transport } = cachingClient();
      const requests = expectRequests(transport, 4);

      runFor1h(({ cold, expectObservable, expectSubscriptions }) => {
        const [, limited, retried, poll] = answerInTurn(requests, cold,
          [AT_ONCE, v1],
          [AT_ONCE, { status: 429, headers: { 'retry-after': '5' } }],
          [AT_ONCE, notModified],
          [AT_ONCE, v2],
        );

        const subscription = '^ 7500ms !';
        const expected = 'a 6999ms b';
        const limitedSubs = '1s (^!)';
        const retriedSubs = '6s (^!)';
        const pollSubs = '         7s (^!)';

        expectObservable(client.watch('rxjs', { interval: 1000 }).pipe(seen()), subscription).toBe(expected, { a: first, b: updated });
        expectSubscriptions(limited.subscriptions).toBe(limitedSubs);
        expectSubscriptions(retried.subscriptions).toBe(retriedSubs);
        expectSubscriptions(poll.subscriptions).toBe(pollSubs);
      });

      transport.verify();
    });

    it('with fetch-retries 0 a Retry-After of 120 s is honoured by the watch itself, beyond fetch-retry-maxtimeout', () => {
      const { client, transport } = cachingClient({ 'fetch-retries': 0 });
      const requests = expectRequests(transport, 4);

      runFor1h(({ cold, expectObservable, expectSubscriptions }) => {
        const [, limited, retried, poll] = answerInTurn(requests, cold,
          [AT_ONCE, v1],
          [AT_ONCE, { status: 429, headers: { 'retry-after': '120' } }],
          [AT_ONCE, notModified],
          [AT_ONCE, v2],
        );

        const subscription = '^ 122500ms !';
        const expected = 'a 121999ms b';
        const limitedSubs = '1s (^!)';
        const retriedSubs = '121s (^!)';
        const pollSubs = '         122s (^!)';

        expectObservable(client.watch('rxjs', { interval: 1000 }).pipe(seen()), subscription).toBe(expected, { a: first, b: updated });
        expectSubscriptions(limited.subscriptions).toBe(limitedSubs);
        expectSubscriptions(retried.subscriptions).toBe(retriedSubs);
        expectSubscriptions(poll.subscriptions).toBe(pollSubs);
      });

      transport.verify();
    });

    it('a 404 after the package existed ends the watch with HttpError E404, and nothing more is sent', () => {
      const { client, transport } = cachingClient();
      const requests = expectRequests(transport, 2);

      runFor1h(({ cold, expectObservable }) => {
        answerInTurn(requests, cold, [AT_ONCE, v1], [AT_ONCE, { status: 404, body: { error: 'not found' } }]);

        const expected = 'a 999ms #';

        expectObservable(client.watch('rxjs', { interval: 1000 }).pipe(seen())).toBe(expected, { a: first }, errorLike(HttpError, { code: 'E404', statusCode: 404 }));
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
        const answers = answerInTurn(requests, cold, [AT_ONCE, v1], [AT_ONCE, v2], [AT_ONCE, notModified], [AT_ONCE, notModified]);

        const early = '^ 2499ms !';
        const late = '   1500ms ^ 1999ms !';
        const earlyExpected = 'a 999ms b';
        const lateExpected = '1500ms b';
        const nowSubs = '      (^!)';
        const poll1Subs = '1s (^!)';
        const poll2Subs = '2s (^!)';
        const poll3Subs = '3s (^!)';

        expectObservable(client.watch('rxjs', { interval: 1000 }).pipe(seen()), early).toBe(earlyExpected, { a: first, b: updated });
        expectObservable(client.watch('rxjs', { interval: 1000 }).pipe(seen()), late).toBe(lateExpected, { b: updated });
        expectSubscriptions(answers[0].subscriptions).toBe(nowSubs);
        expectSubscriptions(answers[1].subscriptions).toBe(poll1Subs);
        expectSubscriptions(answers[2].subscriptions).toBe(poll2Subs);
        expectSubscriptions(answers[3].subscriptions).toBe(poll3Subs);
      });

      expect(transport.requests).toHaveLength(4);
      transport.verify();
    });

    it('a subscriber after the last one left starts a new watch, which revalidates the cached copy first', () => {
      const { client, transport } = cachingClient();
      const requests = expectRequests(transport, 2);

      runFor1h(({ cold, expectObservable, expectSubscriptions }) => {
        const [, restart] = answerInTurn(requests, cold, [AT_ONCE, v1], [NEXT_FRAME, notModified]);

        const firstWatch = '^ 499ms !';
        const restarted = ' 10s ^ 999ms !';
        const firstExpected = 'a';
        const restartedExpected = '10s -r';
        const restartSubs = '      10s ^!';

        expectObservable(client.watch('rxjs', { interval: 1000 }).pipe(seen()), firstWatch).toBe(firstExpected, { a: first });
        expectObservable(client.watch('rxjs', { interval: 1000 }).pipe(seen()), restarted).toBe(restartedExpected, { r: { cacheStatus: 'revalidated', data: V1 } });
        expectSubscriptions(restart.subscriptions).toBe(restartSubs);
      });

      expect(requests[1].request.headers['if-none-match']).toBe('"v1"');
      transport.verify();
    });
  });
});
