import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { listenOnLoopback } from './listen-on-loopback';

/** One CONNECT the proxy received. */
export interface Tunnel {
  /** `host:port`, as asked for. */
  readonly target: string;
  readonly headers: IncomingHttpHeaders;
  /** Every byte the client sent through the tunnel (TLS records, for an https target). */
  readonly fromClient: () => Buffer;
}

/** A forward proxy that opens tunnels (CONNECT) to 127.0.0.1 and refuses everything else. */
export interface TunnelProxy {
  /** `http://127.0.0.1:PORT`, for `https-proxy` or `proxy`. */
  readonly url: string;
  readonly tunnels: readonly Tunnel[];
  /** Requests that were not CONNECT (refused with 405), as `METHOD target`. */
  readonly refused: readonly string[];
  close(): Promise<void>;
}

/**
 * Starts a CONNECT-capable proxy on 127.0.0.1, as corporate proxies in front
 * of https registries are: it answers `CONNECT 127.0.0.1:PORT` with 200 and
 * relays bytes both ways, seeing only what the client sends in the clear.
 */
export async function startTunnelProxy(): Promise<TunnelProxy> {
  const tunnels: Tunnel[] = [];
  const refused: string[] = [];
  const sockets = new Set<Socket | Duplex>();
  const track = (socket: Socket | Duplex) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };

  const server = createServer((req, res) => {
    refused.push(`${req.method} ${req.url}`);
    res.writeHead(405, { 'content-type': 'text/plain', connection: 'close' });
    res.end('this proxy only opens tunnels');
  });
  server.on('connection', track);
  server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    track(client);
    const target = req.url ?? '';
    const seen: Buffer[] = [head];
    tunnels.push({ target, headers: req.headers, fromClient: () => Buffer.concat(seen) });
    const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
    if (host !== '127.0.0.1' || !port) {
      client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      client.on('data', (chunk: Buffer) => seen.push(chunk));
      client.pipe(upstream).pipe(client);
    });
    track(upstream);
    upstream.once('close', () => client.destroy());
    client.once('close', () => upstream.destroy());
  });
  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    refused,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
