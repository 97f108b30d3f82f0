import type { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { buildConnector, Client, Dispatcher, Pool } from 'undici';

/**
 * Requests the HTTP/2 connection carries at once; the rest wait their turn in
 * undici's queue. The least a server should allow (RFC 9113 §6.5.2 asks for
 * at least 100): undici does not hold its streams to the server's
 * SETTINGS_MAX_CONCURRENT_STREAMS, and a stream beyond it is refused
 * (REFUSED_STREAM, which is retried).
 */
export const H2_STREAMS = 100;

export type Protocol = 'h2' | 'http/1.1';

const FORWARDED = ['connect', 'disconnect', 'connectionError', 'drain'] as const;

function isConnector(value: unknown): value is buildConnector.connector {
  return typeof value === 'function';
}

function protocolOf(socket: Socket): Protocol {
  return 'alpnProtocol' in socket && socket.alpnProtocol === 'h2' ? 'h2' : 'http/1.1';
}

/** What an origin's dispatcher needs: the Agent's options, and what earlier connections to it said. */
export interface Http2OriginOptions {
  readonly origin: URL;
  /** The options an Agent hands its factory (`connections`, `connect`, timeouts…). */
  readonly agentOptions: object;
  /** Shared by every origin of one Agent: what each origin chose, so later dispatchers start right. */
  readonly protocols: Map<string, Protocol>;
}

/**
 * One https origin's connections when `http2` is on. undici multiplexes
 * HTTP/2 only with `pipelining` above 1, while pipelining on HTTP/1.1 is
 * unsafe with registries (a slow answer holds up the ones behind it, a
 * failure takes them down) and the pool size that suits one protocol does
 * not suit the other. So the choice is made per origin, from ALPN:
 *
 * - h2: one connection (a `Client` with pipelining `H2_STREAMS`) carries
 *   every request;
 * - http/1.1: a `Pool` of `connections` (`maxsockets`) sockets, one request
 *   each at a time, as without `http2`.
 *
 * Until the origin's first connection has answered, one request goes ahead
 * on it and the others wait, so a cold burst opens one connection instead of
 * `maxsockets` before any could say that one was enough.
 *
 * @example
 * const agent = new Agent({ connections: 16, factory: (origin, agentOptions) => new Http2OriginDispatcher({ origin: new URL(origin), agentOptions, protocols }) });
 */
export class Http2OriginDispatcher extends Dispatcher {
  private h2?: Client;
  private h1?: Pool;
  private held: Array<[Dispatcher.DispatchOptions, Dispatcher.DispatchHandler]> = [];
  private probing = false;
  /** Whether the HTTP/1.1 pool has taken the probe in as one of its `maxsockets` clients. */
  private adopted = false;

  constructor(private readonly options: Http2OriginOptions) {
    super();
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const known = this.options.protocols.get(this.options.origin.origin);
    if (known === 'http/1.1') return this.pool().dispatch(options, handler);
    if (known === 'h2' || !this.probing) {
      this.probing = true;
      return this.client().dispatch(options, handler);
    }
    this.held.push([options, handler]);
    // Accepted: undici waits for `drain` only when this is false.
    return true;
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    const closed = Promise.all([this.h2, this.h1].map((target) => (target && !target.closed ? target.close() : undefined))).then(() => undefined);
    if (!callback) return closed;
    void closed.then(callback);
  }

  override destroy(): Promise<void>;
  override destroy(err: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(err: Error | null, callback: () => void): void;
  override destroy(errOrCallback?: Error | null | (() => void), callback?: () => void): Promise<void> | void {
    const err = typeof errOrCallback === 'function' ? null : (errOrCallback ?? null);
    const done = typeof errOrCallback === 'function' ? errOrCallback : callback;
    this.release();
    const destroyed = Promise.all([this.h2, this.h1].map((target) => target?.destroy(err))).then(() => undefined);
    if (!done) return destroyed;
    void destroyed.then(done);
  }

  /** The h2 connection, which is also the probe: its pipelining follows what each of its connections negotiated. */
  private client(): Client {
    if (this.h2) return this.h2;
    const { origin, agentOptions } = this.options;
    let negotiated: Protocol = 'http/1.1';
    // The Agent's own `connect` is TLS options; through a proxy it is the tunnel, whose TLS offers h2 from `requestTls`.
    const given = 'connect' in agentOptions ? agentOptions.connect : undefined;
    const connect = isConnector(given) ? given : buildConnector({ ...(typeof given === 'object' && given !== null ? given : {}), allowH2: true });
    const client = new Client(origin, {
      ...agentOptions,
      allowH2: true,
      pipelining: H2_STREAMS,
      connect: (params, callback) =>
        connect(params, (...args) => {
          if (args[1]) negotiated = protocolOf(args[1]);
          callback(...args);
        }),
    });
    client.on('connect', () => {
      client.pipelining = negotiated === 'h2' ? H2_STREAMS : 1;
      this.learned(negotiated);
    });
    client.on('connectionError', () => this.failed());
    this.forward(client, () => !this.adopted);
    return (this.h2 = client);
  }

  /** The HTTP/1.1 pool; its first client is the probe, when there was one, so the origin has `maxsockets` connections in all. */
  private pool(): Pool {
    if (this.h1) return this.h1;
    const pool = new Pool(this.options.origin, {
      ...this.options.agentOptions,
      allowH2: false,
      factory: (origin, options) => {
        const probe = this.h2;
        if (this.adopted || !probe || probe.closed) return new Client(origin, options);
        this.adopted = true;
        return probe;
      },
    });
    this.forward(pool, () => true);
    return (this.h1 = pool);
  }

  private learned(protocol: Protocol): void {
    this.options.protocols.set(this.options.origin.origin, protocol);
    this.release();
  }

  /**
   * The probe could not connect: what was held goes now, onto the same
   * client, which makes one more attempt for all of it rather than one per
   * request. With nothing held, the next request probes again.
   */
  private failed(): void {
    const held = this.held.splice(0);
    this.probing = held.length > 0;
    for (const [options, handler] of held) this.client().dispatch(options, handler);
  }

  private release(): void {
    for (const [options, handler] of this.held.splice(0)) this.dispatch(options, handler);
  }

  /** The Agent counts connections by these events to know when to drop an origin: each must reach it once. */
  private forward(target: EventEmitter, when: () => boolean): void {
    const self: EventEmitter = this;
    for (const name of FORWARDED) target.on(name, (...args: unknown[]) => when() && self.emit(name, ...args));
  }
}
