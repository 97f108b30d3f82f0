import { map, type OperatorFunction } from 'rxjs';
import { RegistryClient } from '../../src/client';
import type { RegistryClientOptions } from '../../src/config/registry-client-config';
import type { GetOptions } from '../../src/operations/get-options';
import type { CacheStatus, RegistryResponse } from '../../src/request/registry-response';
import { memoryStore, TestingTransport, type MemoryStore } from '../../src/testing';
import { REGISTRY } from './marble-client';

/** The Accept header of a full document, and of the abbreviated ("corgi") one, as npm sends them. */
export const FULL_ACCEPT = 'application/json';
export const CORGI_ACCEPT = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*';

/** Two versions of one packument, with the validators the registry sends beside each. */
export const V1 = { name: 'rxjs', 'dist-tags': { latest: '7.8.1' }, versions: { '7.8.1': { name: 'rxjs', version: '7.8.1' } } };
export const V2 = { name: 'rxjs', 'dist-tags': { latest: '7.8.2' }, versions: { '7.8.1': { name: 'rxjs', version: '7.8.1' }, '7.8.2': { name: 'rxjs', version: '7.8.2' } } };
export const V1_HEADERS = { etag: '"v1"', 'last-modified': 'Mon, 01 Jan 2024 00:00:00 GMT' };
export const V2_HEADERS = { etag: '"v2"', 'last-modified': 'Tue, 02 Jan 2024 00:00:00 GMT' };

export interface CachingClient {
  readonly client: RegistryClient;
  readonly transport: TestingTransport;
  readonly store: MemoryStore;
}

/**
 * A client with an in-memory cache over a `TestingTransport`, so the whole of
 * `get` and `watch` runs in virtual time. `cache-min` is 0 unless `settings`
 * say otherwise, so a GET's own timeout is what counts.
 */
export function cachingClient(settings: RegistryClientOptions = {}, store: MemoryStore = memoryStore()): CachingClient {
  const transport = new TestingTransport();
  const client = new RegistryClient({ registry: REGISTRY, cache: store, transport, 'cache-min': 0, ...settings });
  return { client, transport, store };
}

/**
 * Puts `body` in `store` as the registry's answer to GET `path`, stored at the
 * current virtual frame. It goes through a client and transport of its own, so
 * the transport of the client under test sees no request for it. Call inside
 * `TestScheduler.run`, where the frame is the clock.
 */
export function seed(store: MemoryStore, path: string, body: unknown, headers: Readonly<Record<string, string>> = {}, options: GetOptions = {}): void {
  const { client, transport } = cachingClient({}, store);
  transport.expectOne('GET', path).flush(body, { headers });
  const statuses: CacheStatus[] = [];
  client.get(path, options).subscribe((res) => statuses.push(res.cacheStatus));
  transport.verify();
  if (statuses.join() !== 'miss') throw new Error(`seed(${path}): expected one miss, got [${statuses.join()}]`);
}

/** What a spec asserts of each emission of `get` and `watch`: where it came from and the document. */
export interface Seen {
  readonly cacheStatus: CacheStatus;
  readonly data: unknown;
}

export function seen<T>(): OperatorFunction<RegistryResponse<T>, Seen> {
  return map(({ cacheStatus, data }) => ({ cacheStatus, data }));
}
