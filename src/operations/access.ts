import { catchError, defer, map, throwError, type Observable } from 'rxjs';
import { HttpError } from '../errors/http-error';
import { UsageError } from '../errors/usage-error';
import { ownValue } from '../util/own-record';
import { stringRecord } from '../util/string-record';
import type { RegistryResponse } from '../request/registry-response';
import { packagePath } from '../spec/package-path';
import type { OperationContext } from './operation-context';
import { pathSegment } from './org';
import { request } from './request';
import { splitTeam } from './team';

export type Access = 'public' | 'restricted';

/** Sets who may install a package. Only scoped packages can be restricted. */
export function setAccess(ctx: OperationContext, pkg: string, access: Access): Observable<RegistryResponse> {
  return defer(() => {
    const path = packagePath(pkg);
    if (access === 'restricted' && !pkg.startsWith('@')) throw new UsageError(`access: ${pkg} is not scoped, so it cannot be restricted`);
    return request(ctx, 'POST', `/-/package/${path.slice(1)}/access`, { access });
  });
}

/** What a team or user may do with a package, as the registry lists it (`read`/`write`) or as npm grants it. */
export type Permission = 'read-only' | 'read-write';

/** Who must give a one-time password to publish: nobody, every publisher, or every publisher but automation tokens. */
export type MfaLevel = 'none' | 'publish' | 'automation';

/**
 * The packages a user, org (`scope`) or team (`scope:team`) can reach, with
 * the registry's permission for each (`read` or `write`), as libnpmaccess's
 * `getPackages`: an org that is not one is asked about as a user.
 */
export function accessListPackages(ctx: OperationContext, owner: string): Observable<Record<string, string>> {
  return defer(() => {
    const [scope, team] = owner.replace(/^@/, '').split(':');
    const bare = pathSegment('access', scope);
    const asOwner = team === undefined ? `/-/org/${bare}/package` : `/-/team/${bare}/${pathSegment('access', team)}/package`;
    return request<unknown>(ctx, 'GET', asOwner).pipe(
      catchError((error: unknown) => (error instanceof HttpError && error.statusCode === 404 && team === undefined ? request<unknown>(ctx, 'GET', `/-/user/${bare}/package`) : throwError(() => error))),
    );
  }).pipe(map(({ data }) => stringRecord(data)));
}

/** The users who may change a package, with their permission (`GET /-/package/{name}/collaborators`). */
export function accessListCollaborators(ctx: OperationContext, pkg: string): Observable<Record<string, string>> {
  return defer(() => request<unknown>(ctx, 'GET', `/-/package/${packagePath(pkg).slice(1)}/collaborators`)).pipe(map(({ data }) => stringRecord(data)));
}

/** Who may install a package (`GET /-/package/{name}/visibility`). */
export function accessGet(ctx: OperationContext, pkg: string): Observable<Access> {
  return defer(() => request<unknown>(ctx, 'GET', `/-/package/${packagePath(pkg).slice(1)}/visibility`)).pipe(map(({ data }) => (ownValue(data, 'public') === true ? 'public' : 'restricted')));
}

/** Sets who must give a one-time password to publish the package, as libnpmaccess's `setMfa`. */
export function accessMfa(ctx: OperationContext, pkg: string, level: MfaLevel): Observable<RegistryResponse> {
  return defer(() => {
    const bodies: Record<MfaLevel, object> = {
      none: { publish_requires_tfa: false },
      publish: { publish_requires_tfa: true, automation_token_overrides_tfa: false },
      automation: { publish_requires_tfa: true, automation_token_overrides_tfa: true },
    };
    if (!Object.hasOwn(bodies, level)) throw new UsageError(`access: mfa must be none, publish or automation, not ${JSON.stringify(level)}`);
    return request(ctx, 'POST', `/-/package/${packagePath(pkg).slice(1)}/access`, bodies[level]);
  });
}

/** Gives a team `read-only` or `read-write` access to a package (`PUT /-/team/{scope}/{team}/package`). */
export function accessGrant(ctx: OperationContext, permissions: Permission, entity: string, pkg: string): Observable<RegistryResponse> {
  return defer(() => {
    if (permissions !== 'read-only' && permissions !== 'read-write') throw new UsageError('access: grant must be either read-only or read-write');
    packagePath(pkg);
    const { scope, team } = splitTeam(entity);
    return request(ctx, 'PUT', `/-/team/${scope}/${team}/package`, { package: pkg, permissions });
  });
}

/** Takes a team's access to a package away (`DELETE /-/team/{scope}/{team}/package`). */
export function accessRevoke(ctx: OperationContext, entity: string, pkg: string): Observable<RegistryResponse> {
  return defer(() => {
    packagePath(pkg);
    const { scope, team } = splitTeam(entity);
    return request(ctx, 'DELETE', `/-/team/${scope}/${team}/package`, { package: pkg });
  });
}
