import { asyncScheduler, catchError, defer, map, mergeMap, of, throwError, type Observable } from 'rxjs';
import { credentialsFor } from '../auth/credentials-for';
import { HttpError } from '../errors/http-error';
import { NeedAuthError } from '../errors/need-auth-error';
import { NoTokenError } from '../errors/no-token-error';
import { UsageError } from '../errors/usage-error';
import { createRequest } from '../request/create-request';
import { send } from '../request/send';
import type { OperationContext } from './operation-context';
import { request } from './request';

export interface AdduserResult {
  readonly ok: unknown;
  readonly token: string;
  readonly username: string;
}

/** What a login goes on with when the registry does not show the user document: none, so the PUT writes a new one. */
interface NoUserDocument {
  readonly data: Record<string, unknown>;
}

function requireText(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`${name} must be a non-empty string`);
  return value;
}

/**
 * Creates the account, or logs in when it exists (the classic CouchDB flow:
 * read the user document, write it back with Basic auth). The token the
 * registry returns is used by this client from then on.
 */
export function adduser(ctx: OperationContext, username: string, password: string, email: string): Observable<AdduserResult> {
  return defer(() => {
    const name = requireText('username', username);
    const secret = requireText('password', password);
    const path = `/-/user/org.couchdb.user:${encodeURIComponent(name)}`;
    const body = { _id: `org.couchdb.user:${name}`, name, password: secret, email, type: 'user', roles: [], date: new Date(asyncScheduler.now()).toISOString() };
    ctx.session.secrets.push(secret);
    const basic = `Basic ${Buffer.from(`${name}:${secret}`, 'utf8').toString('base64')}`;
    const withBasic = (method: string, where: string, what?: object) =>
      send<Record<string, unknown>>(ctx.handle, createRequest(ctx.config, method, where, what).clone({ setHeaders: { authorization: basic } }), ctx.session.secrets);

    const login = () =>
      withBasic('GET', `${path}?write=true`).pipe(
        // Registries that do not show user documents still log in with the PUT below; a network failure is not that.
        catchError((error: unknown) => (error instanceof HttpError ? of<NoUserDocument>({ data: {} }) : throwError(() => error))),
        mergeMap(({ data }) => {
          const merged = { ...data, ...body, roles: data.roles ?? [] };
          return withBasic('PUT', typeof data._rev === 'string' ? `${path}/-rev/${data._rev}` : path, merged);
        }),
      );

    return request<Record<string, unknown>>(ctx, 'PUT', path, body).pipe(
        catchError((error: unknown) => (error instanceof HttpError && error.statusCode === 409 ? login() : throwError(() => error))),
        map(({ data }) => {
          const token = typeof data?.token === 'string' ? data.token : undefined;
          if (!token) throw new NoTokenError(`the registry accepted ${name} but sent no token`, { method: 'PUT' });
          ctx.session.useToken(ctx.config.registry, token);
          return { ok: data.ok ?? true, token, username: name };
        }),
      );
  });
}

const NEED_AUTH = 'the registry does not know who you are: log in (adduser) or configure a token';

/**
 * The user the registry knows this client as; ENEEDAUTH when it knows none:
 * the public registry answers 401 to no or a revoked token, Verdaccio 200 `{}`.
 */
export function whoami(ctx: OperationContext): Observable<string> {
  return request<{ username?: unknown }>(ctx, 'GET', '/-/whoami').pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpError) || error.code !== 'E401') return throwError(() => error);
      const { method, url, statusCode } = error;
      return throwError(() => new NeedAuthError(NEED_AUTH, { method, url, statusCode, cause: error }));
    }),
    map(({ data }) => {
      if (typeof data?.username === 'string' && data.username) return data.username;
      throw new NeedAuthError(NEED_AUTH, {});
    }),
  );
}

/** Checks the registry answers, and that writes would reach it (`?write=true`). */
export function ping(ctx: OperationContext): Observable<unknown> {
  return request(ctx, 'GET', '/-/ping?write=true').pipe(map(({ data }) => data ?? {}));
}

/** Revokes the token this client uses for its registry and stops using it. */
export function logout(ctx: OperationContext): Observable<void> {
  return defer(() => {
    const { registry } = ctx.config;
    const credentials = credentialsFor(registry, true, ctx.session.auth);
    const token = ctx.session.tokenFor(registry) ?? (credentials?.type === 'bearer' ? credentials.token : undefined);
    if (!token) throw new NeedAuthError('not logged in: there is no token to revoke', {});
    return request(ctx, 'DELETE', `/-/user/token/${encodeURIComponent(token)}`).pipe(map(() => ctx.session.forget(registry)));
  });
}
