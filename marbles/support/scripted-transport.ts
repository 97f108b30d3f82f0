import { throwError, type Observable } from 'rxjs';
import type { HttpEvent } from '../../src/request/http-event';
import type { RegistryRequest } from '../../src/request/registry-request';
import type { Transport } from '../../src/transport/transport';

/** The answer to one request: its events (a cold observable from the run helpers), or a function of the request giving them. */
export type ScriptedAnswer = Observable<HttpEvent> | ((req: RegistryRequest) => Observable<HttpEvent>);

export interface ScriptedTransport extends Transport {
  /** Every request the transport was handed, in order. */
  readonly requests: readonly RegistryRequest[];
}

/**
 * A fake transport for marble tests: the n-th request it is handed gets the
 * n-th answer. A request beyond the script gets an error, so an attempt the
 * test did not expect shows up in the marble diff instead of passing quietly.
 *
 * @example
 * const attempt = cold('--(r|)', { r: json(200, { name: 'rxjs' }) });
 * const transport = scriptedTransport(attempt);
 */
export function scriptedTransport(...answers: ScriptedAnswer[]): ScriptedTransport {
  const requests: RegistryRequest[] = [];
  return {
    requests,
    handle(req) {
      requests.push(req);
      const answer = answers[requests.length - 1];
      if (answer === undefined) {
        return throwError(() => new Error(`scriptedTransport: no answer for request #${requests.length} (${req.method} ${req.url})`));
      }
      return typeof answer === 'function' ? answer(req) : answer;
    },
  };
}
