import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, startServer, type TestServer } from './start-server';

export interface OrgRegistry {
  readonly url: string;
  readonly host: string;
  readonly server: TestServer;
  /** Each request as `METHOD path?query` and its JSON body. */
  readonly seen: { line: string; body: unknown }[];
  /** Members and roles by org; teams and their users and packages by `scope:team`. */
  readonly orgs: Map<string, Map<string, string>>;
  readonly teams: Map<string, { users: Set<string>; packages: Map<string, string> }>;
  /** Packages by name: visibility, collaborators and the last MFA body. */
  readonly packages: Map<string, { public: boolean; collaborators: Record<string, string>; mfa?: unknown }>;
  /** When set, a membership change is answered with this instead of the membership. */
  membershipAnswer: unknown;
  close(): Promise<void>;
}

/**
 * The org, team and access endpoints libnpmorg, libnpmteam and libnpmaccess
 * call, on 127.0.0.1, answering as the registry documents them: rosters,
 * `?format=cli` name lists, `read`/`write` permissions. Any token is accepted.
 */
export async function startOrgRegistry(): Promise<OrgRegistry> {
  const orgs = new Map<string, Map<string, string>>();
  const teams = new Map<string, { users: Set<string>; packages: Map<string, string> }>();
  const packages = new Map<string, { public: boolean; collaborators: Record<string, string>; mfa?: unknown }>();
  const seen: OrgRegistry['seen'] = [];

  function answer(req: IncomingMessage, res: ServerResponse, text: string): void {
    const target = new URL(req.url ?? '/', 'http://loopback');
    const method = req.method ?? 'GET';
    const body = (text ? JSON.parse(text) : undefined) as Record<string, string> | undefined;
    seen.push({ line: `${method} ${target.pathname}${target.search}`, body });
    const segments = target.pathname.split('/').slice(1).map(decodeURIComponent);
    const [dash, kind, a, b, c] = segments;
    if (dash !== '-') return sendJson(res, 404, { error: 'not_found' });
    if (kind === 'org' && b === 'user') {
      const roster = orgs.get(a);
      if (!roster) return sendJson(res, 404, { error: 'no such org' });
      if (method === 'GET') return sendJson(res, 200, Object.fromEntries(roster));
      if (method === 'PUT') {
        roster.set(body!.user, body!.role ?? 'developer');
        if (self.membershipAnswer !== undefined) return sendJson(res, 200, self.membershipAnswer);
        return sendJson(res, 200, { org: { name: a, size: roster.size }, user: body!.user, role: body!.role });
      }
      if (method === 'DELETE') return roster.delete(body!.user) ? sendJson(res, 204) : sendJson(res, 404, { error: 'no such member' });
    }
    if (kind === 'org' && b === 'team') {
      if (method === 'GET') return sendJson(res, 200, [...teams.keys()].filter((t) => t.startsWith(`${a}:`)));
      if (method === 'PUT') {
        teams.set(`${a}:${body!.name}`, { users: new Set(), packages: new Map() });
        return sendJson(res, 201, { name: body!.name, description: body!.description });
      }
    }
    if (kind === 'org' && b === 'package') return orgs.has(a) ? sendJson(res, 200, { [`@${a}/widget`]: 'write' }) : sendJson(res, 404, { error: 'no such org' });
    if (kind === 'user' && b === 'package') return sendJson(res, 200, { [`@${a}/own`]: 'write', shared: 'read' });
    if (kind === 'team') {
      const team = teams.get(`${a}:${b}`);
      if (!team) return sendJson(res, 404, { error: 'no such team' });
      if (c === undefined && method === 'DELETE') return teams.delete(`${a}:${b}`), sendJson(res, 204);
      if (c === 'user') {
        if (method === 'GET') return sendJson(res, 200, [...team.users]);
        if (method === 'PUT') return team.users.add(body!.user), sendJson(res, 201, {});
        if (method === 'DELETE') return team.users.delete(body!.user), sendJson(res, 204);
      }
      if (c === 'package') {
        if (method === 'GET') return sendJson(res, 200, Object.fromEntries(team.packages));
        if (method === 'PUT') return team.packages.set(body!.package, body!.permissions === 'read-write' ? 'write' : 'read'), sendJson(res, 201, {});
        if (method === 'DELETE') return team.packages.delete(body!.package), sendJson(res, 204);
      }
    }
    if (kind === 'package') {
      const pkg = packages.get(a);
      if (!pkg) return sendJson(res, 404, { error: 'no such package' });
      if (b === 'visibility' && method === 'GET') return sendJson(res, 200, { public: pkg.public });
      if (b === 'collaborators' && method === 'GET') return sendJson(res, 200, pkg.collaborators);
      if (b === 'access' && method === 'POST') {
        if (body!.access !== undefined) pkg.public = body!.access === 'public';
        else pkg.mfa = body;
        return sendJson(res, 200, {});
      }
    }
    return sendJson(res, 405, { error: `${method} ${target.pathname} is not part of this registry` });
  }

  const server = await startServer((req, res, recorded) => {
    void recorded.ended.then(() => answer(req, res, recorded.body()));
  });
  const self: OrgRegistry = { url: server.url, host: server.host, server, seen, orgs, teams, packages, membershipAnswer: undefined, close: () => server.close() };
  return self;
}
