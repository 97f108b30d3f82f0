import { asyncScheduler, catchError, concat, defer, from, map, mergeMap, of, take, throwError, timer, type Observable, type ObservableInput, type SchedulerLike } from 'rxjs';
import { BadResponseError } from '../errors/bad-response-error';
import { HttpError } from '../errors/http-error';
import { NoTokenError } from '../errors/no-token-error';
import { WebLoginUnsupportedError } from '../errors/web-login-unsupported-error';
import type { RegistryResponse } from '../request/registry-response';
import { registryLink } from '../request/registry-link';
import { parseRetryAfter } from '../retry/retry-after';
import { adduser } from './account';
import type { OperationContext } from './operation-context';
import { request } from './request';

/** What a web login emits: first the page the user must open, then the token once they have logged in there. */
export type WebLoginEvent =
  | { readonly type: 'login-url'; readonly loginUrl: string }
  | { readonly type: 'logged-in'; readonly token: string; readonly username?: string };

/** A user name and password for the classic login, when the registry has no web login. */
export interface ClassicCredentials {
  readonly username: string;
  readonly password: string;
  readonly email?: string;
}

export interface WebLoginOptions {
  /** Asked for credentials when the registry has no web login; the classic (CouchDB) login then runs with them. Without it, that is ENOWEBLOGIN. */
  readonly classic?: () => ObservableInput<ClassicCredentials>;
  /** Where the waits between polls are timed (tests pass a TestScheduler). */
  readonly scheduler?: SchedulerLike;
}

/** The wait between polls of `doneUrl` when a 202 names none (npm asks again at once, which hammers the registry). */
export const WEB_LOGIN_POLL_INTERVAL = 1000;

interface LoginUrls {
  readonly loginUrl?: unknown;
  readonly doneUrl?: unknown;
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** As npm-profile: any 4xx, or a 500, to the first POST means the registry has no web login. */
function isUnsupported(error: unknown): error is HttpError {
  return error instanceof HttpError && ((error.statusCode >= 400 && error.statusCode < 500) || error.statusCode === 500);
}

function pollDone(ctx: OperationContext, doneUrl: string, scheduler: SchedulerLike): Observable<WebLoginEvent> {
  const answer = ({ statusCode, headers, data }: RegistryResponse<{ token?: unknown; username?: unknown } | null>): Observable<WebLoginEvent> => {
    if (statusCode === 202) {
      const wait = parseRetryAfter(headers['retry-after'], scheduler.now()) || WEB_LOGIN_POLL_INTERVAL;
      return timer(wait, scheduler).pipe(mergeMap(() => pollDone(ctx, doneUrl, scheduler)));
    }
    if (statusCode !== 200) throw new BadResponseError(`web login: ${doneUrl} answered ${statusCode}, expected 200 or 202`, { method: 'GET', statusCode });
    if (typeof data?.token !== 'string' || data.token === '') throw new NoTokenError('web login: the registry said the login is done but sent no token', { method: 'GET' });
    ctx.session.useToken(ctx.config.registry, data.token);
    return of({ type: 'logged-in', token: data.token, ...(typeof data.username === 'string' ? { username: data.username } : {}) });
  };
  return request<{ token?: unknown; username?: unknown } | null>(ctx, 'GET', doneUrl).pipe(mergeMap(answer));
}

function classicLogin(ctx: OperationContext, credentials: ObservableInput<ClassicCredentials>): Observable<WebLoginEvent> {
  return from(credentials).pipe(
    take(1),
    mergeMap(({ username, password, email }) => adduser(ctx, username, password, email ?? ctx.config.email ?? '')),
    map(({ token, username }): WebLoginEvent => ({ type: 'logged-in', token, username })),
  );
}

/**
 * Logs in through the browser, as `npm login` does by default: `POST
 * /-/v1/login` gives a page for the user (emitted as `login-url`) and a URL to
 * poll, answered 202 (with Retry-After) until the user is done and then 200
 * with the token, which the client uses from then on. Unsubscribing stops the
 * polling. A `doneUrl` on another host than the registry is EBADRESPONSE,
 * and is never polled. A registry without web login falls back to `options.classic`.
 *
 * @example
 * client.loginWeb().subscribe((event) => event.type === 'login-url' ? console.log(`Login at:\n${event.loginUrl}`) : save(event.token));
 */
export function loginWeb(ctx: OperationContext, options: WebLoginOptions = {}, create = false): Observable<WebLoginEvent> {
  const scheduler = options.scheduler ?? asyncScheduler;
  const web = defer(() => request<LoginUrls | null>(ctx, 'POST', '/-/v1/login', create ? { create: true } : {})).pipe(
    catchError((error: unknown) => {
      if (!isUnsupported(error)) return throwError(() => error);
      const { method, url, statusCode, body } = error;
      return throwError(() => new WebLoginUnsupportedError(`the registry has no web login (${statusCode} to POST /-/v1/login)`, { method, url, statusCode, body, cause: error }));
    }),
    mergeMap(({ data }) => {
      const { loginUrl, doneUrl } = data ?? {};
      if (!isHttpUrl(loginUrl) || !isHttpUrl(doneUrl)) throw new BadResponseError('web login: the registry sent no usable loginUrl and doneUrl', { method: 'POST', body: data });
      // The token comes from doneUrl: polled on another host, that host would choose whose account the user is logged in to.
      const done = registryLink(doneUrl, ctx.config.registry, 'doneUrl');
      return concat(of<WebLoginEvent>({ type: 'login-url', loginUrl }), pollDone(ctx, done, scheduler));
    }),
  );
  const { classic } = options;
  if (!classic) return web;
  return web.pipe(catchError((error: unknown) => (error instanceof WebLoginUnsupportedError ? classicLogin(ctx, defer(classic)) : throwError(() => error))));
}
