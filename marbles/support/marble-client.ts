import { TestScheduler } from 'rxjs/testing';
import { RegistryClient } from '../../src/client';
import type { RegistryClientOptions } from '../../src/config/registry-client-config';
import type { Interceptor } from '../../src/request/interceptor';
import type { Transport } from '../../src/transport/transport';

/** The registry every marble spec talks to; only the fake transport ever sees it. */
export const REGISTRY = 'http://127.0.0.1:4873/';

/** A host other than the registry's. */
export const OTHER_HOST = 'http://127.0.0.2:4873/';

/** A client over `transport`; `settings` are npm settings added to the registry and an unused cache folder. */
export function clientOf(transport: Transport, settings: RegistryClientOptions = {}, interceptors?: readonly Interceptor[]): RegistryClient {
  return new RegistryClient({ registry: REGISTRY, cache: '/tmp/rxnpm-marbles-unused', ...settings, transport, interceptors });
}

/** A TestScheduler whose frames are compared with Jest's `toEqual`. */
export function marbleScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

/**
 * Matches an error of exactly this class with these fields. Jest's `toEqual`
 * compares errors by message alone, which would let a wrong class or code pass.
 */
export function errorLike<E extends Error>(type: abstract new (...args: never[]) => E, fields: Partial<Record<keyof E, unknown>> = {}): E {
  return expect.objectContaining({ constructor: type, ...fields });
}
