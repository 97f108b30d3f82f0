import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastValueFrom } from 'rxjs';
import { NetworkError, RegistryClient, type RegistryClientConfig } from '../../src';
import { within } from '../integration/cache/bounded';
import { Cleanup } from '../support/cleanup';
import { FAST_RETRY } from '../support/fast-retry';
import { collectLog } from '../support/log-collector';
import { outcomeOf } from '../support/outcome-of';
import { selfSignedCert, type KeyPair } from '../support/self-signed-cert';
import { startTunnelProxy } from '../support/start-tunnel-proxy';
import { tempCache, type TempCache } from '../support/temp-cache';
import { listenOnLoopback } from '../support/listen-on-loopback';

/** A loopback https registry stand-in: what it counted and what it was asked. */
interface HttpsServer {
  readonly url: string;
  readonly host: string;
  /** TCP connections accepted, whether or not the TLS handshake then succeeded. */
  readonly connections: number;
  readonly requests: ReadonlyArray<{ url: string; authorization?: string }>;
  /** Resolves when every connection accepted so far has closed. */
  allClosed(): Promise<void>;
  close(): Promise<void>;
}

async function startHttpsServer(pair: KeyPair): Promise<HttpsServer> {
  const requests: Array<{ url: string; authorization?: string }> = [];
  const sockets = new Set<Socket>();
  const closed: Promise<void>[] = [];
  let connections = 0;
  const server: Server = createServer(pair, (req, res) => {
    requests.push({ url: req.url ?? '', authorization: req.headers.authorization });
    const body = JSON.stringify({ secure: true, path: req.url });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.on('connection', (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    closed.push(new Promise((resolve) => socket.once('close', () => resolve())));
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => undefined);
  const port = await listenOnLoopback(server);
  return {
    url: `https://127.0.0.1:${port}/`,
    host: `127.0.0.1:${port}`,
    get connections() {
      return connections;
    },
    requests,
    allClosed: () => Promise.all([...closed]).then(() => undefined),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('TLS against a loopback https server with a self-signed certificate', () => {
  let folder: string;
  let pair: KeyPair;
  let otherPair: KeyPair;
  let cache: TempCache;
  let server: HttpsServer;
  const open = new Cleanup();

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'rxnpm-tls-'));
    pair = await selfSignedCert(folder, 'registry');
    otherPair = await selfSignedCert(folder, 'stranger');
    cache = await tempCache();
  }, 60_000);
  beforeEach(async () => {
    server = open.track(await startHttpsServer(pair));
  });
  afterEach(() => open.closeAll());
  afterAll(async () => {
    await cache?.remove();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  function client(config: Partial<RegistryClientConfig> = {}): RegistryClient {
    return open.track(new RegistryClient({ registry: server.url, cache: cache.path, ...FAST_RETRY, ...config } as RegistryClientConfig));
  }

  it('by default (strict-ssl) refuses it: one NetworkError DEPTH_ZERO_SELF_SIGNED_CERT, in one connection, not retried', async () => {
    const collector = collectLog();

    const outcome = await outcomeOf(client({ log: collector.log }).request('GET', '/-/ping'));

    expect(outcome.values).toEqual([]);
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.errors[0]).toBeInstanceOf(NetworkError);
    expect(outcome.errors[0]).toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', method: 'GET', url: `${server.url}-/ping` });
    expect(server.connections).toBe(1);
    expect(server.requests).toEqual([]);
    expect(collector.withPrefix('retry')).toEqual([]);
  });

  it('with `ca` set to another certificate, still refuses it, in one connection', async () => {
    const outcome = await outcomeOf(client({ ca: otherPair.cert }).request('GET', '/-/ping'));

    expect(outcome.errors).toHaveLength(1);
    expect(outcome.errors[0]).toBeInstanceOf(NetworkError);
    expect((outcome.errors[0] as NetworkError).code).toMatch(/CERT|SIGNATURE|VERIFY/);
    expect(server.connections).toBe(1);
    expect(server.requests).toEqual([]);
  });

  it.each([
    ['`ca` is its certificate (a string)', () => ({ ca: pair.cert })],
    ['`ca` lists its certificate among others', () => ({ ca: [otherPair.cert, pair.cert] })],
    ['strict-ssl is false', () => ({ 'strict-ssl': false })],
    ['strict-ssl is "false", as an .npmrc gives it', () => ({ 'strict-ssl': 'false' as const })],
  ])('accepts it when %s', async (_label, config) => {
    const res = await lastValueFrom(client(config()).request('GET', '/-/ping'));

    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({ secure: true, path: '/-/ping' });
    expect(server.requests.map((r) => r.url)).toEqual(['/-/ping']);
  });

  describe('through a proxy that opens tunnels (CONNECT)', () => {
    const TOKEN = 'npm_TunnelledToken0123456789abcd';

    it('https-proxy carries the request in a tunnel to 127.0.0.1:PORT; the token reaches the registry, encrypted', async () => {
      const proxy = open.track(await startTunnelProxy());
      const collector = collectLog();
      const reader = client({ ca: pair.cert, 'https-proxy': proxy.url, [`//${server.host}/:_authToken`]: TOKEN, log: collector.log });

      const res = await lastValueFrom(reader.request('GET', '/-/whoami'));

      expect(res.data).toEqual({ secure: true, path: '/-/whoami' });
      expect(proxy.tunnels.map((t) => t.target)).toEqual([server.host]);
      expect(proxy.refused).toEqual([]);
      expect(server.requests).toEqual([{ url: '/-/whoami', authorization: `Bearer ${TOKEN}` }]);
      // The proxy saw the CONNECT and TLS records, never the token.
      expect(JSON.stringify(proxy.tunnels[0].headers)).not.toContain(TOKEN);
      expect(proxy.tunnels[0].fromClient().length).toBeGreaterThan(0);
      expect(proxy.tunnels[0].fromClient().includes(Buffer.from(TOKEN))).toBe(false);
      expect(collector.text()).not.toContain(TOKEN);
    });

    it('`proxy` alone is used for https too (https-proxy falls back to it)', async () => {
      const proxy = open.track(await startTunnelProxy());

      const res = await lastValueFrom(client({ ca: pair.cert, proxy: proxy.url }).request('GET', '/pkg'));

      expect(res.data).toEqual({ secure: true, path: '/pkg' });
      expect(proxy.tunnels.map((t) => t.target)).toEqual([server.host]);
    });

    it('checks the certificate at the end of the tunnel: without `ca`, DEPTH_ZERO_SELF_SIGNED_CERT', async () => {
      const proxy = open.track(await startTunnelProxy());

      const outcome = await outcomeOf(client({ 'https-proxy': proxy.url }).request('GET', '/pkg'));

      expect(outcome.errors).toHaveLength(1);
      expect(outcome.errors[0]).toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
      expect(proxy.tunnels.map((t) => t.target)).toEqual([server.host]);
      expect(server.requests).toEqual([]);
    });

    it.each([
      ['127.0.0.1', '127.0.0.1'],
      ['a list that names it', ['example.test', '127.0.0.1']],
    ])('noproxy %s bypasses the proxy', async (_label, noproxy) => {
      const proxy = open.track(await startTunnelProxy());

      const res = await lastValueFrom(client({ ca: pair.cert, 'https-proxy': proxy.url, noproxy }).request('GET', '/pkg'));

      expect(res.data).toEqual({ secure: true, path: '/pkg' });
      expect(proxy.tunnels).toEqual([]);
      expect(proxy.refused).toEqual([]);
      expect(server.requests.map((r) => r.url)).toEqual(['/pkg']);
    });

    it('closing the client closes the tunnelled connection', async () => {
      const proxy = open.track(await startTunnelProxy());
      const reader = new RegistryClient({ registry: server.url, cache: cache.path, ca: pair.cert, 'https-proxy': proxy.url });

      await lastValueFrom(reader.request('GET', '/pkg'));
      await reader.close();

      await within(server.allClosed(), 5000, 'the tunnelled connection to close');
      expect(server.connections).toBe(1);
    });
  });
});
