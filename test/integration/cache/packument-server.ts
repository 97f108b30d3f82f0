import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson, startServer, type RecordedRequest, type TestServer } from '../../support/start-server';

/** The Accept header npm sends for the abbreviated ("corgi") packument. */
export const CORGI_ACCEPT = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*';

export interface Packument {
  readonly name: string;
  readonly 'dist-tags': Readonly<Record<string, string>>;
  readonly versions: Readonly<Record<string, { name: string; version: string; description?: string; dist: { tarball: string; shasum: string } }>>;
  readonly time: Readonly<Record<string, string>>;
  readonly readme: string;
}

/** A packument with these versions (the last is `latest`) and a readme of about `readmeBytes` bytes. */
export function packument(name: string, versions: readonly string[], { readmeBytes = 64 } = {}): Packument {
  const shasum = (v: string) => createHash('sha1').update(`${name}@${v}`).digest('hex');
  return {
    name,
    'dist-tags': { latest: versions[versions.length - 1] },
    versions: Object.fromEntries(
      versions.map((v) => [v, { name, version: v, description: `${name} at ${v}`, dist: { tarball: `http://registry.test/${name}/-/${name}-${v}.tgz`, shasum: shasum(v) } }]),
    ),
    time: Object.fromEntries(versions.map((v, i) => [v, new Date(Date.UTC(2024, 0, 1 + i)).toISOString()])),
    readme: `# ${name}\n`.padEnd(readmeBytes, '.'),
  };
}

/** The abbreviated document a registry sends for the corgi Accept. */
export function abbreviated(doc: Packument) {
  return {
    name: doc.name,
    'dist-tags': doc['dist-tags'],
    modified: Object.values(doc.time).sort().pop(),
    versions: Object.fromEntries(Object.entries(doc.versions).map(([v, { name, version, dist }]) => [v, { name, version, dist }])),
  };
}

/** What the server answered to one request. */
export interface Answer {
  readonly path: string;
  readonly status: number;
  readonly ifNoneMatch?: string;
}

/**
 * A loopback registry serving packuments as npm's registry does: a strong
 * ETag per body, 304 to a matching If-None-Match, the abbreviated document
 * for the corgi Accept, 404 for an unknown package. Tests change what it
 * serves, make it fail, or hold its answers.
 */
export interface PackumentServer {
  /** Ends with `/`. */
  readonly url: string;
  readonly server: TestServer;
  readonly requests: readonly RecordedRequest[];
  readonly answers: readonly Answer[];
  /** Requests for one path (query ignored), e.g. `/left-pad`. */
  requestsFor(path: string): RecordedRequest[];
  /** Serves `doc` at `/<name>` from now on. */
  publish(doc: Packument): void;
  /** The package is gone: 404 from now on. */
  unpublish(name: string): void;
  /** The next `count` requests get `status` (with `headers`) instead of the document. */
  failNext(count: number, status: number, headers?: Record<string, string>): void;
  /** Holds every answer until `release()`. */
  hold(): void;
  /** Sends the held answers; with `keepHolding`, later requests are held again. */
  release(options?: { keepHolding?: boolean }): void;
  /** How many requests are waiting for an answer. */
  readonly waiting: number;
  close(): Promise<void>;
}

function nameOf(url: string): string {
  const path = new URL(url, 'http://loopback').pathname.slice(1);
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export async function startPackumentServer(...docs: Packument[]): Promise<PackumentServer> {
  const served = new Map<string, Packument>(docs.map((d) => [d.name, d]));
  const answers: Answer[] = [];
  const failures: Array<{ status: number; headers: Record<string, string> }> = [];
  let held: Array<() => void> | undefined;

  function answer(url: string, accept: string, ifNoneMatch: string | undefined, res: ServerResponse) {
    // The client may have given up (unsubscribed) while the answer was held.
    if (res.destroyed || res.socket?.destroyed) return;
    const path = new URL(url, 'http://loopback').pathname;
    const failure = failures.shift();
    if (failure) {
      answers.push({ path, status: failure.status, ifNoneMatch });
      return sendJson(res, failure.status, { error: `failing on purpose with ${failure.status}` }, failure.headers);
    }
    const doc = served.get(nameOf(url));
    if (!doc) {
      answers.push({ path, status: 404, ifNoneMatch });
      return sendJson(res, 404, { error: 'not found' });
    }
    const corgi = accept.includes('application/vnd.npm.install-v1+json');
    const body = JSON.stringify(corgi ? abbreviated(doc) : doc);
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    const headers = { etag, 'content-type': corgi ? 'application/vnd.npm.install-v1+json' : 'application/json', vary: 'accept' };
    if (ifNoneMatch === etag) {
      answers.push({ path, status: 304, ifNoneMatch });
      res.writeHead(304, headers);
      return res.end();
    }
    answers.push({ path, status: 200, ifNoneMatch });
    res.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }

  const server = await startServer((req, res) => {
    const url = req.url ?? '/';
    const accept = req.headers.accept ?? '';
    const ifNoneMatch = req.headers['if-none-match'];
    const send = () => answer(url, accept, ifNoneMatch, res);
    if (held) held.push(send);
    else send();
  });

  return {
    url: server.url,
    server,
    requests: server.requests,
    answers,
    requestsFor: (path) => server.requests.filter((r) => new URL(r.url, 'http://loopback').pathname === path),
    publish: (doc) => void served.set(doc.name, doc),
    unpublish: (name) => void served.delete(name),
    failNext(count, status, headers = {}) {
      for (let i = 0; i < count; i++) failures.push({ status, headers });
    },
    hold() {
      held ??= [];
    },
    release({ keepHolding = false } = {}) {
      const waiting = held ?? [];
      held = keepHolding ? [] : undefined;
      waiting.forEach((send) => send());
    },
    get waiting() {
      return held?.length ?? 0;
    },
    close: () => server.close(),
  };
}
