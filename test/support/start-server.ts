import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { listenOnLoopback } from './listen-on-loopback';

/** What a loopback server saw of one request. */
export interface RecordedRequest {
  readonly method: string;
  /** The request target as sent: a path, or an absolute URL when it came through a forward proxy. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The body received so far, as text. */
  readonly body: () => string;
  /** Resolves when the whole body has arrived. */
  readonly ended: Promise<void>;
  /** Resolves when the socket that carried the request closes. */
  readonly socketClosed: Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, recorded: RecordedRequest) => void;

/** A real node:http server on 127.0.0.1 and an ephemeral port. */
export interface TestServer {
  /** `http://127.0.0.1:PORT/` (ends with `/`). */
  readonly url: string;
  /** `127.0.0.1:PORT`, as it appears in a Host header and a nerf-dart key. */
  readonly host: string;
  readonly port: number;
  /** The node:http server itself, for events beyond requests (e.g. `connect`). */
  readonly server: Server;
  /** Every request, in the order they arrived. */
  readonly requests: readonly RecordedRequest[];
  /** Resolves with the `count`-th request (1-based) once it has arrived. */
  received(count: number): Promise<RecordedRequest>;
  /** Drops every connection, even ones in the middle of a request, and stops listening. */
  close(): Promise<void>;
}

/** One promise per socket: keep-alive sockets carry many requests. */
const closedSockets = new WeakMap<Socket, Promise<void>>();

function socketClosed(socket: Socket): Promise<void> {
  let closed = closedSockets.get(socket);
  if (!closed) {
    closed = socket.destroyed ? Promise.resolve() : new Promise((resolve) => socket.once('close', () => resolve()));
    closedSockets.set(socket, closed);
  }
  return closed;
}

function record(req: IncomingMessage): RecordedRequest {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => {
    req.once('end', () => resolve());
    req.once('close', () => resolve());
  });
  return {
    method: req.method ?? '',
    url: req.url ?? '',
    headers: req.headers,
    body: () => Buffer.concat(chunks).toString('utf8'),
    ended,
    socketClosed: socketClosed(req.socket),
  };
}

/** Answers with JSON (or nothing for `undefined`), with extra headers. */
export function sendJson(res: ServerResponse, statusCode: number, data?: unknown, headers: Record<string, string> = {}): void {
  const body = data === undefined ? '' : JSON.stringify(data);
  res.writeHead(statusCode, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** Waits until the server has received the whole body, then answers. */
export function afterBody(handler: Handler): Handler {
  return (req, res, recorded) => {
    void recorded.ended.then(() => handler(req, res, recorded));
  };
}

/**
 * Starts a server whose `handler` answers each request (or never does). The
 * request is recorded before the handler runs; its body is recorded as it
 * arrives, alongside anything the handler reads.
 *
 * @example
 * const server = await startServer((req, res) => sendJson(res, 200, { ok: true }));
 * // …
 * await server.close();
 */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const waiters: { count: number; resolve: (req: RecordedRequest) => void }[] = [];
  const server: Server = createServer((req, res) => {
    const recorded = record(req);
    requests.push(recorded);
    for (const waiter of waiters.filter((w) => w.count === requests.length)) waiter.resolve(recorded);
    handler(req, res, recorded);
  });
  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}/`,
    host: `127.0.0.1:${port}`,
    port,
    server,
    requests,
    received(count) {
      if (requests.length >= count) return Promise.resolve(requests[count - 1]);
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on 127.0.0.1 with nothing listening: a server was started there and closed. */
export async function closedPort(): Promise<number> {
  const server = await startServer(() => undefined);
  await server.close();
  return server.port;
}
