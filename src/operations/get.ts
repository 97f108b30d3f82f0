import { asyncScheduler, concat, defer, map, mergeMap, of, tap, throwError, type Observable } from 'rxjs';
import { ACCEPT } from '../cache/accept';
import type { CachedDocument, DocumentVariant } from '../cache/cache-entry';
import { decide, maxAgeMs } from '../cache/cache-policy';
import { coalesce } from '../cache/coalesce';
import { deepFreeze } from '../cache/deep-freeze';
import { keptHeaders, type CachedCopy } from '../cache/document-cache';
import { documentKeys } from '../cache/document-keys';
import { errorDetails } from '../errors/error-details';
import { NotCachedError } from '../errors/not-cached-error';
import { BadResponseError } from '../errors/bad-response-error';
import { logCacheUse } from '../interceptors/log';
import { createRequest } from '../request/create-request';
import type { RegistryRequest } from '../request/registry-request';
import { asResponseOf, type CacheStatus, type RegistryResponse } from '../request/registry-response';
import { receive, send } from '../request/send';
import { normalizeGetOptions, type GetOptions } from './get-options';
import type { NetworkAnswer } from './network-answer';
import type { OperationContext } from './operation-context';

function fromDocument<T>(doc: CachedDocument, cacheStatus: CacheStatus): RegistryResponse<T> {
  return asResponseOf<T>({ data: doc.data, raw: doc.raw, statusCode: doc.meta.statusCode, headers: doc.meta.headers, cacheStatus });
}

function fromAnswer<T>({ doc, response, status }: NetworkAnswer): RegistryResponse<T> {
  return doc ? fromDocument<T>(doc, status) : asResponseOf<T>({ ...response!, cacheStatus: status });
}

/**
 * Asks the registry for a document, conditionally when there is a copy, and
 * updates the cache with the answer: a 200 is saved, a 304 renews the copy.
 */
function askRegistry(ctx: OperationContext, req: RegistryRequest, key: string, variant: DocumentVariant, cached: CachedCopy | undefined): Observable<NetworkAnswer> {
  const conditions: Record<string, string> = {};
  if (cached?.meta.headers.etag) conditions['if-none-match'] = cached.meta.headers.etag;
  if (cached?.meta.headers['last-modified']) conditions['if-modified-since'] = cached.meta.headers['last-modified'];
  const sent = Object.keys(conditions).length ? req.clone({ setHeaders: conditions }) : req;

  return defer(() => {
    // An answer to a request sent before a write to the package succeeded shows the package as it was: it goes to
    // its subscribers but must not renew or replace the cache, or a get after the write could return the old document.
    const sentAt = asyncScheduler.now();
    const outdated = () => (ctx.cache.invalidatedAt(req.pkgid) ?? Number.NEGATIVE_INFINITY) > sentAt;
    return receive(ctx.handle, sent, ctx.session.secrets).pipe(
      mergeMap(({ response, body }): Observable<NetworkAnswer> => {
        if (response.statusCode === 304) {
          // A 304 carries no body: without our copy there is nothing to show.
          if (!cached) throw new BadResponseError(`${req.method} ${errorDetails(req).url} answered 304 to an unconditional request`, errorDetails(req, { statusCode: 304 }));
          return cached.document.pipe(
            mergeMap((doc): Observable<NetworkAnswer> => {
              // The copy the registry confirmed turned out unusable on disk (and is gone): ask for the document itself.
              if (!doc) return askRegistry(ctx, req, key, variant, undefined);
              if (outdated()) return of({ doc, status: 'revalidated' });
              return of({ doc: ctx.cache.refresh(doc, response.headers, sentAt), status: 'revalidated' });
            }),
          );
        }
        const storable = response.statusCode === 200 && !/no-store/i.test(response.headers['cache-control'] ?? '');
        // Not stored, but still shared by every coalesced subscriber: frozen like a stored document.
        if (!storable) return of({ response: { ...response, data: deepFreeze(response.data) }, status: 'skip' });
        if (outdated()) return of({ response: { ...response, data: deepFreeze(response.data) }, status: cached ? 'updated' : 'miss' });
        // Dated when it was asked for, not when it arrived: another process's write marker newer than the request
        // then outdates it, however slowly the answer came.
        const meta = { url: req.url, variant, statusCode: 200, headers: keptHeaders(response.headers), storedAt: sentAt, pkgid: req.pkgid };
        return ctx.cache.save(key, meta, body, response.raw, response.data, cached?.meta).pipe(map((doc): NetworkAnswer => ({ doc, status: cached ? 'updated' : 'miss' })));
      }),
    );
  });
}

/**
 * Fetches a document with the seed's cache semantics: a fresh copy answers
 * alone (`hit`); an older one is revalidated (`revalidated`/`updated`); with
 * `staleOk` the old copy is emitted first (`stale`), then the revalidated one.
 * Concurrent identical GETs share one request.
 *
 * @example
 * client.get('/rxjs', { staleOk: true }).subscribe(({ data, cacheStatus }) => render(data, cacheStatus));
 */
export function get<T = unknown>(ctx: OperationContext, url: string, timeoutOrOptions?: number | GetOptions, nofollow?: boolean, staleOk?: boolean): Observable<RegistryResponse<T>> {
  return defer(() => {
    const options = normalizeGetOptions(timeoutOrOptions, nofollow, staleOk, ctx.config.cacheModes);
    const variant: DocumentVariant = options.fullMetadata ? 'full' : 'corgi';
    const base = createRequest(ctx.config, 'GET', url, undefined, undefined, options.nofollow);
    const req = base.clone({ setHeaders: { accept: ACCEPT[variant] } });
    const key = documentKeys(req.url)[variant];
    const bypass = new URL(req.url).searchParams.get('write') === 'true';
    const mode = { ...options, bypass, maxAge: maxAgeMs(options.timeout, ctx.config.cacheMin, ctx.config.cacheMax) };
    const network = (cached: CachedCopy | undefined) =>
      coalesce(ctx.inflight.gets, `${key}:${options.nofollow}:${ctx.cache.invalidatedAt(req.pkgid) ?? ''}`, () => askRegistry(ctx, req, key, variant, cached)).pipe(map((answer) => fromAnswer<T>(answer)));
    /** Decided on the copy's record alone, so a revalidation's request leaves before its body is parsed. */
    const answer = (copy: CachedCopy | undefined): Observable<RegistryResponse<T>> => {
      const decision = decide(copy?.meta.storedAt, asyncScheduler.now(), mode);
      switch (decision) {
        case 'not-cached':
          return throwError(() => new NotCachedError(errorDetails(req)));
        case 'hit':
        case 'stale-while-revalidate':
          // Served before the registry is asked: another process's write may have outdated it. A copy that is, or
          // whose body turns out unusable, leaves nothing: decided again, as if there had been none.
          return ctx.cache.unlessWrittenSince(copy!, req.pkgid).pipe(
            mergeMap((current) => current?.document ?? of(undefined)),
            mergeMap((doc) => {
              if (!doc) return answer(undefined);
              return decision === 'hit' ? of(fromDocument<T>(doc, 'hit')) : concat(of(fromDocument<T>(doc, 'stale')), network(copy));
            }),
          );
        default:
          return network(copy);
      }
    };

    if (bypass && !options.offline) {
      return send<T>(ctx.handle, req, ctx.session.secrets);
    }
    const start = asyncScheduler.now();
    return ctx.cache.lookup(key).pipe(
      mergeMap(answer),
      tap(({ cacheStatus }) => logCacheUse(ctx.config.log, req.url, asyncScheduler.now() - start, cacheStatus)),
    );
  });
}
