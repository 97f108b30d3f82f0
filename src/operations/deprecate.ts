import { defer, mergeMap, type Observable } from 'rxjs';
import semver from 'semver';
import { NoMatchingVersionError } from '../errors/no-matching-version-error';
import { UsageError } from '../errors/usage-error';
import type { RegistryResponse } from '../request/registry-response';
import { packagePath } from '../spec/package-path';
import type { OperationContext } from './operation-context';
import { fetchForWrite, putDocument } from './packument';

/**
 * Marks every version in `range` deprecated with `message`; an empty message
 * lifts the deprecation. No version in range is ETARGET.
 */
export function deprecate(ctx: OperationContext, pkg: string, range: string, message: string): Observable<RegistryResponse> {
  return defer(() => {
    const path = packagePath(pkg);
    if (typeof range !== 'string' || semver.validRange(range) === null) throw new UsageError(`deprecate: ${JSON.stringify(range)} is not a version range`);
    if (typeof message !== 'string') throw new UsageError('deprecate: message must be a string ("" lifts the deprecation)');
    return fetchForWrite(ctx, path).pipe(
      mergeMap((doc) => {
        const matching = Object.keys(doc.versions ?? {}).filter((v) => semver.satisfies(v, range, { includePrerelease: true }));
        if (matching.length === 0) throw new NoMatchingVersionError(`${pkg} has no version in ${range} to deprecate`, { pkgid: pkg });
        for (const version of matching) doc.versions![version].deprecated = message;
        const { _attachments: _unused, ...rest } = doc;
        return putDocument(ctx, path, rest);
      }),
    );
  });
}
