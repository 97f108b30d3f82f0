import type { Observable } from 'rxjs';
import { Session } from './auth/session';
import { CacacheStore } from './cache/cacache-store';
import { DocumentCache } from './cache/document-cache';
import { normalizeConfig } from './config/normalize-config';
import type { RegistryClientConfig } from './config/registry-client-config';
import { builtInInterceptors } from './interceptors/default-interceptors';
import { settingsOf, type RegistryClientSettings } from './config/registry-client-settings';
import { accessGet, accessGrant, accessListCollaborators, accessListPackages, accessMfa, accessRevoke, setAccess, type Access, type MfaLevel, type Permission } from './operations/access';
import { adduser, logout, ping, whoami, type AdduserResult } from './operations/account';
import { deprecate } from './operations/deprecate';
import { addDistTag, fetchDistTags, removeDistTag, setDistTags, type DistTags } from './operations/dist-tags';
import { get } from './operations/get';
import type { GetOptions } from './operations/get-options';
import { manifest, type ManifestOptions } from './operations/manifest';
import type { OperationContext } from './operations/operation-context';
import { ownerAdd, ownerLs, ownerRm } from './operations/owner';
import type { Maintainer, Manifest } from './operations/packument';
import type { Progress, ProgressOptions } from './request/progress';
import { publish, type PackageData, type PublishOptions } from './operations/publish';
import { request } from './operations/request';
import { search, type SearchOptions, type SearchResults } from './operations/search';
import { star, stars } from './operations/star';
import { saveTarball, tarball, type SavedTarball, type TarballOptions } from './operations/tarball';
import type { TarballInput } from './operations/tarball-source';
import { unpublish, type UnpublishResult } from './operations/unpublish';
import { keys, type RegistryKey } from './operations/keys';
import { auditSignatures, type SignatureAudit } from './operations/audit-signatures';
import { advisories, type AdvisoryQuery, type PackageAdvisories } from './operations/advisories';
import { orgLs, orgRm, orgSet, type OrgMembership, type OrgRole } from './operations/org';
import { teamAdd, teamCreate, teamDestroy, teamLs, teamLsUsers, teamRm } from './operations/team';
import { upload } from './operations/upload';
import { watch, type WatchOptions } from './operations/watch';
import { createToken, listTokens, revokeToken, type CreatedToken, type TokenCreateOptions, type TokenInfo } from './operations/tokens';
import { getProfile, setProfile, type Profile, type ProfileAfterChange, type ProfileChanges } from './operations/profile';
import { loginWeb, type WebLoginEvent, type WebLoginOptions } from './operations/login-web';
import { chain } from './request/chain';
import { createRequest } from './request/create-request';
import type { RequestPayload } from './request/encode-body';
import type { HttpEvent } from './request/http-event';
import type { HttpHandler } from './request/interceptor';
import type { RegistryRequest } from './request/registry-request';
import type { RegistryResponse } from './request/registry-response';
import type { Transport } from './transport/transport';
import { UndiciTransport } from './transport/undici-transport';

/**
 * A client of one npm registry. Every operation returns a cold Observable:
 * nothing is sent until you subscribe, each subscription sends again, and
 * unsubscribing aborts the request and any pending retry.
 *
 * @example
 * const client = new RegistryClient({ registry: process.env.npm_config_registry, cache: '/tmp/rxnpm' });
 * client.request('GET', '/-/ping').subscribe(({ statusCode }) => console.log(statusCode));
 */
export class RegistryClient {
  /** The settings the client runs with: checked, defaults filled in, without credentials. */
  readonly config: RegistryClientSettings;
  private readonly transport: Transport;
  private readonly handler: HttpHandler;
  private readonly cache: DocumentCache;
  private readonly ops: OperationContext;

  /** Throws `ConfigError` naming the setting when the configuration is unusable. */
  constructor(options: RegistryClientConfig) {
    const config = normalizeConfig(options);
    this.config = settingsOf(config);
    const { log } = config;
    const session = new Session(config.auth, config.secrets);
    this.transport = config.transport ?? new UndiciTransport(config);
    const store = typeof config.cache === 'string' ? new CacacheStore(config.cache, log) : config.cache;
    this.cache = new DocumentCache(store, config.memoryCacheSize, log);
    // The caller's interceptors are outermost: they run once per call, before retry, and see the request as the caller made it.
    this.handler = chain([...config.interceptors, ...builtInInterceptors(config, { session, cache: this.cache })], this.transport);
    this.ops = { handle: this.handler, config, session, cache: this.cache, inflight: { gets: new Map(), watches: new Map() } };
  }

