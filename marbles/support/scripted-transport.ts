import { defer, type Observable } from 'rxjs';
import type { HttpEvent } from '../../src/request/http-event';
import type { RegistryRequest } from '../../src/request/registry-request';
import { TestingTransport } from '../../src/testing';

/** The answer to one request: its events (a cold observable from the run helpers), or a function of the request giving them. */
export type ScriptedAnswer = Observable<HttpEvent> | ((req: RegistryRequest) => Observable<HttpEvent>);

/**
 * The public testing kit, scripted in order: the n-th request is answered
 * with the n-th answer, whatever its URL. A request beyond the script fails at
 * once, so an attempt the test did not expect shows up in the marble diff.
 *
 * @example
 * const attempt = cold('--(r|)', { r: json(200, { name: 'rxjs' }) });
 * const transport = scriptedTransport(attempt);
 */
export function scriptedTransport(...answers: ScriptedAnswer[]): TestingTransport {
  const transport = new TestingTransport({ failUnexpected: true });
  for (const answer of answers) {
    const expected = transport.expectOne(() => true);
    expected.respondWith(typeof answer === 'function' ? defer(() => answer(expected.request)) : answer);
  }
  return transport;
}
