import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import type { ProxySettings, TlsSettings } from '../config/normalized-config';
import { http2OriginFactory } from './http2-origin-factory';

export interface DispatcherOptions {
  readonly maxSockets: number;
  /** Offer HTTP/2 to https origins (ALPN), HTTP/1.1 staying the fallback. */
  readonly http2?: boolean;
  readonly tls: TlsSettings;
  readonly proxy: ProxySettings;
}

function environmentHasProxy(): boolean {
  const env = process.env;
  return Boolean(env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy);
}

/**
 * An undici Agent, or a proxy agent when a proxy is configured (or, as npm
 * does, set in the environment). Timeouts are left to the client's scheduler,
 * so undici's own are off. With `http2`, each https origin gets the pool of
 * `http2OriginFactory`, through a tunnel or not.
 */
export function createDispatcher({ maxSockets, http2 = false, tls, proxy }: DispatcherOptions): Dispatcher {
  const connect = {
    // A copy: undici's type takes a mutable array.
    ca: typeof tls.ca === 'string' ? tls.ca : tls.ca?.slice(),
    cert: tls.cert,
    key: tls.key,
    rejectUnauthorized: tls.strictSsl,
  };
  const common = { connections: maxSockets, connect, headersTimeout: 0, bodyTimeout: 0, ...(http2 ? { factory: http2OriginFactory() } : {}) };
  // As npm does: plain-http targets go to the proxy in absolute form; only https is tunnelled with CONNECT,
  // which many proxies allow to port 443 alone. The tunnel's TLS is built from `requestTls` alone, so h2 is offered there too.
  const proxied = { ...common, requestTls: { ...connect, allowH2: http2 }, proxyTunnel: false };
  if (proxy.http || proxy.https) {
    // Empty strings, not undefined: undefined would let undici fall back to the environment.
    return new EnvHttpProxyAgent({
      ...proxied,
      httpProxy: proxy.http ?? '',
      httpsProxy: proxy.https ?? '',
      noProxy: proxy.noProxy ?? '',
    });
  }
  if (environmentHasProxy()) return new EnvHttpProxyAgent({ ...proxied, noProxy: proxy.noProxy });
  return new Agent(common);
}