  /**
   * Sends one request through the client's chain and emits its events:
   * progress (when the request asks for it) and the response.
   */
  handle(req: RegistryRequest): Observable<HttpEvent> {
    return this.handler(req);
  }

  /**
   * A request to the registry. `where` is a path on the registry or an absolute
   * URL; `what` an object (sent as JSON), string, Buffer or Readable (streamed);
   * `etag` is sent as If-None-Match on reads and If-Match on writes; `nofollow`
   * emits 3xx responses instead of following them.
   *
   * @example
   * client.request('PUT', '/-/user/org.couchdb.user:ada', { name: 'ada', password, email })
   *   .subscribe(({ data }) => console.log(data.token));
   */
  request<T = unknown>(method: string, where: string, what?: RequestPayload | null, etag?: string, nofollow?: boolean): Observable<RegistryResponse<T>> {
    return request<T>(this.ops, method, where, what, etag, nofollow);
  }

  /** Builds the immutable request value for `request`; throws `UsageError` on unusable arguments. */
  createRequest(method: string, where: string, what?: RequestPayload | null, etag?: string, nofollow?: boolean): RegistryRequest {
    return createRequest(this.ops.config, method, where, what, etag, nofollow);
  }

  /**
   * Fetches a document (a packument, a version, any JSON path) through the
   * cache, with the seed's semantics: `timeout` seconds of freshness (clamped
   * to cache-min/cache-max), conditional revalidation, and with `staleOk` the
   * cached copy first and then the revalidated one. Also takes one options
   * object: `{ timeout, nofollow, staleOk, fullMetadata, preferOffline, preferOnline, offline }`.
   *
   * @example
   * client.get('/rxjs', { staleOk: true }).subscribe(({ data, cacheStatus }) => show(data, cacheStatus));
   */
  get<T = unknown>(url: string, timeoutOrOptions?: number | GetOptions, nofollow?: boolean, staleOk?: boolean): Observable<RegistryResponse<T>> {
    return get<T>(this.ops, url, timeoutOrOptions, nofollow, staleOk);
  }

  /**
   * A live view of a package: its packument now, then again each time it
   * changes, by conditional polling every `interval` ms (default 30 s).
   *
   * @example
   * client.watch('rxjs').pipe(map(({ data }) => data['dist-tags'].latest)).subscribe(console.log);
   */
  watch<T = unknown>(name: string, options?: WatchOptions): Observable<RegistryResponse<T>> {
    return watch<T>(this.ops, name, options);
  }

  /**
   * Creates the account, or logs in when it exists; emits `{ ok, token, username }`
   * and uses the token for every later request to the registry.
   *
   * @example
   * client.adduser('ada', password, 'ada@example.com').subscribe(({ username }) => console.log(`hello ${username}`));
   */
  adduser(username: string, password: string, email: string): Observable<AdduserResult> {
    return adduser(this.ops, username, password, email);
  }

  /** The user name the registry knows this client as (ENEEDAUTH when none). */
  whoami(): Observable<string> {
    return whoami(this.ops);
  }

  /** Checks that the registry answers. */
  ping(): Observable<unknown> {
    return ping(this.ops);
  }

  /** Revokes the client's token on the registry and stops sending it. */
  logout(): Observable<void> {
    return logout(this.ops);
  }

  /**
   * Publishes one version: `data` is its package.json, `tarball` a path,
   * Buffer or Readable of the gzipped tarball. Streamed in constant memory;
   * with `{ reportProgress: true }` emits `Progress` before the response.
   * An existing version is a PublishConflictError.
   *
   * @example
   * client.publish(pkg, './pkg-1.0.0.tgz', { tag: 'next' }).subscribe();
   */
  publish(data: PackageData, tarball: TarballInput, readme?: string, options?: PublishOptions): Observable<Progress | RegistryResponse>;
  publish(data: PackageData, tarball: TarballInput, options?: PublishOptions): Observable<Progress | RegistryResponse>;
  publish(data: PackageData, tarball: TarballInput, readmeOrOptions?: string | PublishOptions, options?: PublishOptions): Observable<Progress | RegistryResponse> {
    return publish(this.ops, data, tarball, readmeOrOptions, options);
  }

  /** Stars (`true`) or unstars (`false`) a package for the logged-in user. */
  star(pkg: string, starred: boolean): Observable<RegistryResponse> {
    return star(this.ops, pkg, starred);
  }

  /** The packages `username` starred. */
  stars(username: string): Observable<string[]> {
    return stars(this.ops, username);
  }

  /** Points the dist-tag `tag` of `project` at `version` (ETARGET when the version does not exist). */
  tag(project: string, version: string, tag: string): Observable<RegistryResponse> {
    return addDistTag(this.ops, project, version, tag);
  }

