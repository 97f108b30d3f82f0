import { Subject, type Observable } from 'rxjs';
import { RegistryClient } from '../../src/client';
import type { RegistryClientOptions, RegistryClientExtras } from '../../src/config/registry-client-config';
import type { RegistryRequest } from '../../src/request/registry-request';
import { memoryStore, TestingTransport } from '../../src/testing';
import { REGISTRY } from './marble-client';

/**
 * A client of `REGISTRY` over the public testing kit with an in-memory cache
 * (no sockets, no folder) and a token for the registry. `fetch-timeout` is 0:
 * a request made before `TestScheduler.run` (see `untilRequests`) would start
 * a real timer that run mode's virtual scheduler cannot clear.
 */
export function kitClient(settings: RegistryClientOptions & RegistryClientExtras = {}): { client: RegistryClient; transport: TestingTransport } {
  const transport = new TestingTransport();
  const client = new RegistryClient({
    registry: REGISTRY,
    cache: memoryStore(),
    '//127.0.0.1:4873/:_authToken': 'secret-token',
    'fetch-timeout': 0,
    ...settings,
    transport,
  });
  return { client, transport };
}

/** How many turns of the event loop `untilRequests` waits at most. */
const MOST_TURNS = 500;

/**
 * Waits (a bounded number of event-loop turns) until the client has made
 * `count` requests through `transport`. For operations that do work in
 * promises before their first request (publish reads and hashes its tarball),
 * which a `TestScheduler.run` callback cannot wait for: subscribe first, wait
 * here, then answer inside `run`, where every frame after that is virtual.
 */
export async function untilRequests(transport: TestingTransport, count: number): Promise<void> {
  for (let turn = 0; turn < MOST_TURNS && transport.requests.length < count; turn++) await new Promise((resolve) => setImmediate(resolve));
  if (transport.requests.length < count) throw new Error(`expected ${count} request(s), ${transport.requests.length} made: ${transport.requests.map((r) => `${r.method} ${r.url}`).join(', ')}`);
}

/**
 * Subscribes to `source` now and relays what it emits from then on, so a
 * marble started later (`expectObservable(relay)`) sees each value at the
 * virtual frame it arrives. `stop` unsubscribes from the source.
 */
export function relay<T>(source: Observable<T>): { relayed: Observable<T>; stop: () => void } {
  const subject = new Subject<T>();
  const subscription = source.subscribe(subject);
  return { relayed: subject.asObservable(), stop: () => subscription.unsubscribe() };
}

/** The error `source` ends with, waiting at most a bounded number of event-loop turns; fails if it emits or completes instead. */
export async function errorOf(source: Observable<unknown>): Promise<unknown> {
  let outcome: { error: unknown } | { value: string } | undefined;
  const subscription = source.subscribe({
    next: (value) => (outcome ??= { value: `emitted ${JSON.stringify(value)?.slice(0, 200)}` }),
    error: (error: unknown) => (outcome ??= { error }),
    complete: () => (outcome ??= { value: 'completed' }),
  });
  for (let turn = 0; turn < MOST_TURNS && outcome === undefined; turn++) await new Promise((resolve) => setImmediate(resolve));
  subscription.unsubscribe();
  if (outcome === undefined) throw new Error('expected an error, but the observable neither failed nor emitted');
  if ('value' in outcome) throw new Error(`expected an error, but the observable ${outcome.value}`);
  return outcome.error;
}

/** The JSON body of a request the client sent as text (what `request` makes of an object). */
export function jsonBody(req: RegistryRequest): unknown {
  if (typeof req.body !== 'string') throw new Error(`${req.method} ${req.url}: expected a JSON text body, got ${typeof req.body}`);
  return JSON.parse(req.body);
}

/** `METHOD url` of every request made, in order. */
export function sent(transport: TestingTransport): string[] {
  return transport.requests.map((r) => `${r.method} ${r.url}`);
}
