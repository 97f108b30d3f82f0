import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, startServer, type RecordedRequest, type TestServer } from './start-server';

/** The Accept header npm sends for the abbreviated ("corgi") packument. */
const CORGI_ACCEPT = 'application/vnd.npm.install-v1+json';

/** What the registry answers a write that lacks the right `npm-otp`, as the public registry words it. */
export const OTP_CHALLENGE = { error: 'You must provide a one-time pass. Upgrade your client to npm@latest in order to use 2FA.' };

export interface ApiMaintainer {
  name: string;
  email?: string;
}

export interface ApiManifest {
  name: string;
  version: string;
  deprecated?: string;
  dist?: { tarball?: string; shasum?: string; integrity?: string };
  [key: string]: unknown;
}

/** A package document as this registry stores it. */
export interface ApiPackument {
  _id: string;
  _rev: string;
  name: string;
  description?: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, ApiManifest>;
  time: Record<string, string>;
  maintainers: ApiMaintainer[];
  users?: Record<string, boolean>;
  [key: string]: unknown;
}

/** A package to start with: `versions` are created with a tarball each; the last is `latest` unless `distTags` say otherwise. */
export interface SeedPackage {
  name: string;
  versions: readonly string[];
  maintainers: readonly ApiMaintainer[];
  distTags?: Record<string, string>;
  description?: string;
  users?: Record<string, boolean>;
}