  /** Removes one version, or the whole package without one. A package that is not there is not an error. */
  unpublish(name: string, version?: string): Observable<UnpublishResult> {
    return unpublish(this.ops, name, version);
  }

  /** Streams a file (path, Buffer or Readable) to `where` with PUT. */
  upload(where: string, file: TarballInput, etag?: string, nofollow?: boolean, options?: ProgressOptions): Observable<Progress | RegistryResponse> {
    return upload(this.ops, where, file, etag, nofollow, options);
  }

  /** Marks the versions in `range` deprecated with `message` ("" lifts it). */
  deprecate(pkg: string, range: string, message: string): Observable<RegistryResponse> {
    return deprecate(this.ops, pkg, range, message);
  }

  /** The registry's v1 search. */
  search(text: string, options?: SearchOptions): Observable<SearchResults> {
    return search(this.ops, text, options);
  }

  /** Resolves a spec (`name@range`, `name@tag`) to one version's manifest; with `verifySignatures`, checked against the registry's signing keys. */
  manifest(spec: string, options?: ManifestOptions): Observable<Manifest> {
    return manifest(this.ops, spec, options);
  }

  /** The tarball of a spec or manifest, as chunks checked against its integrity (EINTEGRITY otherwise). */
  tarball(specOrManifest: string | Manifest, options: TarballOptions & { reportProgress: true }): Observable<Buffer | Progress>;
  tarball(specOrManifest: string | Manifest, options?: TarballOptions): Observable<Buffer>;
  tarball(specOrManifest: string | Manifest, options: TarballOptions = {}): Observable<Buffer | Progress> {
    return tarball(this.ops, specOrManifest, options);
  }

  /** Saves a tarball to `dest`, verified before it appears there; emits `{ type: 'saved', path, integrity, size }`. */
  saveTarball(specOrManifest: string | Manifest, dest: string, options?: TarballOptions): Observable<SavedTarball | Progress> {
    return saveTarball(this.ops, specOrManifest, dest, options);
  }

  /** A package's dist-tags. */
  readonly distTags = {
    fetch: (pkg: string): Observable<DistTags> => fetchDistTags(this.ops, pkg),
    add: (pkg: string, version: string, tag: string): Observable<RegistryResponse> => addDistTag(this.ops, pkg, version, tag),
    rm: (pkg: string, tag: string): Observable<RegistryResponse> => removeDistTag(this.ops, pkg, tag),
    set: (pkg: string, tags: DistTags): Observable<RegistryResponse> => setDistTags(this.ops, pkg, tags),
  };

  /** A package's owners. */
  readonly owner = {
    ls: (pkg: string): Observable<Maintainer[]> => ownerLs(this.ops, pkg),
    add: (pkg: string, user: string): Observable<RegistryResponse | Maintainer[]> => ownerAdd(this.ops, pkg, user),
    rm: (pkg: string, user: string): Observable<RegistryResponse | Maintainer[]> => ownerRm(this.ops, pkg, user),
  };

  /** Who may install a package, where the registry supports it. */
  readonly access = {
    public: (pkg: string): Observable<RegistryResponse> => setAccess(this.ops, pkg, 'public'),
    restricted: (pkg: string): Observable<RegistryResponse> => setAccess(this.ops, pkg, 'restricted'),
    /** Sets the package's status: `public`, or `restricted` (scoped packages only). */
    set: (pkg: string, status: Access): Observable<RegistryResponse> => setAccess(this.ops, pkg, status),
    /** The package's status, from `/-/package/{name}/visibility`. */
    get: (pkg: string): Observable<Access> => accessGet(this.ops, pkg),
    /** The packages a user, org (`scope`) or team (`scope:team`) can reach, with the registry's permission (`read`/`write`). */
    listPackages: (owner: string): Observable<Record<string, string>> => accessListPackages(this.ops, owner),
    /** The users who may change the package, with their permission. */
    listCollaborators: (pkg: string): Observable<Record<string, string>> => accessListCollaborators(this.ops, pkg),
    /** Gives a team (`scope:team`) read-only or read-write access to the package. */
    grant: (permissions: Permission, team: string, pkg: string): Observable<RegistryResponse> => accessGrant(this.ops, permissions, team, pkg),
    /** Takes a team's access to the package away. */
    revoke: (team: string, pkg: string): Observable<RegistryResponse> => accessRevoke(this.ops, team, pkg),
    /** Who must give a one-time password to publish: `none`, `publish` (everyone) or `automation` (all but automation tokens). */
    mfa: (pkg: string, level: MfaLevel): Observable<RegistryResponse> => accessMfa(this.ops, pkg, level),
  };

  private closing: Promise<void> | undefined;

