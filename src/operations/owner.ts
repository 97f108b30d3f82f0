import { defer, map, mergeMap, of, type Observable } from 'rxjs';
import { UsageError } from '../errors/usage-error';
import type { RegistryResponse } from '../request/registry-response';
import { packagePath } from '../spec/package-path';
import type { OperationContext } from './operation-context';
import { fetchForWrite, type Maintainer } from './packument';
import { request } from './request';

function checkedUser(user: unknown): string {
  if (typeof user !== 'string' || user === '' || encodeURIComponent(user) !== user) throw new UsageError(`owner: ${JSON.stringify(user)} is not a user name`);
  return user;
}

function writeMaintainers(ctx: OperationContext, path: string, id: string | undefined, rev: string | undefined, maintainers: Maintainer[]) {
  return request(ctx, 'PUT', `${path}/-rev/${rev}`, { _id: id, _rev: rev, maintainers });
}

/** The package's owners (maintainers). */
export function ownerLs(ctx: OperationContext, pkg: string): Observable<Maintainer[]> {
  return defer(() => fetchForWrite(ctx, packagePath(pkg))).pipe(map((doc) => doc.maintainers ?? []));
}

/** Adds `user` (looked up for their e-mail) to the package's owners; already an owner is not an error. */
export function ownerAdd(ctx: OperationContext, pkg: string, user: string): Observable<RegistryResponse | Maintainer[]> {
  return defer(() => {
    const path = packagePath(pkg);
    const name = checkedUser(user);
    return request<{ name?: string; email?: string }>(ctx, 'GET', `/-/user/org.couchdb.user:${name}`).pipe(
      mergeMap(({ data }) =>
        fetchForWrite(ctx, path).pipe(
          mergeMap((doc) => {
            const maintainers = doc.maintainers ?? [];
            if (maintainers.some((m) => m.name === name)) return of(maintainers);
            return writeMaintainers(ctx, path, doc._id, doc._rev, [...maintainers, { name, email: data?.email }]);
          }),
        ),
      ),
    );
  });
}

/** Removes `user` from the package's owners; refuses to remove the last one. */
export function ownerRm(ctx: OperationContext, pkg: string, user: string): Observable<RegistryResponse | Maintainer[]> {
  return defer(() => {
    const path = packagePath(pkg);
    const name = checkedUser(user);
    return fetchForWrite(ctx, path).pipe(
      mergeMap((doc) => {
        const maintainers = doc.maintainers ?? [];
        const kept = maintainers.filter((m) => m.name !== name);
        if (kept.length === maintainers.length) return of(maintainers);
        if (kept.length === 0) throw new UsageError(`owner: cannot remove ${name}, the last owner of ${pkg}`);
        return writeMaintainers(ctx, path, doc._id, doc._rev, kept);
      }),
    );
  });
}
