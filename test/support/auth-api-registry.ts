import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OTP_CHALLENGE } from './npm-api-registry';
import { afterBody, sendJson, startServer, type RecordedRequest, type TestServer } from './start-server';

/** A token as the registry keeps it: the whole secret and what `GET /-/npm/v1/tokens` shows of it. */
export interface StoredToken {
  key: string;
  token: string;
  readonly: boolean;
  cidr_whitelist: string[] | null;
  created: string;
  updated: string;
  name?: string;
}

export interface AuthApiRegistry {
  /** `http://127.0.0.1:PORT/`. */
  readonly url: string;
  readonly host: string;
  readonly server: TestServer;
  readonly requests: readonly RecordedRequest[];
  /** The logged-in user's session token, accepted everywhere. */
  readonly userToken: string;
  readonly password: string;
  /** Every token of the user, the session token first. */
  readonly tokens: StoredToken[];
  /** Tokens per page of `GET /-/npm/v1/tokens`. */
  pageSize: number;
  readonly profile: Record<string, unknown>;
  /** When set, token and profile writes without `npm-otp: otp` get 401 `www-authenticate: OTP`. */
  otp: string | undefined;
  /** Web login: `false` answers `POST /-/v1/login` with this status instead; `pending` 202s (with `retryAfter`) before the token. */
  readonly web: { status: number; pending: number; retryAfter: string | undefined; token: string };
  /** Trusted publishing: the ID token the exchange accepts, the publish token it gives, and a URL to redirect the exchange to instead. */
  readonly oidc: { idToken: string; publishToken: string; redirectTo: string | undefined };
  /** The authorization header of every publish (`PUT /<name>`) that was accepted. */
  readonly published: { name: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

const DAY = '2026-01-02T03:04:05.000Z';

function keyOf(token: string): string {
  return createHash('sha512').update(token).digest('hex');
}

function stored(token: string, extra: Partial<StoredToken> = {}): StoredToken {
  return { key: keyOf(token), token, readonly: false, cidr_whitelist: null, created: DAY, updated: DAY, ...extra };
}

/** What the tokens list shows of a token: only its first characters. */
function shown({ token, ...rest }: StoredToken): StoredToken {
  return { ...rest, token: token.slice(0, 6) };
}

/**
 * A registry on 127.0.0.1 that answers the account endpoints of today's
 * public registry as npm-profile and npm's `token`, `profile`, `login` and
 * trusted publishing call them: tokens (paged through `urls.next`), the
 * profile with two-factor auth in its two steps, web login (`/-/v1/login`
 * and a `doneUrl` answered 202 until done), the classic couch login, the
 * OIDC token exchange, and publishing (`PUT /<name>`) with either token.
 */
export async function startAuthApiRegistry(): Promise<AuthApiRegistry> {
  const userToken = `npm_${randomBytes(12).toString('hex')}`;
  const tokens: StoredToken[] = [stored(userToken, { name: 'session' })];
  const profile: Record<string, unknown> = { name: 'ada', email: 'ada@example.org', email_verified: true, tfa: null, fullname: '', created: DAY, updated: DAY };
  let pendingTfa: string | undefined;
  let polls = 0;

  const isUser = (req: IncomingMessage) => req.headers.authorization === `Bearer ${self.userToken}` || self.tokens.some((t) => req.headers.authorization === `Bearer ${t.token}`);
  const needsOtp = (req: IncomingMessage) => self.otp !== undefined && req.headers['npm-otp'] !== self.otp;

  function answer(req: IncomingMessage, res: ServerResponse, recorded: RecordedRequest): void {
    const url = new URL(req.url ?? '/', self.url);
    const route = `${req.method} ${url.pathname}`;
    const body = (): Record<string, unknown> => (recorded.body() ? JSON.parse(recorded.body()) : {});

    if (route === 'POST /-/v1/login') {
      if (self.web.status !== 200) return sendJson(res, self.web.status, { error: 'Not found' });
      return sendJson(res, 200, { loginUrl: `${self.url}login/cli/abc`, doneUrl: `${self.url}-/v1/done?sessionId=abc` });
    }
    if (route === 'GET /-/v1/done') {
      if (polls++ < self.web.pending) return sendJson(res, 202, {}, self.web.retryAfter === undefined ? {} : { 'retry-after': self.web.retryAfter });
      return sendJson(res, 200, { token: self.web.token });
    }
    if (req.method === 'PUT' && url.pathname.startsWith('/-/user/org.couchdb.user:')) {
      return sendJson(res, 201, { ok: true, token: self.web.token });
    }
    if (route.startsWith('POST /-/npm/v1/oidc/token/exchange/package/')) {
      if (self.oidc.redirectTo) return sendJson(res, 307, {}, { location: self.oidc.redirectTo });
      if (req.headers.authorization !== `Bearer ${self.oidc.idToken}`) return sendJson(res, 401, { message: 'OIDC token exchange failed' });
      return sendJson(res, 201, { token: self.oidc.publishToken });
    }
    if (req.method === 'PUT' && !url.pathname.startsWith('/-/')) {
      const accepted = isUser(req) || req.headers.authorization === `Bearer ${self.oidc.publishToken}`;
      if (!accepted) return sendJson(res, 401, { error: 'You must be logged in to publish packages' });
      self.published.push({ name: decodeURIComponent(url.pathname.slice(1)), authorization: req.headers.authorization });
      return sendJson(res, 201, { ok: true });
    }

    // As the public registry: a user logged in with a password may read the profile and make a token, and needs a token for the rest (two-factor auth among it).
    const classicRoute = route === 'GET /-/npm/v1/user' || route === 'POST /-/npm/v1/tokens';
    if (!isUser(req) && !(classicRoute && req.headers.authorization === `Basic ${Buffer.from(`ada:${self.password}`).toString('base64')}`)) return sendJson(res, 401, { error: 'You must be logged in' });
    const write = req.method !== 'GET';
    if (write && needsOtp(req)) return sendJson(res, 401, OTP_CHALLENGE, { 'www-authenticate': 'OTP' });

    if (route === 'GET /-/npm/v1/tokens') {
      const page = Number(url.searchParams.get('page') ?? 0);
      const objects = self.tokens.slice(page * self.pageSize, (page + 1) * self.pageSize).map(shown);
      const more = (page + 1) * self.pageSize < self.tokens.length;
      return sendJson(res, 200, { objects, total: self.tokens.length, urls: { next: more ? `${self.url}-/npm/v1/tokens?page=${page + 1}` : null } });
    }
    if (route === 'POST /-/npm/v1/tokens') {
      const { password, readonly, cidr_whitelist: cidr } = body();
      if (password !== self.password) return sendJson(res, 401, { error: 'Wrong password' });
      const token = stored(`npm_${randomBytes(12).toString('hex')}`, { readonly: readonly === true, cidr_whitelist: Array.isArray(cidr) && cidr.length ? cidr.map(String) : null });
      self.tokens.push(token);
      return sendJson(res, 200, token);
    }
    if (req.method === 'DELETE' && url.pathname.startsWith('/-/npm/v1/tokens/token/')) {
      const which = decodeURIComponent(url.pathname.slice('/-/npm/v1/tokens/token/'.length));
      const at = self.tokens.findIndex((t) => t.key === which || t.token === which);
      if (at < 0) return sendJson(res, 404, { error: 'no such token' });
      self.tokens.splice(at, 1);
      return sendJson(res, 204);
    }
    if (route === 'GET /-/npm/v1/user') return sendJson(res, 200, self.profile);
    if (route === 'POST /-/npm/v1/user') {
      const { tfa, ...changes } = body();
      if (Array.isArray(tfa)) {
        if (!pendingTfa) return sendJson(res, 400, { error: 'two-factor auth is not being set up' });
        self.profile.tfa = { mode: pendingTfa, pending: false };
        pendingTfa = undefined;
        return sendJson(res, 200, { ...self.profile, tfa: ['recovery-1', 'recovery-2'] });
      }
      if (tfa && typeof tfa === 'object') {
        const { password, mode } = tfa as { password?: unknown; mode?: unknown };
        if (password !== self.password) return sendJson(res, 401, { error: 'Wrong password' });
        if (mode === 'disable') {
          self.profile.tfa = null;
          return sendJson(res, 200, self.profile);
        }
        pendingTfa = String(mode);
        return sendJson(res, 200, { ...self.profile, tfa: 'otpauth://totp/npm:ada?secret=JBSWY3DPEHPK3PXP&issuer=npm' });
      }
      Object.assign(self.profile, changes, { updated: DAY });
      return sendJson(res, 200, self.profile);
    }
    return sendJson(res, 404, { error: 'Not found' });
  }

  const server = await startServer(afterBody(answer));
  const self: AuthApiRegistry = {
    url: server.url,
    host: server.host,
    server,
    requests: server.requests,
    userToken,
    password: 'correct horse',
    tokens,
    pageSize: 2,
    profile,
    otp: undefined,
    web: { status: 200, pending: 0, retryAfter: undefined, token: `npm_web_${randomBytes(8).toString('hex')}` },
    oidc: { idToken: `eyJ.id-token-${randomBytes(8).toString('hex')}`, publishToken: `npm_oidc_${randomBytes(8).toString('hex')}`, redirectTo: undefined },
    published: [],
    close: () => server.close(),
  };
  return self;
}
