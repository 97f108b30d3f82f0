import type { Server } from 'node:http';

/** What a server has seen of its TCP connections, counted as they open and close. */
export interface SocketCount {
  /** Connections open now. */
  readonly open: number;
  /** The most that were ever open at once. */
  readonly max: number;
  /** Connections accepted in all. */
  readonly total: number;
}

/**
 * Counts the connections `server` accepts from now on. The server sees a
 * socket close a little after the client closed it, so `max` can only
 * overstate what the client held at once, never understate it.
 *
 * @example
 * const sockets = countSockets(server);
 * // … load …
 * expect(sockets.max).toBeLessThanOrEqual(16);
 */
export function countSockets(server: Server): SocketCount {
  const count = { open: 0, max: 0, total: 0 };
  server.on('connection', (socket) => {
    count.open += 1;
    count.total += 1;
    count.max = Math.max(count.max, count.open);
    socket.once('close', () => {
      count.open -= 1;
    });
  });
  return count;
}
