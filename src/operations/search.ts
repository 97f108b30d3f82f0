import { defer, map, type Observable } from 'rxjs';
import { UsageError } from '../errors/usage-error';
import type { OperationContext } from './operation-context';
import { request } from './request';

export interface SearchOptions {
  /** Results per page, at most 250. Default 20. */
  size?: number;
  /** Results to skip. Default 0. */
  from?: number;
  quality?: number;
  popularity?: number;
  maintenance?: number;
}

export interface SearchResult {
  readonly package: { name: string; version?: string; description?: string; [key: string]: unknown };
  readonly score?: unknown;
  readonly searchScore?: number;
  readonly [key: string]: unknown;
}

export interface SearchResults {
  readonly objects: SearchResult[];
  readonly total: number;
  readonly time?: string;
}

const MAX_SIZE = 250;

/** The registry's v1 search: packages matching `text`, a page at a time. */
export function search(ctx: OperationContext, text: string, options: SearchOptions = {}): Observable<SearchResults> {
  return defer(() => {
    if (typeof text !== 'string' || text.trim() === '') throw new UsageError('search: text must be a non-empty string');
    const { size = 20, from = 0, ...weights } = options;
    if (!Number.isInteger(size) || size < 1 || size > MAX_SIZE) throw new UsageError(`search: size must be an integer from 1 to ${MAX_SIZE}`);
    if (!Number.isInteger(from) || from < 0) throw new UsageError('search: from must be a non-negative integer');
    const query = new URLSearchParams({ text, size: String(size), from: String(from) });
    for (const [name, value] of Object.entries(weights)) if (value !== undefined) query.set(name, String(value));
    return request<Partial<SearchResults>>(ctx, 'GET', `/-/v1/search?${query}`).pipe(
      map(({ data }) => ({ objects: data?.objects ?? [], total: data?.total ?? data?.objects?.length ?? 0, time: data?.time })),
    );
  });
}
