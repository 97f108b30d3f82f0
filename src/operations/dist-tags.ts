import { catchError, defer, map, mergeMap, throwError, type Observable } from 'rxjs';
import semver from 'semver';
import { HttpError } from '../errors/http-error';
import { NoMatchingVersionError } from '../errors/no-matching-version-error';
import { UsageError } from '../errors/usage-error';
import type { RegistryResponse } from '../request/registry-response';
import { checkedDistTag } from '../spec/checked-dist-tag';
import { packagePath } from '../spec/package-path';
import type { OperationContext } from './operation-context';
import { request } from './request';

export type DistTags = Record<string, string>;

function tagPath(pkg: string, tag?: string): string {
  const base = `/-/package/${packagePath(pkg).slice(1)}/dist-tags`;
  return tag === undefined ? base : `${base}/${checkedDistTag(tag)}`;
}

function checkedVersion(version: unknown): string {
  if (typeof version !== 'string' || semver.valid(version) === null) throw new UsageError(`${JSON.stringify(version)} is not a valid semver version`);
  return semver.clean(version)!;
}

/** The package's dist-tags, `{ latest: '1.2.3', … }`. */
export function fetchDistTags(ctx: OperationContext, pkg: string): Observable<DistTags> {
  return defer(() => request<DistTags>(ctx, 'GET', tagPath(pkg))).pipe(map(({ data }) => ({ ...(data ?? {}) })));
}

/**
 * Points `tag` at `version`. A version the package does not have is ETARGET,
 * not the registry's bare 404.
 */
export function addDistTag(ctx: OperationContext, pkg: string, version: string, tag: string): Observable<RegistryResponse> {
  return defer(() => request(ctx, 'PUT', tagPath(pkg, tag), JSON.stringify(checkedVersion(version)))).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpError) || error.statusCode !== 404) return throwError(() => error);
      return request<{ versions?: Record<string, unknown> }>(ctx, 'GET', `${packagePath(pkg)}?write=true`).pipe(
        mergeMap(({ data }) => {
          if (data?.versions && !(semver.clean(version)! in data.versions)) {
            return throwError(() => new NoMatchingVersionError(`${pkg} has no version ${version} to tag as ${tag}`, { method: 'PUT', pkgid: pkg, statusCode: 404, cause: error }));
          }
          return throwError(() => error);
        }),
      );
    }),
  );
}

/** Removes a dist-tag. `latest` cannot be removed: a package must keep one. */
export function removeDistTag(ctx: OperationContext, pkg: string, tag: string): Observable<RegistryResponse> {
  return defer(() => {
    if (tag === 'latest') throw new UsageError('the latest tag cannot be removed; point it at another version instead');
    return request(ctx, 'DELETE', tagPath(pkg, tag));
  });
}

/** Replaces all of the package's dist-tags with `tags`. */
export function setDistTags(ctx: OperationContext, pkg: string, tags: DistTags): Observable<RegistryResponse> {
  return defer(() => {
    const checked: DistTags = {};
    for (const [tag, version] of Object.entries(tags ?? {})) {
      tagPath(pkg, tag);
      checked[tag] = checkedVersion(version);
    }
    return request(ctx, 'PUT', tagPath(pkg), checked);
  });
}
