import type { Observable } from 'rxjs';
import type { HttpEvent } from '../request/http-event';
import type { RegistryRequest } from '../request/registry-request';

/**
 * The only place rxnpm touches the network. `handle` returns a cold Observable:
 * nothing is sent before subscribe, and unsubscribing aborts the request.
 * The default is undici; tests and users may pass any other implementation.
 *
 * Requests carry the client's `accept-encoding` (`ACCEPT_ENCODING`, or
 * `identity` for tarballs), so a transport hands bodies on decoded — the
 * response body and stream chunks as the document, headers (Content-Encoding,
 * Content-Length) and progress as on the wire — and fails a body it cannot
 * decode with `BadEncodingError`, never passing encoded bytes on as if they
 * were the document. `fetch` decodes this way by itself; `decodeBody` does it
 * for a body held whole.
 */
export interface Transport {
  handle(req: RegistryRequest): Observable<HttpEvent>;
  /** Releases sockets; called by `RegistryClient.close()`. */
  close?(): Promise<void>;
}
