import { createServer, type Socket } from 'node:net';
import { listenOnLoopback } from './listen-on-loopback';

/** A TCP server on 127.0.0.1 that answers every HTTP request with bytes the test wrote by hand. */
export interface RawHttpServer {
  /** `http://127.0.0.1:PORT/`. */
  readonly url: string;
  /** Connections accepted so far. */
  readonly connections: number;
  /** The request heads received (request line and headers), one per request. */
  readonly heads: readonly string[];
  /** Resolves when every connection accepted so far has closed. */
  allClosed(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a server that reads each request's head and writes `response` (raw
 * HTTP/1.1 bytes, which need not be valid) in answer, then closes the
 * connection — so a test can send what no well-behaved server library would:
 * broken header lines, bad status lines, conflicting lengths.
 */
export async function startRawHttpServer(response: string | Buffer): Promise<RawHttpServer> {
  const heads: string[] = [];
  const sockets = new Set<Socket>();
  const closed: Promise<void>[] = [];
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    closed.push(new Promise((resolve) => socket.once('close', () => resolve())));
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      if (end === -1) return;
      heads.push(received.slice(0, end));
      received = received.slice(end + 4);
      socket.end(response);
    });
  });
  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}/`,
    get connections() {
      return connections;
    },
    heads,
    allClosed: () => Promise.all([...closed]).then(() => undefined),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
