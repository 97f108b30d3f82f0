import { defer, map, mergeMap, type Observable } from 'rxjs';
import { UsageError } from '../errors/usage-error';
import type { RegistryResponse } from '../request/registry-response';
import { packagePath } from '../spec/package-path';
import { whoami } from './account';
import type { OperationContext } from './operation-context';
import { fetchForWrite } from './packument';
import { request } from './request';

/** Stars (`starred` true) or unstars a package for the logged-in user. */
export function star(ctx: OperationContext, pkg: string, starred: boolean): Observable<RegistryResponse> {
  return defer(() => {
    const path = packagePath(pkg);
    if (typeof starred !== 'boolean') throw new UsageError('star: starred must be true or false');
    return whoami(ctx).pipe(
      mergeMap((username) =>
        fetchForWrite(ctx, path).pipe(
          mergeMap((doc) => {
            const users = { ...doc.users };
            if (starred) users[username] = true;
            else delete users[username];
            return request(ctx, 'PUT', path, { _id: doc._id ?? pkg, _rev: doc._rev, users });
          }),
        ),
      ),
    );
  });
}

/** The names of the packages `username` starred. */
export function stars(ctx: OperationContext, username: string): Observable<string[]> {
  return defer(() => {
    if (typeof username !== 'string' || username === '') throw new UsageError('stars: username must be a non-empty string');
    const key = encodeURIComponent(JSON.stringify(username));
    return request<{ rows?: Array<{ value?: unknown; key?: unknown }> }>(ctx, 'GET', `/-/_view/starredByUser?key=${key}`).pipe(
      map(({ data }) => (data?.rows ?? []).map((row) => row.value).filter((name): name is string => typeof name === 'string')),
    );
  });
}
