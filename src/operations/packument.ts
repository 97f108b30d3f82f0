import { map, type Observable } from 'rxjs';
import { TooDeepError } from '../errors/too-deep-error';
import type { RegistryResponse } from '../request/registry-response';
import { MAX_JSON_DEPTH, nestedDeeperThan } from '../util/json-depth';
import type { OperationContext } from './operation-context';
import { request } from './request';

/** One version's manifest as the registry stores it. */
export interface Manifest {
  name: string;
  version: string;
  deprecated?: string;
  dist?: { tarball?: string; shasum?: string; integrity?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface Maintainer {
  name: string;
  email?: string;
}

/** A package document (packument) as read for a write: with its revision. */
export interface Packument {
  _id?: string;
  _rev?: string;
  name: string;
  'dist-tags'?: Record<string, string>;
  versions?: Record<string, Manifest>;
  time?: Record<string, string>;
  maintainers?: Maintainer[];
  users?: Record<string, boolean>;
  _attachments?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * The package document straight from the registry, past every cache
 * (`?write=true`), with the `_rev` a write must name. A copy the caller may change.
 */
export function fetchForWrite(ctx: OperationContext, path: string): Observable<Packument> {
  return request<Packument>(ctx, 'GET', `${path}?write=true`).pipe(
    map(({ data }) => {
      // structuredClone recurses: a document nested without bound would overflow it.
      if (nestedDeeperThan(data)) throw new TooDeepError(MAX_JSON_DEPTH, `the document at ${path}`, { method: 'GET', pkgid: decodeURIComponent(path.slice(1)) });
      return structuredClone(data);
    }),
  );
}

/** Writes a changed document back under the revision it was read at (`PUT /name/-rev/rev`). */
export function putDocument(ctx: OperationContext, path: string, doc: Packument): Observable<RegistryResponse> {
  return request(ctx, 'PUT', doc._rev ? `${path}/-rev/${doc._rev}` : path, doc);
}
