import type { Observable } from 'rxjs';
import type { Session } from '../auth/session';
import type { DocumentCache } from '../cache/document-cache';
import type { NormalizedConfig } from '../config/normalized-config';
import type { RequestPayload } from '../request/encode-body';
import type { HttpHandler } from '../request/interceptor';
import type { RegistryRequest } from '../request/registry-request';
import type { RegistryResponse } from '../request/registry-response';

/** What an operation may use of its client: the chain, the cache and the settings. */
export interface OperationContext {
  readonly config: NormalizedConfig;
  readonly handle: HttpHandler;
  readonly cache: DocumentCache;
  /** Shared in-flight work by key (coalescing). */
  readonly inflight: Map<string, Observable<never>>;
  /** Credentials learned while running (adduser, logout) and every secret to mask. */
  readonly session: Session;
  createRequest(method: string, where: string, what?: RequestPayload | null, etag?: string, nofollow?: boolean): RegistryRequest;
  /** The seed's request: through the chain, parsed, not cached. */
  request<T = unknown>(method: string, where: string, what?: RequestPayload | null, etag?: string, nofollow?: boolean): Observable<RegistryResponse<T>>;
}