/** A failure the registry answers instead of the next matching requests (429 with Retry-After, 503…). */
export interface Outage {
  method: string;
  /** Only requests to this path (query ignored, base path stripped); any path when absent. */
  path?: string;
  count: number;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface NpmApiRegistry {
  /** The registry URL for the client: `http://127.0.0.1:PORT/` plus the base path; ends with `/`. */
  readonly url: string;
  /** `127.0.0.1:PORT`. */
  readonly host: string;
  readonly server: TestServer;
  /** Every request in arrival order; `url` keeps the base path and query as sent. */
  readonly requests: readonly RecordedRequest[];
  /** Requests other than GET and HEAD. */
  writes(): RecordedRequest[];
  /** Creates a user with a fresh token and returns the token. */
  addUser(name: string, email: string): string;
  /** Stores a package (with a tarball per version) at revision 1. */
  addPackage(seed: SeedPackage): ApiPackument;
  /** A copy of the stored document, or undefined. */
  packument(name: string): ApiPackument | undefined;
  /** The stored tarball bytes of `name`'s attachment `file`. */
  tarball(name: string, file: string): Buffer | undefined;
  /** Who may install `name`, as last set through POST /-/package/NAME/access. */
  access(name: string): 'public' | 'restricted' | undefined;
  isRevoked(token: string): boolean;
  /** From now on, every package write without `npm-otp: code` is answered 401 `www-authenticate: OTP`; undefined turns it off. */
  requireOtp(code: string | undefined): void;
  /** The next `count` requests matching `method` (and `path`) get `status` instead. */
  failNext(outage: Outage): void;
  close(): Promise<void>;
}

/** A 40-character hex digest, as CouchDB revisions carry. */
function hex(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

function sha(algorithm: 'sha1' | 'sha512', bytes: Buffer): string {
  const digest = createHash(algorithm).update(bytes);
  return algorithm === 'sha1' ? digest.digest('hex') : `sha512-${digest.digest('base64')}`;
}

function unscoped(name: string): string {
  return name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
}

/** The package a path names and the segments after it: `/@s%2fn/-rev/1-a` → `@s/n`, ['-rev', '1-a']. */
function splitPackagePath(path: string): { name: string; rest: string[] } | undefined {
  const segments = path.replace(/^\/+/, '').split('/');
  let name: string;
  try {
    name = decodeURIComponent(segments.shift() ?? '');
    if (name.startsWith('@') && !name.includes('/')) name = `${name}/${decodeURIComponent(segments.shift() ?? '')}`;
    return name ? { name, rest: segments.map((s) => decodeURIComponent(s)) } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A registry on 127.0.0.1 that answers the parts of the npm registry API that
 * Verdaccio does not, the way the public registry documents them: revisions
 * are checked on every read-modify-write (409 on a stale one), owners are
 * `maintainers` with e-mails, tokens can be revoked and `/-/whoami` then
 * answers 401, access can be set on scoped packages, search honours
 * `size`/`from`, stars come from the `starredByUser` view, and in OTP mode a
 * package write without the right `npm-otp` gets 401 `www-authenticate: OTP`.
 * Every answer is sent after the whole request body has arrived.
 */
export async function startNpmApiRegistry(options: { basePath?: string } = {}): Promise<NpmApiRegistry> {
  const basePath = `/${(options.basePath ?? '').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  const packages = new Map<string, ApiPackument>();
  const tarballs = new Map<string, Buffer>();
  const accessOf = new Map<string, 'public' | 'restricted'>();
  const users = new Map<string, { email: string; password?: string }>();
  const tokens = new Map<string, string>();
  const revoked = new Set<string>();
  const outages: Outage[] = [];
  let otp: string | undefined;
  let url = '';
  let revCounter = 0;

  const nextRev = (doc: { _rev?: string }) => {
    const n = Number((doc._rev ?? '0').split('-')[0]) + 1;
    return `${n}-${hex(`${n}:${++revCounter}`)}`;
  };
  const newToken = (name: string) => {
    const token = `npm_${randomBytes(12).toString('hex')}`;
    tokens.set(token, name);
    return token;
  };
  const tarballUrl = (name: string, version: string) => `${url}${name}/-/${unscoped(name)}-${version}.tgz`;

  function addPackage(seed: SeedPackage): ApiPackument {
    const versions: Record<string, ApiManifest> = {};
    const time: Record<string, string> = { created: new Date(Date.UTC(2024, 0, 1)).toISOString() };
    seed.versions.forEach((version, i) => {
      const bytes = Buffer.from(`tarball of ${seed.name}@${version}`);
      tarballs.set(`${seed.name}/${unscoped(seed.name)}-${version}.tgz`, bytes);
      versions[version] = {
        name: seed.name,
        version,
        dist: { tarball: tarballUrl(seed.name, version), shasum: sha('sha1', bytes), integrity: sha('sha512', bytes) },
      };
      time[version] = new Date(Date.UTC(2024, 0, 2 + i)).toISOString();
    });
    const doc: ApiPackument = {
      _id: seed.name,
      _rev: '',
      name: seed.name,
      ...(seed.description === undefined ? {} : { description: seed.description }),
      'dist-tags': seed.distTags ?? { latest: seed.versions[seed.versions.length - 1] },
      versions,
      time,
      maintainers: seed.maintainers.map((m) => ({ ...m })),
      ...(seed.users ? { users: { ...seed.users } } : {}),
    };
    doc._rev = nextRev({});
    packages.set(seed.name, doc);
    return structuredClone(doc);
  }

  function userOf(req: IncomingMessage): string | undefined {
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    if (!match || revoked.has(match[1])) return undefined;
    return tokens.get(match[1]);
  }

  function corgiOf(doc: ApiPackument) {
    return {
      name: doc.name,
      'dist-tags': doc['dist-tags'],
      modified: Object.values(doc.time).sort().pop(),
      versions: Object.fromEntries(
        Object.entries(doc.versions).map(([v, m]) => [v, { name: m.name, version: m.version, dist: m.dist, ...(m.deprecated ? { deprecated: m.deprecated } : {}) }]),
      ),
    };
  }

  /** Answers one request; `body` is the whole request body. */
  function answer(req: IncomingMessage, res: ServerResponse, body: string): void {
    const method = req.method ?? 'GET';
    const target = new URL(req.url ?? '/', 'http://loopback');
    if (!target.pathname.startsWith(basePath)) return sendJson(res, 404, { error: 'not under this registry' });
    const path = `/${target.pathname.slice(basePath.length)}`;
    const query = target.searchParams;
    const isWrite = method !== 'GET' && method !== 'HEAD';

    const outage = outages.find((o) => o.count > 0 && o.method === method && (o.path === undefined || o.path === path));
    if (outage) {
      outage.count -= 1;
      return sendJson(res, outage.status, outage.body ?? { error: 'try again later' }, outage.headers);
    }

    const user = userOf(req);
    let json: Record<string, unknown> | string | undefined;
    if (body) {
      try {
        json = JSON.parse(body) as Record<string, unknown> | string;
      } catch {
        return sendJson(res, 400, { error: 'body is not JSON' });
      }
    }

    // Accounts and tokens.
    if (path === '/-/ping') return sendJson(res, 200, {});
    if (path === '/-/whoami') return user ? sendJson(res, 200, { username: user }) : sendJson(res, 401, { error: 'You must be logged in' });
    const account = /^\/-\/user\/org\.couchdb\.user:([^/]+)$/.exec(path);
    if (account) {
      const name = decodeURIComponent(account[1]);
      if (method === 'GET') {
        const known = users.get(name);
        return known ? sendJson(res, 200, { _id: `org.couchdb.user:${name}`, name, email: known.email }) : sendJson(res, 404, { error: 'not_found' });
      }
      if (method === 'PUT') {
        if (users.has(name)) return sendJson(res, 409, { error: 'user exists' });
        const doc = json as { email?: string; password?: string };
        users.set(name, { email: doc.email ?? '', password: doc.password });
        return sendJson(res, 201, { ok: true, id: `org.couchdb.user:${name}`, token: newToken(name) });
      }
    }
    const tokenPath = /^\/-\/user\/token\/([^/]+)$/.exec(path);
    if (tokenPath && method === 'DELETE') {
      if (!user) return sendJson(res, 401, { error: 'You must be logged in' });
      const token = decodeURIComponent(tokenPath[1]);
      if (tokens.get(token) !== user) return sendJson(res, 404, { error: 'no such token' });
      revoked.add(token);
      return sendJson(res, 200, {});
    }

    // Reads that name no package.
    if (path === '/-/v1/search' && method === 'GET') {
      const text = (query.get('text') ?? '').toLowerCase();
      const size = Number(query.get('size') ?? 20);
      const from = Number(query.get('from') ?? 0);
      if (!(size >= 1 && size <= 250)) return sendJson(res, 400, { error: 'size must be between 1 and 250' });
      const matching = [...packages.values()]
        .filter((doc) => doc.name.includes(text) || (doc.description ?? '').toLowerCase().includes(text))
        .sort((a, b) => a.name.localeCompare(b.name));
      const objects = matching.slice(from, from + size).map((doc) => ({
        package: { name: doc.name, version: doc['dist-tags'].latest, description: doc.description, maintainers: doc.maintainers },
        score: { final: 1, detail: { quality: 1, popularity: 1, maintenance: 1 } },
        searchScore: 1,
      }));
      return sendJson(res, 200, { objects, total: matching.length, time: new Date(Date.UTC(2024, 5, 1)).toUTCString() });
    }
    if (path === '/-/_view/starredByUser' && method === 'GET') {
      let key: unknown;
      try {
        key = JSON.parse(query.get('key') ?? '');
      } catch {
        return sendJson(res, 400, { error: 'key must be JSON' });
      }
      const rows = [...packages.values()].filter((doc) => doc.users?.[key as string]).map((doc) => ({ id: doc.name, key, value: doc.name }));
      return sendJson(res, 200, { rows });
    }

    // Package writes need a user, and an OTP in OTP mode.
    if (isWrite && !user) return sendJson(res, 401, { error: 'You must be logged in to change packages' });
    if (isWrite && otp !== undefined && req.headers['npm-otp'] !== otp) return sendJson(res, 401, OTP_CHALLENGE, { 'www-authenticate': 'OTP' });

    const pkgApi = /^\/-\/package\/(.+?)\/(dist-tags|access)(?:\/([^/]+))?$/.exec(path);
    if (pkgApi) {
      const name = decodeURIComponent(pkgApi[1]);
      const doc = packages.get(name);
      if (!doc) return sendJson(res, 404, { error: 'not_found' });
      const maintainer = doc.maintainers.some((m) => m.name === user);
      if (isWrite && !maintainer) return sendJson(res, 403, { error: `${user} may not change ${name}` });
      if (pkgApi[2] === 'access') {
        if (method !== 'POST') return sendJson(res, 405, { error: 'method not allowed' });
        const access = (json as { access?: unknown } | undefined)?.access;
        if (access !== 'public' && access !== 'restricted') return sendJson(res, 400, { error: 'access must be public or restricted' });
        if (access === 'restricted' && !name.startsWith('@')) return sendJson(res, 400, { error: 'unscoped packages cannot be restricted' });
        accessOf.set(name, access);
        return sendJson(res, 200, { ok: true });
      }
      const tag = pkgApi[3] === undefined ? undefined : decodeURIComponent(pkgApi[3]);
      if (method === 'GET' && tag === undefined) return sendJson(res, 200, doc['dist-tags']);
      if (method === 'PUT' && tag !== undefined) {
        if (typeof json !== 'string' || !doc.versions[json]) return sendJson(res, 404, { error: `version ${String(json)} not found` });
        doc['dist-tags'][tag] = json;
        doc._rev = nextRev(doc);
        return sendJson(res, 201, { ok: true });
      }
      if (method === 'DELETE' && tag !== undefined) {
        delete doc['dist-tags'][tag];
        doc._rev = nextRev(doc);
        return sendJson(res, 201, { ok: true });
      }
      return sendJson(res, 405, { error: 'method not allowed' });
    }

    const named = splitPackagePath(path);
    if (!named || named.name.startsWith('-')) return sendJson(res, 404, { error: 'not_found' });
    const { name, rest } = named;
    const doc = packages.get(name);

    if (method === 'GET') {
      if (!doc) return sendJson(res, 404, { error: 'not_found' });
      if (rest.length === 0) {
        const corgi = (req.headers.accept ?? '').startsWith(CORGI_ACCEPT) && query.get('write') !== 'true';
        return sendJson(res, 200, corgi ? corgiOf(doc) : doc);
      }
      if (rest.length === 2 && rest[0] === '-') {
        const bytes = tarballs.get(`${name}/${rest[1]}`);
        if (!bytes) return sendJson(res, 404, { error: 'not_found' });
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
        return void res.end(bytes);
      }
      if (rest.length === 1) {
        const version = doc['dist-tags'][rest[0]] ?? rest[0];
        return doc.versions[version] ? sendJson(res, 200, doc.versions[version]) : sendJson(res, 404, { error: 'not_found' });
      }
      return sendJson(res, 404, { error: 'not_found' });
    }

    const maintainer = doc?.maintainers.some((m) => m.name === user) ?? false;
    const staleRev = (rev: string | undefined) => !doc || rev !== doc._rev;

    if (method === 'PUT' && rest.length === 0) {
      const put = json as Partial<ApiPackument> & { _attachments?: Record<string, { data?: string; length?: number }> };
      if (!put || typeof put !== 'object') return sendJson(res, 400, { error: 'body must be a document' });
      if (put._attachments) return publish(res, name, put, user!);
      // A star: `{ _id, _rev, users }`, as the npm CLI sends it.
      if (!doc) return sendJson(res, 404, { error: 'not_found' });
      if (staleRev(put._rev)) return sendJson(res, 409, { error: 'Document update conflict.' });
      const keys = Object.keys(put).filter((k) => k !== '_id' && k !== '_rev');
      if (keys.join() !== 'users') return sendJson(res, 400, { error: 'only users can be changed without a revision in the path' });
      const changed = Object.entries(put.users ?? {}).filter(([u, on]) => on !== Boolean(doc.users?.[u]));
      if (changed.some(([u]) => u !== user)) return sendJson(res, 403, { error: 'you may only star or unstar for yourself' });
      doc.users = { ...put.users };
      doc._rev = nextRev(doc);
      return sendJson(res, 200, { ok: true, id: name, rev: doc._rev });
    }

    if (rest[rest.length - 2] === '-rev') {
      const rev = rest[rest.length - 1];
      if (!doc) return sendJson(res, 404, { error: 'not_found' });
      if (!maintainer) return sendJson(res, 403, { error: `${user} may not change ${name}` });
      if (staleRev(rev)) return sendJson(res, 409, { error: 'Document update conflict.' });
      if (method === 'PUT' && rest.length === 2) {
        const put = json as Partial<ApiPackument> | undefined;
        if (!put || typeof put !== 'object') return sendJson(res, 400, { error: 'body must be a document' });
        if (put._rev !== undefined && put._rev !== rev) return sendJson(res, 409, { error: 'Document update conflict.' });
        if (put.maintainers !== undefined && (!Array.isArray(put.maintainers) || put.maintainers.length === 0)) {
          return sendJson(res, 400, { error: 'a package needs at least one maintainer' });
        }
        const { _id: _ignoredId, _rev: _ignoredRev, ...fields } = put;
        Object.assign(doc, fields);
        doc._rev = nextRev(doc);
        return sendJson(res, 201, { ok: true, id: name, rev: doc._rev });
      }
      if (method === 'DELETE' && rest.length === 2) {
        packages.delete(name);
        for (const key of [...tarballs.keys()]) if (key.startsWith(`${name}/`)) tarballs.delete(key);
        return sendJson(res, 200, { ok: true });
      }
      if (method === 'DELETE' && rest.length === 4 && rest[0] === '-') {
        if (!tarballs.delete(`${name}/${rest[1]}`)) return sendJson(res, 404, { error: 'not_found' });
        doc._rev = nextRev(doc);
        return sendJson(res, 200, { ok: true });
      }
    }
    return sendJson(res, 405, { error: `${method} ${path} is not part of this registry` });
  }

  /** A publish: one new version with its tarball, checked against the manifest's integrity. */
  function publish(res: ServerResponse, name: string, put: Partial<ApiPackument> & { _attachments?: Record<string, { data?: string; length?: number }> }, user: string): void {
    const existing = packages.get(name);
    if (existing && !existing.maintainers.some((m) => m.name === user)) return sendJson(res, 403, { error: `${user} may not publish ${name}` });
    const versions = Object.entries(put.versions ?? {});
    if (versions.length !== 1) return sendJson(res, 400, { error: 'a publish carries exactly one version' });
    const [version, manifest] = versions[0];
    if (existing?.versions[version]) return sendJson(res, 403, { error: `You cannot publish over the previously published versions: ${version}.` });
    const file = `${unscoped(name)}-${version}.tgz`;
    const attachment = put._attachments?.[file];
    if (!attachment || typeof attachment.data !== 'string') return sendJson(res, 400, { error: `the attachment ${file} is missing` });
    const bytes = Buffer.from(attachment.data, 'base64');
    if (attachment.length !== bytes.length) return sendJson(res, 400, { error: `attachment length ${attachment.length} but ${bytes.length} bytes sent` });
    if (manifest.dist?.integrity !== sha('sha512', bytes) || manifest.dist?.shasum !== sha('sha1', bytes)) {
      return sendJson(res, 400, { error: 'the tarball does not match dist.integrity / dist.shasum' });
    }
    const doc: ApiPackument = existing ?? {
      _id: name,
      _rev: '',
      name,
      'dist-tags': {},
      versions: {},
      time: { created: new Date(Date.UTC(2024, 0, 1)).toISOString() },
      maintainers: [{ name: user, email: users.get(user)?.email }],
    };
    doc.versions[version] = manifest;
    Object.assign(doc['dist-tags'], put['dist-tags'] ?? {});
    doc.time[version] = new Date(Date.UTC(2024, 1, 1)).toISOString();
    if (put.description !== undefined) doc.description = put.description;
    doc._rev = nextRev(doc);
    tarballs.set(`${name}/${file}`, bytes);
    packages.set(name, doc);
    sendJson(res, 201, { ok: true, id: name, rev: doc._rev });
  }

  const server = await startServer((req, res, recorded) => {
    void recorded.ended.then(() => {
      try {
        answer(req, res, recorded.body());
      } catch (error) {
        sendJson(res, 500, { error: `the test registry failed: ${(error as Error).message}` });
      }
    });
  });
  url = `http://127.0.0.1:${server.port}${basePath}`;

  return {
    url,
    host: server.host,
    server,
    requests: server.requests,
    writes: () => server.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD'),
    addUser(name, email) {
      users.set(name, { email });
      return newToken(name);
    },
    addPackage,
    packument: (name) => {
      const doc = packages.get(name);
      return doc && structuredClone(doc);
    },
    tarball: (name, file) => tarballs.get(`${name}/${file}`),
    access: (name) => accessOf.get(name),
    isRevoked: (token) => revoked.has(token),
    requireOtp(code) {
      otp = code;
    },
    failNext(outage) {
      outages.push({ ...outage });
    },
    close: () => server.close(),
  };
}
