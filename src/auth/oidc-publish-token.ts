import { catchError, defer, map, mergeMap, of, type Observable } from 'rxjs';
import { RegistryError } from '../errors/registry-error';
import { createRequest } from '../request/create-request';
import { send } from '../request/send';
import type { OperationContext } from '../operations/operation-context';
import { packagePath } from '../spec/package-path';
import { credentialsFor } from './credentials-for';

/** The CI's identity, as GitHub Actions and GitLab CI hand it to a job. */
type CiEnv = Readonly<Record<string, string | undefined>>;

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * The CI's OIDC ID token for `audience`: GitLab CI (and any CI that follows
 * it) puts it in `NPM_ID_TOKEN`; GitHub Actions hands out a URL and a token to
 * ask for it with. `undefined` when the job has neither.
 */
function idToken(ctx: OperationContext, env: CiEnv, audience: string): Observable<string | undefined> {
  if (env.NPM_ID_TOKEN) return of(env.NPM_ID_TOKEN);
  const { ACTIONS_ID_TOKEN_REQUEST_URL: url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken } = env;
  if (!url || !requestToken) return of(undefined);
  return defer(() => {
    const where = new URL(url);
    where.searchParams.append('audience', audience);
    ctx.session.secrets.push(requestToken);
    const req = createRequest(ctx.config, 'GET', where.href).clone({ setHeaders: { accept: 'application/json', ...bearer(requestToken) } });
    return send<{ value?: unknown } | null>(ctx.handle, req, ctx.session.secrets);
  }).pipe(
    map(({ data }) => {
      if (typeof data?.value !== 'string' || data.value === '') throw new Error('the CI answered without an ID token');
      return data.value;
    }),
  );
}

function reasonOf(error: unknown): string {
  if (!(error instanceof RegistryError)) return error instanceof Error ? error.message : 'unknown error';
  return error.statusCode === undefined ? error.code : `${error.code}, ${error.statusCode} to ${error.method} ${error.url}`;
}

/**
 * Trusted publishing: in a CI job that can prove its identity (GitHub
 * Actions' ID-token request variables, or `NPM_ID_TOKEN`) and with no token
 * configured for the registry `name` publishes to, exchanges the CI's OIDC ID
 * token (audience `npm:<registry host>`) at the registry for a short-lived
 * publish token, as npm does. Emits that token, or `undefined` when there is
 * nothing to exchange or the exchange failed: then one warning says the
 * publish goes on with the configured credentials. The ID token goes only to
 * the CI's and the registry's own URLs, is masked in messages and is kept
 * nowhere.
 */
export function oidcPublishToken(ctx: OperationContext, name: string): Observable<string | undefined> {
  return defer(() => {
    // Not followed anywhere: the ID token is for this registry, and a token from elsewhere is not one to publish with.
    const exchange = createRequest(ctx.config, 'POST', `/-/npm/v1/oidc/token/exchange/package${packagePath(name)}`, undefined, undefined, true);
    if (credentialsFor(exchange.url, true, ctx.session.auth)?.type === 'bearer') return of(undefined);
    const registry = exchange.url.slice(0, exchange.url.indexOf('-/npm/v1/oidc/'));
    return idToken(ctx, ctx.config.env, `npm:${new URL(registry).hostname}`).pipe(
      mergeMap((id) => {
        if (id === undefined) return of(undefined);
        ctx.session.secrets.push(id);
        return send<{ token?: unknown } | null>(ctx.handle, exchange.clone({ setHeaders: bearer(id) }), ctx.session.secrets).pipe(
          map(({ data }) => {
            if (typeof data?.token !== 'string' || data.token === '') throw new Error('the registry answered the exchange without a token');
            ctx.session.secrets.push(data.token);
            return data.token;
          }),
        );
      }),
      catchError((error: unknown) => {
        const configured = credentialsFor(exchange.url, true, ctx.session.auth) ? 'the configured credentials' : 'no credentials (none are configured for it)';
        ctx.config.log.warn('publish', `trusted publishing failed (${reasonOf(error)}): publishing ${name} to ${registry} with ${configured}`);
        return of(undefined);
      }),
    );
  });
}
