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
import { ACCEPT } from './cache/accept';
import { CacacheStore } from './cache/cacache-store';
import { cacheKey } from './cache/cache-key';
import { DocumentCache } from './cache/document-cache';
import { invalidateInterceptor } from './interceptors/invalidate';
import { get } from './operations/get';
import type { GetOptions } from './operations/get-options';
import type { OperationContext } from './operations/operation-context';
import { packagePath } from './operations/package-path';
import { watch, type WatchOptions } from './operations/watch';
import type { DocumentVariant } from './cache/cache-entry';

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
  private readonly cache: DocumentCache;
  private readonly ops: OperationContext;
  /** The default and every scope registry, for naming the package a URL is about. */
  private readonly registries: readonly string[];

  /** Throws `ConfigError` naming the setting when the configuration is unusable. */
  constructor(config: RegistryClientConfig) {
    this.config = normalizeConfig(config);
    const { log, retry, secrets, otp, userAgent, auth, fetchTimeout } = this.config;
    this.registries = [this.config.registry, ...this.config.scopeRegistries.values()];
    this.transport = this.config.transport ?? new UndiciTransport(this.config);
    const store = typeof this.config.cache === 'string' ? new CacacheStore(this.config.cache, log) : this.config.cache;
    this.cache = new DocumentCache(store, this.config.memoryCacheSize, log);
    // Outermost first: a retry re-runs everything below it; a redirect re-runs auth for the new URL.
    this.handler = chain(
      [
        ...this.config.interceptors,
        retryInterceptor(retry, log),
        otpInterceptor(otp, this.config.otpPrompt),
        checkResponseInterceptor(secrets),
        invalidateInterceptor((req) => this.invalidate(req.pkgid!)),
        redirectInterceptor(),
        headersInterceptor(userAgent),
        authInterceptor(auth),
        logInterceptor(log),
        timeoutInterceptor(fetchTimeout),
      ],
      this.transport,
    );
    this.ops = {
      config: this.config,
      handle: this.handler,
      cache: this.cache,
      inflight: new Map(),
      createRequest: this.createRequest.bind(this),
    };
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
        map((res) => toRegistryResponse<T>(req, res, 'skip', this.config.secrets)),
      );
    });
  }

  /** Builds the immutable request value for `request`; throws `UsageError` on unusable arguments. */
  createRequest(method: string, where: string, what?: RequestPayload | null, etag?: string, nofollow = false): RegistryRequest {
    const url = resolveUrl(where, this.config.registry, this.config.scopeRegistries);
    const { body, contentType } = encodeBody(what);
    const headers: Record<string, string> = {};
    if (contentType) headers['content-type'] = contentType;
    const req = new RegistryRequest({ method, url, headers, body, nofollow, pkgid: pkgidOf(url, this.registries) });
    return etag ? req.clone({ setHeaders: { [req.isWrite ? 'if-match' : 'if-none-match']: etag } }) : req;
  }

  /**
   * Fetches a document (a packument, a version, any JSON path) through the
   * cache, with the seed's semantics: `timeout` seconds of freshness (clamped
   * to cache-min/cache-max), conditional revalidation, and with `staleOk` the
   * cached copy first and then the revalidated one. Also takes one options
   * object: `{ timeout, nofollow, staleOk, fullMetadata, preferOffline, preferOnline, offline }`.
   *
   * @example
   * client.get('/rxjs', { staleOk: true }).subscribe(({ data, cacheStatus }) => show(data, cacheStatus));
   */
  get<T = unknown>(url: string, timeoutOrOptions?: number | GetOptions, nofollow?: boolean, staleOk?: boolean): Observable<RegistryResponse<T>> {
    return get<T>(this.ops, url, timeoutOrOptions, nofollow, staleOk);
  }

  /**
   * A live view of a package: its packument now, then again each time it
   * changes, by conditional polling every `interval` ms (default 30 s).
   *
   * @example
   * client.watch('rxjs').pipe(map(({ data }) => data['dist-tags'].latest)).subscribe(console.log);
   */
  watch<T = unknown>(name: string, options?: WatchOptions): Observable<RegistryResponse<T>> {
    return watch<T>(this.ops, name, options);
  }

  /** Forgets every cached document of a package (done after each successful write to it). */
  private invalidate(pkgid: string): void {
    let url: string | undefined;
    try {
      url = resolveUrl(packagePath(pkgid), this.config.registry, this.config.scopeRegistries);
    } catch {
      // Not a package name (a path the caller wrote by hand): only this process's copies are dropped.
    }
    const variants = Object.keys(ACCEPT) as DocumentVariant[];
    this.cache.invalidate(pkgid, url ? variants.map((variant) => cacheKey(url, variant)) : []);
  }

  /** Waits for cache writes in progress, then closes the transport's sockets. Requests made afterwards fail. */
  async close(): Promise<void> {
    await this.cache.flush();
    await this.transport.close?.();
  }
}
