import { createSecureServer, type Http2ServerRequest, type Http2ServerResponse, type Http2Session } from 'node:http2';
import type { TLSSocket } from 'node:tls';
import { listenOnLoopback } from './listen-on-loopback';
import type { KeyPair } from './self-signed-cert';

/** What the server saw of one request, over either protocol. */
export interface Http2Recorded {
  readonly method: string;
  readonly path: string;
  /** `2.0` or `1.1`. */
  readonly httpVersion: string;
  readonly headers: Http2ServerRequest['headers'];
  /** Which TLS connection carried it: 1 for the first the server accepted. */
  readonly connection: number;
  /** Its HTTP/2 stream's id (0 over HTTP/1.1). */
  readonly streamId: number;
  /** The body received so far, as text. */
  readonly body: () => string;
  /** Resolves when the whole body has arrived (or the stream is gone). */
  readonly ended: Promise<void>;
  /** Resolves when the stream (or HTTP/1.1 exchange) is closed: whether the handler had ended its answer by then. */
  readonly closed: Promise<{ readonly answered: boolean }>;
}

export type Http2Handler = (req: Http2ServerRequest, res: Http2ServerResponse, recorded: Http2Recorded) => void;

export interface Http2ServerOptions {
  /** What the server accepts in ALPN, in its order of preference. Default both, h2 first. */
  readonly alpn?: ReadonlyArray<'h2' | 'http/1.1'>;
}

/** A loopback https server speaking HTTP/2 (node:http2) and, if offered, HTTP/1.1. */
export interface Http2TestServer {
  /** `https://127.0.0.1:PORT/`. */
  readonly url: string;
  /** `127.0.0.1:PORT`. */
  readonly host: string;
  /** TLS connections accepted, each with what ALPN chose (`h2`, `http/1.1`, or `none`). */
  readonly connections: readonly string[];
  /** HTTP/2 sessions still open. */
  readonly openSessions: number;
  readonly requests: readonly Http2Recorded[];
  /** Resolves with the `count`-th request (1-based) once it has arrived. */
  received(count: number): Promise<Http2Recorded>;
  /** Sends GOAWAY on every open session, naming `lastStreamId` as the last stream it will answer, and closes them. */
  goAway(lastStreamId: number): void;
  /** Destroys every session and connection, and stops listening. */
  close(): Promise<void>;
}

/** Answers with JSON, with a Content-Length and extra headers. */
export function sendJson(res: Http2ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(data);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

function chosen(socket: TLSSocket): string {
  return typeof socket.alpnProtocol === 'string' ? socket.alpnProtocol : 'none';
}

/**
 * Starts `node:http2`'s secure server on 127.0.0.1 and a port the kernel
 * picks, with the given certificate. ALPN is chosen by the server from what
 * it accepts, in its order, among what the client offers.
 *
 * @example
 * const server = await startHttp2Server(await selfSignedCert(folder), (req, res) => res.end('{}'));
 * // …
 * await server.close();
 */
export async function startHttp2Server(pair: KeyPair, handler: Http2Handler, { alpn = ['h2', 'http/1.1'] }: Http2ServerOptions = {}): Promise<Http2TestServer> {
  const connections: string[] = [];
  const sockets = new Set<TLSSocket>();
  /** Connection numbers by the client's port: node:http2 hands requests a proxy of the socket, not the socket. */
  const numbers = new Map<number | undefined, number>();
  const sessions = new Set<Http2Session>();
  const requests: Http2Recorded[] = [];
  const waiters: Array<{ count: number; resolve: (req: Http2Recorded) => void }> = [];

  const server = createSecureServer({
    ...pair,
    allowHTTP1: alpn.includes('http/1.1'),
    ALPNCallback: ({ protocols }) => alpn.find((p) => protocols.includes(p)),
  });
  server.on('secureConnection', (socket: TLSSocket) => {
    connections.push(chosen(socket));
    sockets.add(socket);
    numbers.set(socket.remotePort, connections.length);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  server.on('session', (session: Http2Session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
    session.on('error', () => undefined);
  });
  server.on('tlsClientError', () => undefined);
  server.on('request', (req: Http2ServerRequest, res: Http2ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => undefined);
    const stream = req.httpVersion === '2.0' ? req.stream : undefined;
    stream?.on('error', () => undefined);
    const recorded: Http2Recorded = {
      method: req.method,
      path: req.url,
      httpVersion: req.httpVersion,
      headers: req.headers,
      connection: numbers.get(req.socket.remotePort) ?? 0,
      streamId: stream?.id ?? 0,
      body: () => Buffer.concat(chunks).toString('utf8'),
      ended: new Promise((resolve) => {
        req.once('end', () => resolve());
        req.once('close', () => resolve());
      }),
      closed: new Promise((resolve) => res.once('close', () => resolve({ answered: res.writableEnded }))),
    };
    requests.push(recorded);
    for (const waiter of waiters.filter((w) => w.count === requests.length)) waiter.resolve(recorded);
    handler(req, res, recorded);
  });

  const port = await listenOnLoopback(server);
  return {
    url: `https://127.0.0.1:${port}/`,
    host: `127.0.0.1:${port}`,
    connections,
    get openSessions() {
      return sessions.size;
    },
    requests,
    received(count) {
      if (requests.length >= count) return Promise.resolve(requests[count - 1]);
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    goAway(lastStreamId) {
      for (const session of sessions) {
        session.goaway(0, lastStreamId);
        session.close();
      }
    },
    async close() {
      for (const session of sessions) session.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
