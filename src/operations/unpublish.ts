import { catchError, defer, map, mergeMap, of, throwError, type Observable } from 'rxjs';
import semver from 'semver';
import { HttpError } from '../errors/http-error';
import { UsageError } from '../errors/usage-error';
import { packagePath } from '../spec/package-path';
import type { OperationContext } from './operation-context';
import { fetchForWrite, putDocument, type Packument } from './packument';
import { request } from './request';

export interface UnpublishResult {
  readonly name: string;
  /** The version removed, or undefined when the whole package was. */
  readonly version?: string;
  /** False when there was nothing to remove (the package or version did not exist). */
  readonly removed: boolean;
}

/** The document without `version`: its tags moved off it, `latest` to the highest version left. */
function withoutVersion(doc: Packument, version: string): Packument {
  const versions = { ...doc.versions };
  delete versions[version];
  const tags: Record<string, string> = {};
  for (const [tag, tagged] of Object.entries(doc['dist-tags'] ?? {})) if (tagged !== version) tags[tag] = tagged;
  if (!tags.latest) {
    const left = Object.keys(versions).filter((v) => semver.valid(v));
    tags.latest = semver.rsort(left.filter((v) => !semver.prerelease(v)))[0] ?? semver.rsort(left)[0];
  }
  const time = { ...doc.time };
  delete time[version];
  const { _attachments: _unused, ...rest } = doc;
  return { ...rest, versions, 'dist-tags': tags, time };
}

/**
 * Removes one version (its manifest, then its tarball) or, without a version
 * or when it is the last one, the whole package. Nothing to remove is not an
 * error: the result says `removed: false`.
 */
export function unpublish(ctx: OperationContext, name: string, version?: string): Observable<UnpublishResult> {
  return defer(() => {
    const path = packagePath(name);
    if (version !== undefined && (typeof version !== 'string' || semver.valid(version) === null)) {
      throw new UsageError(`unpublish: ${JSON.stringify(version)} is not a valid semver version`);
    }
    const wanted = version === undefined ? undefined : semver.clean(version)!;
    const missing = { name, version: wanted, removed: false };
    const removeAll = (doc: Packument) => request(ctx, 'DELETE', `${path}/-rev/${doc._rev}`).pipe(map(() => ({ name, removed: true })));

    return fetchForWrite(ctx, path).pipe(
      mergeMap((doc): Observable<UnpublishResult> => {
        const versions = Object.keys(doc.versions ?? {});
        if (wanted === undefined || (versions.length === 1 && versions[0] === wanted)) return removeAll(doc);
        const manifest = doc.versions?.[wanted];
        if (!manifest) return of(missing);
        const tarball = manifest.dist?.tarball;
        return putDocument(ctx, path, withoutVersion(doc, wanted)).pipe(
          mergeMap(() => (tarball ? fetchForWrite(ctx, path) : of(undefined))),
          mergeMap((updated) => {
            if (!updated || !tarball) return of(undefined);
            // As the seed's client did: the tarball's path on the registry, wherever the manifest says it is served from.
            const target = new URL(new URL(tarball).pathname, ctx.config.registry);
            return request(ctx, 'DELETE', `${target}/-rev/${updated._rev}`);
          }),
          map(() => ({ name, version: wanted, removed: true })),
        );
      }),
      catchError((error: unknown) => (error instanceof HttpError && error.statusCode === 404 ? of(missing) : throwError(() => error))),
    );
  });
}
