import { defer, filter, map, type Observable } from 'rxjs';
import { normalizeConfig } from './config/normalize-config';
import type { NormalizedConfig } from './config/normalized-config';
import type { RegistryClientConfig } from './config/registry-client-config';
import { authInterceptor } from './interceptors/auth';
import { checkResponseInterceptor } from './interceptors/check-response';
import { headersInterceptor } from './interceptors/headers';
import { logInterceptor } from './interceptors/log';
import { otpInterceptor } from './interceptors/otp';
import { redirectInterceptor } from './interceptors/redirect';
import { retryInterceptor } from './interceptors/retry';
import { timeoutInterceptor } from './interceptors/timeout';
import { chain } from './request/chain';
import { encodeBody, type RequestPayload } from './request/encode-body';
import { isResponse, type HttpEvent } from './request/http-event';
import type { HttpHandler } from './request/interceptor';
import { RegistryRequest } from './request/registry-request';
import type { RegistryResponse } from './request/registry-response';
import { pkgidOf, resolveUrl } from './request/resolve-url';
import { toRegistryResponse } from './request/to-registry-response';
import type { Transport } from './transport/transport';
import { UndiciTransport } from './transport/undici-transport';

/**
 * A client of one npm registry. Every operation returns a cold Observable:
 * nothing is sent until you subscribe, each subscription sends again, and
 * unsubscribing aborts the request and any pending retry.
 *
 * @example
 * const client = new RegistryClient({ registry: process.env.npm_config_registry, cache: '/tmp/rxnpm' });
 * client.request('GET', '/-/ping').subscribe(({ statusCode }) => console.log(statusCode));
 */
export class RegistryClient {
  readonly config: NormalizedConfig;
  private readonly transport: Transport;
  private readonly handler: HttpHandler;

  /** Throws `ConfigError` naming the setting when the configuration is unusable. */
  constructor(config: RegistryClientConfig) {
    this.config = normalizeConfig(config);
    const { log, retry, secrets, otp, userAgent, auth, fetchTimeout } = this.config;
    this.transport = this.config.transport ?? new UndiciTransport(this.config);
    // Outermost first: a retry re-runs everything below it; a redirect re-runs auth for the new URL.
    this.handler = chain(
      [
        ...this.config.interceptors,
        retryInterceptor(retry, log),
        checkResponseInterceptor(secrets),
        otpInterceptor(otp),
        redirectInterceptor(),
        headersInterceptor(userAgent),
        authInterceptor(auth),
        logInterceptor(log),
        timeoutInterceptor(fetchTimeout),
      ],
      this.transport,
    );
  }

  /**
   * Sends one request through the client's chain and emits its events:
   * progress (when the request asks for it) and the response.
   */
  handle(req: RegistryRequest): Observable<HttpEvent> {
    return this.handler(req);
  }

  /**
   * A request to the registry. `where` is a path on the registry or an absolute
   * URL; `what` an object (sent as JSON), string, Buffer or Readable (streamed);
   * `etag` is sent as If-None-Match on reads and If-Match on writes; `nofollow`
   * emits 3xx responses instead of following them.
   *
   * @example
   * client.request('PUT', '/-/user/org.couchdb.user:ada', { name: 'ada', password, email })
   *   .subscribe(({ data }) => console.log(data.token));
   */
  request<T = unknown>(method: string, where: string, what?: RequestPayload | null, etag?: string, nofollow?: boolean): Observable<RegistryResponse<T>> {
    return defer(() => {
      const req = this.createRequest(method, where, what, etag, nofollow);
      return this.handler(req).pipe(
        filter(isResponse),
        map((res) => toRegistryResponse<T>(req, res)),
      );
    });
  }

  /** Builds the immutable request value for `request`; throws `UsageError` on unusable arguments. */
  createRequest(method: string, where: string, what?: RequestPayload | null, etag?: string, nofollow = false): RegistryRequest {
    const url = resolveUrl(where, this.config.registry, this.config.scopeRegistries);
    const { body, contentType } = encodeBody(what);
    const headers: Record<string, string> = {};
    if (contentType) headers['content-type'] = contentType;
    const req = new RegistryRequest({ method, url, headers, body, nofollow, pkgid: pkgidOf(url, this.config.registry) });
    return etag ? req.clone({ setHeaders: { [req.isWrite ? 'if-match' : 'if-none-match']: etag } }) : req;
  }

  /** Closes the transport's sockets. Requests made afterwards fail. */
  async close(): Promise<void> {
    await this.transport.close?.();
  }
}
