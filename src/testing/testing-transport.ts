import { Observable } from 'rxjs';
import type { HttpEvent } from '../request/http-event';
import type { RegistryRequest } from '../request/registry-request';
import type { Transport } from '../transport/transport';
import { requestMatcher, TestRequest, type UrlOrPredicate } from './test-request';

/**
 * A transport for tests, after Angular's HttpTestingController, that also
 * lives in virtual time. Pass it as `new RegistryClient({ …, transport })`;
 * every request the client makes waits here until the test answers it.
 *
 * Expectations can come after the request (`expectOne` finds it) or before
 * it (`expectOne` returns a request that is answered as soon as it is made),
 * which is how a marble test scripts answers up front:
 *
 * @example
 * const transport = new TestingTransport();
 * const client = new RegistryClient({ registry, cache: memoryStore(), transport });
 * testScheduler.run(({ cold, expectObservable }) => {
 *   transport.expectOne('GET', '/rxjs').respondWith(cold('-a|', { a: { status: 503 } }));
 *   transport.expectOne('GET', '/rxjs').respondWith(cold('-a|', { a: { body: { name: 'rxjs' } } }));
 *   expectObservable(client.get('/rxjs').pipe(map((r) => r.data.name))).toBe('- 10000ms -(a|)', { a: 'rxjs' });
 * });
 * transport.verify();
 */
export class TestingTransport implements Transport {
  /** Requests made that no expectation has claimed yet. */
  private readonly unclaimed: TestRequest[] = [];
  /** Expectations declared before their request was made, in order. */
  private readonly awaiting: TestRequest[] = [];
  /** Every request made, claimed or not, in order. */
  private readonly made: TestRequest[] = [];
  /** Every expectation handed to the test. */
  private readonly expected = new Set<TestRequest>();

  private readonly registry: string | undefined;
  private readonly failUnexpected: boolean;

  /**
   * @param options.registry The client's registry, so paths like `/rxjs` match
   *   its URLs when it has a path of its own (otherwise paths match the URL's path).
   * @param options.failUnexpected Fail a request no expectation claims at once,
   *   instead of leaving it pending as a silent server would.
   */
  constructor(options: { registry?: string; failUnexpected?: boolean } = {}) {
    this.registry = options.registry;
    this.failUnexpected = options.failUnexpected ?? false;
  }

  handle(req: RegistryRequest): Observable<HttpEvent> {
    return new Observable<HttpEvent>((subscriber) => {
      const index = this.awaiting.findIndex((expectation) => expectation.matcher.matches(req));
      const testRequest = index >= 0 ? this.awaiting.splice(index, 1)[0] : new TestRequest({ description: `${req.method} ${req.url}`, matches: () => true });
      if (index < 0) this.unclaimed.push(testRequest);
      this.made.push(testRequest);
      const detach = testRequest.attach(req, subscriber);
      if (index < 0 && this.failUnexpected) testRequest.error(new Error(`TestingTransport: unexpected request ${req.method} ${req.url}`));
      return detach;
    });
  }

  /**
   * The one request matching `method` (optional) and `url` (a path on the
   * registry, an absolute URL, or a predicate). If it has been made it is
   * returned; if several unclaimed ones match, this throws; if none has been
   * made yet, the returned request is answered the moment it is.
   */
  expectOne(url: UrlOrPredicate): TestRequest;
  expectOne(method: string, url: UrlOrPredicate): TestRequest;
  expectOne(...args: [UrlOrPredicate] | [string, UrlOrPredicate]): TestRequest {
    const matcher = requestMatcher(this.registry, args);
    const found = this.unclaimed.filter((candidate) => matcher.matches(candidate.request));
    if (found.length > 1) throw new Error(`expectOne(${matcher.description}): ${found.length} requests match: ${found.map((r) => r.describe()).join(', ')}`);
    if (found.length === 1) {
      this.unclaimed.splice(this.unclaimed.indexOf(found[0]), 1);
      this.expected.add(found[0]);
      return found[0];
    }
    const future = new TestRequest(matcher);
    this.awaiting.push(future);
    this.expected.add(future);
    return future;
  }

  /** Every unclaimed request made so far that matches; they count as expected from now on. */
  match(url: UrlOrPredicate): TestRequest[];
  match(method: string, url: UrlOrPredicate): TestRequest[];
  match(...args: [UrlOrPredicate] | [string, UrlOrPredicate]): TestRequest[] {
    const matcher = requestMatcher(this.registry, args);
    const found = this.unclaimed.filter((candidate) => matcher.matches(candidate.request));
    for (const request of found) {
      this.unclaimed.splice(this.unclaimed.indexOf(request), 1);
      this.expected.add(request);
    }
    return found;
  }

  /** Throws if any request matching was made. */
  expectNone(url: UrlOrPredicate): void;
  expectNone(method: string, url: UrlOrPredicate): void;
  expectNone(...args: [UrlOrPredicate] | [string, UrlOrPredicate]): void {
    const matcher = requestMatcher(this.registry, args);
    const found = this.made.filter((made) => made.arrived && matcher.matches(made.request));
    if (found.length > 0) throw new Error(`expectNone(${matcher.description}): ${found.length} request(s) were made: ${found.map((r) => r.describe()).join(', ')}`);
  }

  /** Every request made, in order (for assertions on headers and bodies). */
  get requests(): readonly RegistryRequest[] {
    return this.made.filter((made) => made.arrived).map((made) => made.request);
  }

  /**
   * Fails, listing each problem, when a request was made that no expectation
   * claimed, an expectation was never made, or a request made was never
   * answered (and not cancelled by the client).
   */
  verify(): void {
    const problems = [
      ...this.unclaimed.map((r) => `unexpected request: ${r.describe()}`),
      ...this.awaiting.map((r) => `expected but never made: ${r.describe()}`),
      ...[...this.expected].filter((r) => r.arrived && !r.answered && !r.cancelled).map((r) => `made but never answered: ${r.describe()}`),
    ];
    if (problems.length > 0) throw new Error(`TestingTransport.verify() found ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  }
}
