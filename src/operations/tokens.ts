import { concat, defer, EMPTY, from, map, mergeMap, type Observable } from 'rxjs';
import { UsageError } from '../errors/usage-error';
import type { OperationContext } from './operation-context';
import { request } from './request';

/** One token of the logged-in user, as `GET /-/npm/v1/tokens` lists it: `token` is only the start of the secret. */
export interface TokenInfo {
  /** The token's id (a hash of it): what `revoke` takes. */
  readonly key: string;
  /** The first characters of the token. */
  readonly token: string;
  readonly name?: string;
  readonly readonly?: boolean;
  readonly cidr_whitelist?: readonly string[] | null;
  readonly created?: string;
  readonly updated?: string;
  readonly expires?: string | null;
}

/** What `tokens.create` asks for: the account's password, and optionally a read-only token or one usable only from some IPv4 ranges. */
export interface TokenCreateOptions {
  readonly password: string;
  readonly readonly?: boolean;
  /** IPv4 CIDR ranges the token may be used from. */
  readonly cidr?: readonly string[];
}

/** The token just made: `token` is the whole secret, shown this once. */
export interface CreatedToken extends TokenInfo {
  readonly token: string;
}

interface TokenPage {
  readonly objects?: readonly TokenInfo[];
  readonly urls?: { readonly next?: string | null };
}

const TOKENS = '/-/npm/v1/tokens';

/**
 * The user's tokens, one by one, page after page through `urls.next`. The
 * next page is asked for only once every token of this one was taken, so
 * unsubscribing (or `take(n)`) stops the paging.
 */
export function listTokens(ctx: OperationContext): Observable<TokenInfo> {
  const pages = (href: string): Observable<TokenInfo> =>
    request<TokenPage>(ctx, 'GET', href).pipe(
      mergeMap(({ data }) => {
        const next = data?.urls?.next;
        return concat(from(data?.objects ?? []), next ? defer(() => pages(next)) : EMPTY);
      }),
    );
  return defer(() => pages(TOKENS));
}

/** Makes a token; the registry asks for the password (and, with two-factor auth, a one-time password). */
export function createToken(ctx: OperationContext, { password, readonly = false, cidr = [] }: TokenCreateOptions): Observable<CreatedToken> {
  return defer(() => {
    if (typeof password !== 'string' || password === '') throw new UsageError('tokens.create: password must be a non-empty string');
    ctx.session.secrets.push(password);
    return request<CreatedToken>(ctx, 'POST', TOKENS, { password, readonly, cidr_whitelist: [...cidr] });
  }).pipe(
    map(({ data }) => {
      ctx.session.secrets.push(data.token);
      return data;
    }),
  );
}

/** Revokes a token by its key (as `list` shows it) or by the token itself. */
export function revokeToken(ctx: OperationContext, keyOrToken: string): Observable<void> {
  return defer(() => {
    if (typeof keyOrToken !== 'string' || keyOrToken === '') throw new UsageError('tokens.revoke: give the key or the token to revoke');
    return request(ctx, 'DELETE', `${TOKENS}/token/${encodeURIComponent(keyOrToken)}`);
  }).pipe(map(() => undefined));
}
