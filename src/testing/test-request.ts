import { Observable, Subscription, type Subscriber } from 'rxjs';
import { errorDetails } from '../errors/error-details';
import { NetworkError } from '../errors/network-error';
import type { HttpEvent } from '../request/http-event';
import type { RegistryRequest } from '../request/registry-request';
import { responseEvents, type TestResponse } from './test-response';

/** How a test answers: at once, with an error, or with an Observable (a marble) of responses. */
type Answer =
  | { readonly kind: 'flush'; readonly response: TestResponse }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'observable'; readonly source: Observable<TestResponse | HttpEvent> };

/** A description of what the request was expected to be, for failure messages. */
export type RequestMatcher = { readonly description: string; readonly matches: (req: RegistryRequest) => boolean };

/**
 * One request the client made (or will make) through a `TestingTransport`.
 * Answer it with `flush`, `error` or `respondWith`; an answer given before the
 * request arrives is used the moment it does.
 */
export class TestRequest {
  private answer: Answer | undefined;
  /** The client's request and its subscriber, once it has been made. */
  private attached: { readonly req: RegistryRequest; readonly subscriber: Subscriber<HttpEvent> } | undefined;
  private answering: Subscription | undefined;
  private done = false;
  private cancelled_ = false;

  /** @internal */
  constructor(readonly matcher: RequestMatcher) {}

  /** The request as the client sent it (headers, body, URL). Throws while it has not arrived. */
  get request(): RegistryRequest {
    if (!this.attached) throw new Error(`TestRequest: no request matching ${this.matcher.description} has been made yet`);
    return this.attached.req;
  }

  /** Whether the client has made this request yet. */
  get arrived(): boolean {
    return this.attached !== undefined;
  }

  /** Whether the client unsubscribed before the request was answered (an abort). */
  get cancelled(): boolean {
    return this.cancelled_;
  }

  /** Whether an answer has been given. */
  get answered(): boolean {
    return this.answer !== undefined;
  }

  /** Answers with one response: `flush({ name: 'rxjs' })`, `flush(null, { status: 304, headers: { etag } })`. */
  flush(body: unknown, options: { status?: number; headers?: Readonly<Record<string, string>> } = {}): void {
    this.setAnswer({ kind: 'flush', response: { body, status: options.status, headers: options.headers } });
  }

  /** Fails the request as the network would: an Error, or a system code such as `'ECONNRESET'`. */
  error(error: Error | string): void {
    this.setAnswer({ kind: 'error', error });
  }

  /**
   * Answers with an Observable, usually a cold marble, subscribed when the
   * request is made and unsubscribed if the client aborts it:
   * `respondWith(cold('--a|', { a: { status: 200, body } }))`. Its first
   * response ends the request; an error in it is the request's error.
   */
  respondWith(source: Observable<TestResponse | HttpEvent>): void {
    this.setAnswer({ kind: 'observable', source });
  }

  /** @internal Binds the client's request to this expectation and delivers any answer already given. */
  attach(req: RegistryRequest, subscriber: Subscriber<HttpEvent>): () => void {
    this.attached = { req, subscriber };
    this.deliver();
    return () => {
      if (!this.done) this.cancelled_ = true;
      this.answering?.unsubscribe();
    };
  }

  private setAnswer(answer: Answer): void {
    if (this.answer) throw new Error(`TestRequest: ${this.matcher.description} was already answered`);
    this.answer = answer;
    this.deliver();
  }

  private deliver(): void {
    const { answer, attached } = this;
    if (!answer || !attached || attached.subscriber.closed) return;
    const { req, subscriber } = attached;
    switch (answer.kind) {
      case 'flush':
        this.respond(req, subscriber, answer.response);
        return;
      case 'error':
        this.fail(req, subscriber, answer.error);
        return;
      case 'observable':
        this.answering = answer.source.subscribe({
          next: (value) => this.respond(req, subscriber, value),
          error: (error: unknown) => this.fail(req, subscriber, error),
          complete: () => {
            // A marble that ends without a response leaves the request hanging, as a silent server would.
          },
        });
    }
  }

  /** Emits the events of one answer, or fails as the undici transport would on a body that does not decode. */
  private respond(req: RegistryRequest, subscriber: Subscriber<HttpEvent>, answer: TestResponse | HttpEvent): void {
    let events: HttpEvent[];
    try {
      events = responseEvents(req, answer);
    } catch (error) {
      this.answering?.unsubscribe();
      return this.fail(req, subscriber, error);
    }
    for (const event of events) {
      subscriber.next(event);
      if (event.type === 'response') {
        this.done = true;
        subscriber.complete();
        this.answering?.unsubscribe();
        return;
      }
    }
  }

  private fail(req: RegistryRequest, subscriber: Subscriber<HttpEvent>, error: unknown): void {
    this.done = true;
    subscriber.error(typeof error === 'string' ? new NetworkError(error, error, errorDetails(req)) : error);
  }

  /** @internal For `verify()`'s report. */
  describe(): string {
    return this.attached ? `${this.attached.req.method} ${this.attached.req.url}` : this.matcher.description;
  }
}

/** A path on the registry, an absolute URL, or a predicate. */
export type UrlOrPredicate = string | ((req: RegistryRequest) => boolean);

/** @internal Builds the matcher of `expectOne(urlOrPredicate)` and `expectOne(method, urlOrPredicate)`. */
export function requestMatcher(registry: string | undefined, args: readonly [UrlOrPredicate] | readonly [string, UrlOrPredicate]): RequestMatcher {
  const [method, target] = args.length === 1 ? [undefined, args[0]] : [args[0].toUpperCase(), args[1]];
  const urlMatches = typeof target === 'function' ? target : (req: RegistryRequest) => sameUrl(req.url, target, registry);
  return {
    description: `${method ?? 'any method'} ${typeof target === 'function' ? '(predicate)' : target}`,
    matches: (req) => (method === undefined || req.method === method) && urlMatches(req),
  };
}

/** A URL matches when equal, or, for a path, when it is the request's path and query on the registry. */
function sameUrl(actual: string, expected: string, registry: string | undefined): boolean {
  if (actual === expected) return true;
  if (/^https?:/i.test(expected)) return false;
  const path = expected.replace(/^\/+/, '');
  if (registry && actual === `${registry}${path}`) return true;
  const parsed = new URL(actual);
  return `${parsed.pathname}${parsed.search}` === `/${path}`;
}
