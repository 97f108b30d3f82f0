import { defer, from, mergeMap } from 'rxjs';
import type { RegistryRequest } from '../../src/request/registry-request';
import type { Transport } from '../../src/transport/transport';

/** A real transport that waits for the test before each attempt goes out. */
export interface GatedTransport extends Transport {
  /** Attempts made so far (each retry and redirect is one). */
  readonly attempts: number;
}

/**
 * Wraps a real transport so `beforeAttempt(n)` (1-based) runs, and is waited
 * for, before attempt `n` reaches the network: a test can change the world
 * between two retries (e.g. start listening again) without racing the backoff.
 * Nothing is faked: the request still goes through `inner`.
 */
export function gatedTransport(inner: Transport, beforeAttempt: (attempt: number, req: RegistryRequest) => Promise<void> | void): GatedTransport {
  let attempts = 0;
  return {
    get attempts() {
      return attempts;
    },
    handle: (req) =>
      defer(() => {
        attempts += 1;
        return from(Promise.resolve(beforeAttempt(attempts, req))).pipe(mergeMap(() => inner.handle(req)));
      }),
    close: () => inner.close?.() ?? Promise.resolve(),
  };
}
