import { defer, map, type Observable } from 'rxjs';
import { BadResponseError } from '../errors/bad-response-error';
import { UsageError } from '../errors/usage-error';
import type { OperationContext } from './operation-context';
import { pathSegment } from './org';
import { request } from './request';

/** `@scope:team` (or `scope:team`) taken apart, as libnpmteam does. */
export function splitTeam(entity: unknown): { scope: string; team: string } {
  const match = typeof entity === 'string' ? /^@?([^:]+):(.+)$/.exec(entity) : null;
  if (!match) throw new UsageError(`team: ${JSON.stringify(entity)} is not scope:team`);
  return { scope: pathSegment('team', match[1]), team: pathSegment('team', match[2]) };
}

const teamPath = (entity: string): string => {
  const { scope, team } = splitTeam(entity);
  return `/-/team/${scope}/${team}`;
};

/** The names in a `?format=cli` listing: a list of strings. */
function names(data: unknown, what: string): string[] {
  if (!Array.isArray(data) || data.some((n) => typeof n !== 'string')) throw new BadResponseError(`the registry's ${what} is not a list of names`);
  return data.map(String);
}

/** Creates a team in an org (`PUT /-/org/{scope}/team` with `{ name, description }`). */
export function teamCreate(ctx: OperationContext, entity: string, description?: string): Observable<unknown> {
  return defer(() => {
    const { scope, team } = splitTeam(entity);
    return request(ctx, 'PUT', `/-/org/${scope}/team`, { name: team, description });
  }).pipe(map(({ data }) => data));
}

/** Deletes a team (`DELETE /-/team/{scope}/{team}`). */
export function teamDestroy(ctx: OperationContext, entity: string): Observable<void> {
  return defer(() => request(ctx, 'DELETE', teamPath(entity))).pipe(map(() => undefined));
}

/** Adds a user to a team (`PUT /-/team/{scope}/{team}/user` with `{ user }`). */
export function teamAdd(ctx: OperationContext, user: string, entity: string): Observable<unknown> {
  return defer(() => request(ctx, 'PUT', `${teamPath(entity)}/user`, { user: pathSegment('team', user) })).pipe(map(({ data }) => data));
}

/** Removes a user from a team (`DELETE /-/team/{scope}/{team}/user` with `{ user }`). */
export function teamRm(ctx: OperationContext, user: string, entity: string): Observable<void> {
  return defer(() => request(ctx, 'DELETE', `${teamPath(entity)}/user`, { user: pathSegment('team', user) })).pipe(map(() => undefined));
}

/** The teams of an org (`GET /-/org/{scope}/team?format=cli`). */
export function teamLs(ctx: OperationContext, scope: string): Observable<string[]> {
  return defer(() => request<unknown>(ctx, 'GET', `/-/org/${pathSegment('team', scope)}/team?format=cli`)).pipe(map(({ data }) => names(data, 'team list')));
}

/** The members of a team (`GET /-/team/{scope}/{team}/user?format=cli`). */
export function teamLsUsers(ctx: OperationContext, entity: string): Observable<string[]> {
  return defer(() => request<unknown>(ctx, 'GET', `${teamPath(entity)}/user?format=cli`)).pipe(map(({ data }) => names(data, 'team member list')));
}
