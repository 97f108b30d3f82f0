import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { listenOnLoopback } from '../../support/listen-on-loopback';

/**
 * A small registry on 127.0.0.1 for what Verdaccio does not do, answering as
 * the public registry's API documents: writes that demand a one-time password
 * (401 with `www-authenticate: OTP`), package owners (`maintainers` written
 * back with the document's `_rev`), and a path that never answers.
 */
export interface LoopbackRegistry {
  /** `http://127.0.0.1:PORT/`. */
  readonly url: string;
  /** When set, every write without `npm-otp: <code>` is refused with EOTP. */
  otp: string | undefined;
  /** The owners of `name`, as stored. */
  maintainers(name: string): Array<{ name: string; email?: string }>;
  /** Methods and URLs of the requests so far, with the npm-otp header each carried. */
  readonly requests: Array<{ method: string; url: string; otp?: string }>;
  /** Resolves once a request to a path starting with `/never` has arrived. */
  hanging(): Promise<void>;
  close(): Promise<void>;
}

const OTP_MESSAGE = 'You must provide a one-time pass. Upgrade your client to npm@latest in order to use 2FA.';

function body(req: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => done(text));
    req.on('error', fail);
  });
}

function send(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export async function startLoopbackRegistry(packages: Record<string, Array<{ name: string; email?: string }>>): Promise<LoopbackRegistry> {
  const docs = new Map(Object.entries(packages).map(([name, maintainers]) => [name, { rev: 1, maintainers }]));
  const users = new Map([['ada', 'ada@example.com'], ['bob', 'bob@example.com'], ['carol', 'carol@example.com']]);
  const sockets = new Set<Socket>();
  const requests: LoopbackRegistry['requests'] = [];
  let hung: () => void = () => undefined;
  const hanging = new Promise<void>((done) => (hung = done));

  const self: LoopbackRegistry = {
    url: '',
    otp: undefined,
    maintainers: (name) => docs.get(name)?.maintainers ?? [],
    requests,
    hanging: () => hanging,
    close: async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((done) => server.close(() => done()));
    },
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const otp = req.headers['npm-otp'] as string | undefined;
    requests.push({ method: req.method ?? '', url: url.pathname + url.search, otp });
    if (url.pathname.startsWith('/never')) return hung(); // no answer, ever
    const text = await body(req);
    const write = req.method !== 'GET' && req.method !== 'HEAD';
    if (write && self.otp !== undefined && otp !== self.otp) return send(res, 401, { error: OTP_MESSAGE }, { 'www-authenticate': 'OTP' });

    if (url.pathname === '/-/ping') return send(res, 200, {});
    if (url.pathname === '/-/whoami') return send(res, 200, { username: 'ada' });
    const user = /^\/-\/user\/org\.couchdb\.user:(.+)$/.exec(url.pathname)?.[1];
    if (user) return users.has(user) ? send(res, 200, { name: user, email: users.get(user) }) : send(res, 404, { error: 'not found' });

    const [, encoded, revMark, rev] = /^\/([^/]+)(?:\/(-rev)\/([^/]+))?$/.exec(url.pathname) ?? [];
    const name = encoded ? decodeURIComponent(encoded) : '';
    const doc = docs.get(name);
    if (req.method === 'GET' && doc) {
      const version = { name, version: '1.0.0', maintainers: doc.maintainers, dist: { tarball: `${self.url}${name}/-/${name}-1.0.0.tgz` } };
      return send(res, 200, { _id: name, _rev: `${doc.rev}-abc`, name, maintainers: doc.maintainers, 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': version } });
    }
    if (req.method === 'PUT' && !revMark) {
      // A publish: accepted (once it has the one-time password).
      const published = JSON.parse(text) as { name: string };
      docs.set(published.name, { rev: 1, maintainers: [{ name: 'ada', email: 'ada@example.com' }] });
      return send(res, 201, { ok: true, id: published.name });
    }
    if (req.method === 'PUT' && revMark && doc) {
      if (rev !== `${doc.rev}-abc`) return send(res, 409, { error: 'Document update conflict.' });
      const update = JSON.parse(text) as { maintainers: Array<{ name: string; email?: string }> };
      docs.set(name, { rev: doc.rev + 1, maintainers: update.maintainers });
      return send(res, 200, { ok: true, id: name, rev: `${doc.rev + 1}-abc` });
    }
    return send(res, 404, { error: 'Not found' });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  Object.assign(self, { url: `http://127.0.0.1:${await listenOnLoopback(server)}/` });
  return self;
}
