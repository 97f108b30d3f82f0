import type { Observable } from 'rxjs';
import type { HttpEvent } from '../request/http-event';
import type { RegistryRequest } from '../request/registry-request';

/**
 * The only place rxnpm touches the network. `handle` returns a cold Observable:
 * nothing is sent before subscribe, and unsubscribing aborts the request.
 * The default is undici; tests and users may pass any other implementation.
 */
export interface Transport {
  handle(req: RegistryRequest): Observable<HttpEvent>;
  /** Releases sockets; called by `RegistryClient.close()`. */
  close?(): Promise<void>;
}
