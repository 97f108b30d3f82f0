import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';

/**
 * What the proxy does with one request:
 * - `pass`: forwards it upstream and relays the answer (the upstream's origin
 *   in a JSON body is rewritten to the proxy's, so tarball URLs come back here);
 * - `reset-before-headers`: resets the connection (TCP RST) before answering;
 * - `reset-mid-body`: sends the headers and half the upstream body, then resets;
 * - `hang`: accepts the request and never answers;
 * - `short-body`: the upstream's headers (Content-Length included), half the
 *   body, then a clean close;
 * - `invalid-json`: 200 `application/json` with a body that is cut-off JSON;
 * - `corrupt-body`: the upstream's answer with one byte of the body flipped;
 * - `{ status }`: that status with a small JSON body and extra headers.
 */
export type Fault =
  | 'pass'
  | 'reset-before-headers'
  | 'reset-mid-body'
  | 'hang'
  | 'short-body'
  | 'invalid-json'
  | 'corrupt-body'
  | { readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly body?: unknown };

/** Text in every invalid-JSON body, so a test can look for it in the cache. */
export const INVALID_JSON_MARKER = 'rxnpm-fault-proxy-invalid-json';

/** A request the proxy received, and the fault it answered with. */
export interface FaultedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly fault: Fault;
}

export interface FaultScript {
  /** Used in order, one per matching request. */
  readonly faults: readonly Fault[];
  /** What matching requests get once `faults` are used up. Default `pass`. */
  readonly then?: Fault;
  /** Which requests the script applies to (the others pass). Default: all. */
  readonly when?: (req: { method: string; url: string }) => boolean;
}

export interface FaultProxy {
  /** `http://127.0.0.1:PORT/`, for the client's `registry`. */
  readonly url: string;
  readonly port: number;
  readonly requests: readonly FaultedRequest[];
  /** Replaces the script; requests before it keep what they got. */
  script(script: FaultScript): void;
  /** Stops listening, so connections are refused (ECONNREFUSED); open connections stay. */
  refuseConnections(): Promise<void>;
  /** Listens again on the same port. */
  acceptConnections(): Promise<void>;
  /** TCP connections accepted so far. */
  readonly connectionCount: number;
  /** Connections accepted and not yet closed. */
  readonly openConnections: number;
  /** Resolves when every connection accepted so far has closed. */
  allConnectionsClosed(): Promise<void>;
  /** Destroys every connection and stops listening. */
  close(): Promise<void>;
}

interface Upstream {
  readonly status: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

/** Forwards a request upstream on a fresh connection and reads the whole answer. */
function fetchUpstream(target: URL, req: IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const { host: _host, connection: _connection, 'keep-alive': _keepAlive, ...headers } = req.headers;
    const out = httpRequest(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...headers, host: target.host }, agent: false },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => resolve({ status: answer.statusCode ?? 502, headers: answer.headers as Record<string, string | string[]>, body: Buffer.concat(chunks) }));
        answer.on('error', reject);
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

/** Reads the whole request body. */
function bodyOf(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('close', () => resolve(Buffer.concat(chunks)));
  });
}

/** Headers to relay: hop-by-hop ones dropped, the length made to match `body`. */
function relayedHeaders(headers: Upstream['headers'], length: number): Record<string, string | string[]> {
  const { connection: _c, 'keep-alive': _k, 'transfer-encoding': _t, 'content-length': _l, ...rest } = headers;
  return { ...rest, 'content-length': String(length) };
}

/**
 * A loopback HTTP server in front of a real upstream registry whose answer to
 * each request is scripted: relayed as it is, or one of the faults a network,
 * a proxy or a broken registry produces. It counts connections, so a test can
 * check that every socket the client opened was closed.
 *
 * @example
 * const proxy = await startFaultProxy(registry.url);
 * proxy.script({ faults: ['reset-before-headers', { status: 503 }] });   // then everything passes
 */
