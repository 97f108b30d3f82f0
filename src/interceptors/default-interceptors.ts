import type { AuthSettings } from '../auth/credentials';
import type { DocumentCache } from '../cache/document-cache';
import { invalidateInterceptor } from '../cache/invalidate-interceptor';
import { normalizeConfig } from '../config/normalize-config';
import type { NormalizedConfig } from '../config/normalized-config';
import type { RegistryClientConfig } from '../config/registry-client-config';
import type { Interceptor } from '../request/interceptor';
import { authInterceptor } from './auth';
import { checkResponseInterceptor } from './check-response';
import { headersInterceptor } from './headers';
import { logInterceptor } from './log';
import { otpInterceptor } from './otp';
import { redirectInterceptor } from './redirect';
import { retryInterceptor } from './retry';
import { timeoutInterceptor } from './timeout';

/** What the built-in interceptors read while a client runs, beyond its settings. */
export interface PipelineState {
  /** The credentials now and every secret to mask, read on each request (a login changes both). Default: the configured ones. */
  readonly session?: { readonly auth: AuthSettings; readonly secrets: readonly string[] };
  /** The cache a successful write invalidates. Default: none, nothing is invalidated. */
  readonly cache?: Pick<DocumentCache, 'invalidate'>;
}

/**
 * The client's own interceptors, outermost first: a retry re-runs everything
 * below it; a redirect re-runs headers and auth for the new URL, so
 * credentials are chosen for the host they go to. `RegistryClient` puts the
 * `interceptors` option in front of these; with `chain` you can build the
 * same pipeline around another transport, or insert your own at any depth.
 * Takes the client's options (`ConfigError` when they are unusable); without
 * a client's cache, a write invalidates nothing.
 *
 * @example
 * const options = { registry, cache: memoryStore() };
 * const handle = chain([...defaultInterceptors(options), myMetrics], defaultTransport(options));
 */
export function defaultInterceptors(options: RegistryClientConfig): Interceptor[] {
  return builtInInterceptors(normalizeConfig(options));
}

/** `defaultInterceptors` of settings already read, with the running client's session and cache. */
export function builtInInterceptors(config: NormalizedConfig, { session = config, cache }: PipelineState = {}): Interceptor[] {
  const { log, retry, otp, otpPrompt, userAgent, fetchTimeout } = config;
  return [
    retryInterceptor(retry, log),
    otpInterceptor(otp, otpPrompt),
    checkResponseInterceptor(session.secrets),
    ...(cache ? [invalidateInterceptor(cache, config)] : []),
    redirectInterceptor(),
    headersInterceptor(userAgent),
    authInterceptor(() => session.auth),
    logInterceptor(log),
    timeoutInterceptor(fetchTimeout),
  ];
}
