import { concat, defer, from, map, mergeMap, type Observable } from 'rxjs';
import { BadResponseError } from '../errors/bad-response-error';
import { NoTokenError } from '../errors/no-token-error';
import { UsageError } from '../errors/usage-error';
import { registryLink } from '../request/registry-link';
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

/** Who a token's packages, scopes or organisations permission lets do what (npm's granular access tokens). */
export type TokenPermission = 'read-only' | 'read-write' | 'no-access';

/**
 * What `tokens.create` asks for: the account's password, and what npm 11's
 * `token create` can ask of a granular token. Only what is given is sent
 * (`name: null` is sent as npm sends it when no name is set).
 */
export interface TokenCreateOptions {
  readonly password: string;
  readonly name?: string | null;
  readonly description?: string;
  /** Packages the token may act on. */
  readonly packages?: readonly string[];
  /** Every package of the user. */
  readonly packagesAll?: boolean;
  readonly scopes?: readonly string[];
  readonly orgs?: readonly string[];
  readonly packagesAndScopesPermission?: TokenPermission;
  readonly orgsPermission?: TokenPermission;
  /** Days until it expires. */
  readonly expires?: number;
  /** A classic read-only token (npm-profile's `createToken`). */
  readonly readonly?: boolean;
  /** IPv4 CIDR ranges the token may be used from. */
  readonly cidr?: readonly string[];
  /** The token may publish without a one-time password. */
  readonly bypass2fa?: boolean;
  /**
   * The client sends the new token to its registry from then on, in place of
   * the credentials it had: what `profile enable-2fa` does for a user logged
   * in with a password, since the registry sets two-factor auth for bearer
   * tokens only.
   */
  readonly use?: boolean;
}

/**
 * The body of `POST /-/npm/v1/tokens`, in the order npm writes it: the lists
 * when they have entries, the flags when set, and `readonly` and `cidr` when
 * given (npm-profile's classic token sends both, even `[]`; npm 11's `token
 * create` neither unless ranges are given).
 */
export function tokenCreateBody(options: TokenCreateOptions): Record<string, unknown> {
  const { password, name, description, packages = [], packagesAll, scopes = [], orgs = [], packagesAndScopesPermission, orgsPermission, expires, readonly, cidr, bypass2fa } = options;
  return {
    ...(name === undefined ? {} : { name }),
    password,
    ...(readonly === undefined ? {} : { readonly }),
    ...(description ? { description } : {}),
    ...(packages.length > 0 ? { packages: [...packages] } : {}),
    ...(packagesAll ? { packages_all: true } : {}),
    ...(scopes.length > 0 ? { scopes: [...scopes] } : {}),
    ...(orgs.length > 0 ? { orgs: [...orgs] } : {}),
    ...(packagesAndScopesPermission ? { packages_and_scopes_permission: packagesAndScopesPermission } : {}),
    ...(orgsPermission ? { orgs_permission: orgsPermission } : {}),
    ...(expires ? { expires } : {}),
    ...(cidr === undefined ? {} : { cidr_whitelist: [...cidr] }),
    ...(bypass2fa ? { bypass_2fa: true } : {}),
  };
}

/** The token just made: `token` is the whole secret, shown this once. */
export interface CreatedToken extends TokenInfo {
  readonly token: string;
}

interface TokenPage {
  readonly objects?: unknown;
  readonly urls?: { readonly next?: unknown } | null;
}

const TOKENS = '/-/npm/v1/tokens';

/** The tokens of one page, or EBADRESPONSE when the page has no list of them. */
function tokensOf(page: TokenPage | null): TokenInfo[] {
  const objects = page?.objects ?? [];
  if (!Array.isArray(objects) || !objects.every((token) => typeof token === 'object' && token !== null && typeof token.key === 'string')) {
    throw new BadResponseError('the registry sent a page of tokens that is not a list of tokens', { method: 'GET' });
  }
  return objects;
}

/**
 * The user's tokens, one by one, page after page through `urls.next`. The
 * next page is asked for only once every token of this one was taken, so
 * unsubscribing (or `take(n)`) stops the paging. A `next` on another host
 * than the registry, or one already fetched, is EBADRESPONSE once the page's
 * tokens are out: the token the requests carry goes to the registry only.
 */
export function listTokens(ctx: OperationContext): Observable<TokenInfo> {
  return defer(() => {
    const fetched = new Set<string>();
    const pages = (href: string): Observable<TokenInfo> =>
      request<TokenPage | null>(ctx, 'GET', href).pipe(
        mergeMap(({ data }) => {
          const tokens = tokensOf(data);
          const next = data?.urls?.next;
          if (next === undefined || next === null || next === '') return from(tokens);
          const following = defer(() => {
            const url = registryLink(next, ctx.config.registry, 'urls.next');
            if (fetched.has(url)) throw new BadResponseError('the registry sent a urls.next that was fetched already: its pages go round in a loop', { method: 'GET' });
            fetched.add(url);
            return pages(url);
          });
          return concat(from(tokens), following);
        }),
      );
    return pages(TOKENS);
  });
}

/** Makes a token; the registry asks for the password (and, with two-factor auth, a one-time password). A reply without the token is ENOTOKEN. */
export function createToken(ctx: OperationContext, options: TokenCreateOptions): Observable<CreatedToken> {
  return defer(() => {
    const { password } = options;
    if (typeof password !== 'string' || password === '') throw new UsageError('tokens.create: password must be a non-empty string');
    ctx.session.secrets.push(password);
    return request<CreatedToken | null>(ctx, 'POST', TOKENS, tokenCreateBody(options));
  }).pipe(
    map(({ data }) => {
      if (typeof data?.token !== 'string' || data.token === '') throw new NoTokenError('tokens.create: the registry made no token (its answer has none)', { method: 'POST' });
      ctx.session.secrets.push(data.token);
      if (options.use) ctx.session.useToken(ctx.config.registry, data.token);
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