  /** The registry's signing keys (`GET /-/npm/v1/keys`); none when the registry has no such endpoint. */
  keys(): Observable<RegistryKey[]> {
    return keys(this.ops);
  }

  /**
   * `npm audit signatures` for the given specs: each version's registry
   * signatures checked against the registry's keys, one `SignatureAudit` per spec.
   *
   * @example
   * client.auditSignatures(['rxjs@7.8.1']).subscribe(({ status }) => console.log(status));
   */
  auditSignatures(specs: readonly string[], options?: GetOptions): Observable<SignatureAudit> {
    return auditSignatures(this.ops, specs, options);
  }

  /**
   * The advisories affecting the given versions, from the bulk advisory
   * endpoint (`{ name: [versions…] }`, sent gzip-compressed): one
   * `PackageAdvisories` per affected package.
   *
   * @example
   * client.advisories({ lodash: ['4.17.20'] }).subscribe(({ name, advisories }) => console.log(name, advisories.length));
   */
  advisories(packages: AdvisoryQuery): Observable<PackageAdvisories> {
    return advisories(this.ops, packages);
  }

  /** An org's members, as libnpmorg calls the registry. */
  readonly org = {
    /** The members and their roles. */
    ls: (org: string): Observable<Record<string, string>> => orgLs(this.ops, org),
    /** Adds a member or changes their role (`developer` by default). */
    set: (org: string, user: string, role?: OrgRole): Observable<OrgMembership> => orgSet(this.ops, org, user, role),
    rm: (org: string, user: string): Observable<void> => orgRm(this.ops, org, user),
  };

  /** An org's teams (`scope:team`), as libnpmteam calls the registry. */
  readonly team = {
    create: (team: string, description?: string): Observable<unknown> => teamCreate(this.ops, team, description),
    destroy: (team: string): Observable<void> => teamDestroy(this.ops, team),
    add: (user: string, team: string): Observable<unknown> => teamAdd(this.ops, user, team),
    rm: (user: string, team: string): Observable<void> => teamRm(this.ops, user, team),
    /** The teams of an org. */
    ls: (scope: string): Observable<string[]> => teamLs(this.ops, scope),
    /** The members of a team. */
    lsUsers: (team: string): Observable<string[]> => teamLsUsers(this.ops, team),
  };

  /** Waits for cache writes in progress, then closes the transport's sockets. Requests made afterwards fail. Safe to call again. */
  close(): Promise<void> {
    this.closing ??= this.cache.flush().then(async () => {
      await this.transport.close?.();
    });
    return this.closing;
  }

  /**
   * The logged-in user's tokens. `list` emits them one by one, paging through
   * the registry's `urls.next` only as far as they are taken.
   *
   * @example
   * client.tokens.list().pipe(filter((t) => t.readonly)).subscribe((t) => console.log(t.key));
   * client.tokens.create({ password, name: 'ci', packages: ['rxnpm'], packagesAndScopesPermission: 'read-write', expires: 30 }).subscribe(({ token }) => save(token));
   */
  readonly tokens = {
    list: (): Observable<TokenInfo> => listTokens(this.ops),
    create: (options: TokenCreateOptions): Observable<CreatedToken> => createToken(this.ops, options),
    revoke: (keyOrToken: string): Observable<void> => revokeToken(this.ops, keyOrToken),
  };

  /**
   * The logged-in user's profile. `set` also turns two-factor auth on and off
   * (see `ProfileChanges`); a write the registry answers EOTP goes through the
   * client's `otp`/`otpPrompt` like any other.
   *
   * @example
   * client.profile.set({ fullname: 'Ada Lovelace' }).subscribe(({ fullname }) => console.log(fullname));
   */
  readonly profile = {
    get: (): Observable<Profile> => getProfile(this.ops),
    set: (changes: ProfileChanges): Observable<ProfileAfterChange> => setProfile(this.ops, changes),
  };

  /**
   * Logs in through the browser: emits `{ type: 'login-url', loginUrl }` to
   * show the user, then `{ type: 'logged-in', token }` once they are done, and
   * uses the token from then on. Unsubscribing stops the polling. A registry
   * without web login falls back to `options.classic` (user name and password).
   *
   * @example
   * client.loginWeb().subscribe((e) => (e.type === 'login-url' ? console.log(e.loginUrl) : save(e.token)));
   */
  loginWeb(options?: WebLoginOptions): Observable<WebLoginEvent> {
    return loginWeb(this.ops, options);
  }

  /** Like `loginWeb`, with the registry's page offering to create the account. */
  adduserWeb(options?: WebLoginOptions): Observable<WebLoginEvent> {
    return loginWeb(this.ops, options, true);
  }
}