export async function startFaultProxy(upstreamUrl: string): Promise<FaultProxy> {
  const upstream = new URL(upstreamUrl);
  const upstreamOrigin = upstream.origin;
  const requests: FaultedRequest[] = [];
  const sockets = new Set<Socket>();
  const socketClosed: Promise<void>[] = [];
  let connectionCount = 0;
  let current: Required<FaultScript> & { used: number } = { faults: [], then: 'pass', when: () => true, used: 0 };
  let proxyOrigin = '';

  function pickFault(req: IncomingMessage): Fault {
    const request = { method: req.method ?? 'GET', url: req.url ?? '/' };
    if (!current.when(request)) return 'pass';
    return current.used < current.faults.length ? current.faults[current.used++] : current.then;
  }

  async function answer(req: IncomingMessage, res: ServerResponse, fault: Fault): Promise<void> {
    const body = await bodyOf(req);
    if (fault === 'hang') return;
    if (fault === 'reset-before-headers') {
      req.socket.resetAndDestroy();
      return;
    }
    if (fault === 'invalid-json') {
      const text = `{"name":"${INVALID_JSON_MARKER}","versions":{"1.0.0":{"name":`;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
      return;
    }
    if (typeof fault === 'object') {
      const text = JSON.stringify(fault.body ?? { error: `fault proxy: ${fault.status}` });
      res.writeHead(fault.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...fault.headers });
      res.end(text);
      return;
    }
    const got = await fetchUpstream(upstream, req, body);
    const isJson = /json/.test(String(got.headers['content-type'] ?? ''));
    let bytes = isJson ? Buffer.from(got.body.toString('utf8').split(upstreamOrigin).join(proxyOrigin)) : got.body;
    if (fault === 'corrupt-body' && bytes.length > 0) {
      bytes = Buffer.from(bytes);
      bytes[bytes.length - 1] ^= 0xff;
    }
    res.writeHead(got.status, relayedHeaders(got.headers, bytes.length));
    if (fault === 'pass' || fault === 'corrupt-body') {
      res.end(bytes);
      return;
    }
    // Half the body, flushed, then the connection goes: reset, or closed cleanly short of Content-Length.
    const half = bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2)));
    res.write(half, () => {
      setImmediate(() => (fault === 'reset-mid-body' ? req.socket.resetAndDestroy() : req.socket.end()));
    });
  }

  const http = createHttpServer((req, res) => {
    const fault = pickFault(req);
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, fault });
    answer(req, res, fault).catch((error: Error) => {
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: `fault proxy: upstream failed: ${error.message}` }));
      } else res.destroy();
    });
  });
  // No keep-alive timer of the server's own: a socket closes when the client closes it, or when the proxy does.
  http.keepAliveTimeout = 0;

  const onConnection = (socket: Socket) => {
    connectionCount += 1;
    sockets.add(socket);
    socketClosed.push(new Promise((resolve) => socket.once('close', () => resolve())));
    socket.once('close', () => sockets.delete(socket));
    http.emit('connection', socket);
  };

  let listener: NetServer | undefined;
  let port = 0;
  const listen = async (): Promise<void> => {
    const server = createNetServer(onConnection);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    listener = server;
    port = (server.address() as AddressInfo).port;
  };
  /** Stops accepting; the sockets it accepted belong to the HTTP server and stay open. */
  const unlisten = async (): Promise<void> => {
    const server = listener;
    listener = undefined;
    if (!server) return;
    // The listening socket closes at once; close()'s callback also waits for the connections it accepted,
    // which are counted, and closed by the client or by close(), elsewhere.
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      if (sockets.size > 0) resolve();
    });
  };

  await listen();
  proxyOrigin = `http://127.0.0.1:${port}`;

  return {
    url: `${proxyOrigin}${upstream.pathname}`,
    port,
    requests,
    script(script) {
      current = { faults: [...script.faults], then: script.then ?? 'pass', when: script.when ?? (() => true), used: 0 };
    },
    refuseConnections: unlisten,
    acceptConnections: async () => {
      if (!listener) await listen();
    },
    get connectionCount() {
      return connectionCount;
    },
    get openConnections() {
      return sockets.size;
    },
    allConnectionsClosed: () => Promise.all([...socketClosed]).then(() => undefined),
    async close() {
      for (const socket of sockets) socket.destroy();
      await unlisten();
      http.close();
    },
  };
}
