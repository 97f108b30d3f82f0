import type { Observable } from 'rxjs';
import type { Session } from '../auth/session';
import type { DocumentCache } from '../cache/document-cache';
import type { NormalizedConfig } from '../config/normalized-config';
import type { HttpHandler } from '../request/interceptor';
import type { RegistryResponse } from '../request/registry-response';
import type { NetworkAnswer } from './network-answer';

/** What `get` does with the cache: read a document, keep a fetched one, renew a confirmed one. Writes reach it through the chain. */
export type OperationCache = Pick<DocumentCache, 'lookup' | 'unlessWrittenSince' | 'save' | 'refresh' | 'invalidatedAt'>;

/** Work shared by the subscribers who ask for the same thing at once (see `coalesce`). */
export interface Inflight {
  /** The network step of a GET, by cache key and request. */
  readonly gets: Map<string, Observable<NetworkAnswer>>;
  /** The poll of a `watch`, by package and settings; the caller names the type of its data. */
  readonly watches: Map<string, Observable<RegistryResponse>>;
}

/** What an operation may use of its client: the chain, the settings, the credentials learned, the cache and shared work. */
export interface OperationContext {
  readonly handle: HttpHandler;
  readonly config: NormalizedConfig;
  /** Credentials learned while running (adduser, logout) and every secret to mask. */
  readonly session: Session;
  readonly cache: OperationCache;
  readonly inflight: Inflight;
}
