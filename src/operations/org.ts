import { defer, map, type Observable } from 'rxjs';
import { BadResponseError } from '../errors/bad-response-error';
import { UsageError } from '../errors/usage-error';
import { ownValue } from '../util/own-record';
import { stringRecord } from '../util/string-record';
import type { OperationContext } from './operation-context';
import { request } from './request';

/** A member's role in an org. */
export type OrgRole = 'owner' | 'admin' | 'developer';
const ROLES: readonly OrgRole[] = ['owner', 'admin', 'developer'];

/** What the registry answers a membership change: the org's new size, the user and their role. */
export interface OrgMembership {
  readonly org: { readonly name: string; readonly size: number };
  readonly user: string;
  readonly role: OrgRole;
}

/**
 * A scope, org or user name for a registry path: npm takes it with or
 * without its `@` (or `~`), and it must be one URL-safe segment.
 */
export function pathSegment(what: string, value: unknown): string {
  const bare = typeof value === 'string' ? value.replace(/^[~@]/, '') : '';
  if (bare === '' || encodeURIComponent(bare) !== bare || bare === '.' || bare === '..') throw new UsageError(`${what}: ${JSON.stringify(value)} is not a name`);
  return bare;
}

/** The org's members and their roles (`GET /-/org/{org}/user`), as libnpmorg's `ls`. */
export function orgLs(ctx: OperationContext, org: string): Observable<Record<string, string>> {
  return defer(() => request<unknown>(ctx, 'GET', `/-/org/${pathSegment('org', org)}/user`)).pipe(
    map(({ data }) => stringRecord(data)),
  );
}

/** The registry's answer to a membership change, if it is one. */
function membershipOf(data: unknown): OrgMembership {
  const org = ownValue(data, 'org');
  const [name, size, user] = [ownValue(org, 'name'), ownValue(org, 'size'), ownValue(data, 'user')];
  const role = ROLES.find((r) => r === ownValue(data, 'role'));
  if (typeof name !== 'string' || typeof size !== 'number' || typeof user !== 'string' || role === undefined) {
    throw new BadResponseError("the registry's answer to an org membership change is not { org: { name, size }, user, role }");
  }
  return { org: { name, size }, user, role };
}

/** Adds `user` to the org, or changes their role (`PUT /-/org/{org}/user`, default `developer`, as npm). */
export function orgSet(ctx: OperationContext, org: string, user: string, role: OrgRole = 'developer'): Observable<OrgMembership> {
  return defer(() => {
    if (!ROLES.includes(role)) throw new UsageError('org: role must be one of owner, admin or developer');
    const path = `/-/org/${pathSegment('org', org)}/user`;
    return request<unknown>(ctx, 'PUT', path, { user: pathSegment('org', user), role });
  }).pipe(map(({ data }) => membershipOf(data)));
}

/** Removes `user` from the org (`DELETE /-/org/{org}/user` with `{ user }`). */
export function orgRm(ctx: OperationContext, org: string, user: string): Observable<void> {
  return defer(() => request(ctx, 'DELETE', `/-/org/${pathSegment('org', org)}/user`, { user: pathSegment('org', user) })).pipe(map(() => undefined));
}
