import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { sendJson, startServer, type RecordedRequest, type TestServer } from './start-server';

/** A forward HTTP proxy: what it was asked to fetch, and the server it runs on. */
export interface TestProxy {
  /** `http://127.0.0.1:PORT`, for the client's `proxy` setting. */
  readonly url: string;
  /** Every request the proxy received; `url` is the absolute-form target of a forwarded request. */
  readonly requests: readonly RecordedRequest[];
  /** The targets of CONNECT requests (`host:port`), which this proxy refuses. */
  readonly tunnels: readonly string[];
  close(): Promise<void>;
}

/**
 * Starts a tiny forward proxy on 127.0.0.1: it takes absolute-form requests
 * (`GET http://host:port/path HTTP/1.1`) and forwards them to that target,
 * which must be on 127.0.0.1. Tunnels (CONNECT) and anything else are refused
 * with 405, so a test sees which form the client used.
 */
export async function startProxy(): Promise<TestProxy> {
  const server: TestServer = await startServer((req, res) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      sendJson(res, 405, { error: 'this proxy only forwards absolute-form requests' });
      return;
    }
    if (target.protocol !== 'http:' || target.hostname !== '127.0.0.1') {
      sendJson(res, 403, { error: 'this proxy only forwards to 127.0.0.1' });
      return;
    }
    const { 'proxy-connection': _dropped, ...headers } = req.headers;
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (!res.headersSent) sendJson(res, 502, { error: `proxy: ${error.message}` });
      else res.destroy();
    });
    req.pipe(upstream);
  });
  const tunnels: string[] = [];
  server.server.on('connect', (req: IncomingMessage, socket: Duplex) => {
    tunnels.push(req.url ?? '');
    socket.end('HTTP/1.1 405 Method Not Allowed\r\ncontent-length: 0\r\n\r\n');
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    requests: server.requests,
    tunnels,
    close: () => server.close(),
  };
}
