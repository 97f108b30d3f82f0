import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import type { ProxySettings, TlsSettings } from '../config/normalized-config';

export interface DispatcherOptions {
  readonly maxSockets: number;
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
 * so undici's own are off.
 */
export function createDispatcher({ maxSockets, tls, proxy }: DispatcherOptions): Dispatcher {
  const connect = {
    ca: tls.ca as string[] | undefined,
    cert: tls.cert,
    key: tls.key,
    rejectUnauthorized: tls.strictSsl,
  };
  const common = { connections: maxSockets, connect, headersTimeout: 0, bodyTimeout: 0 };
  // As npm does: plain-http targets go to the proxy in absolute form; only https is tunnelled with CONNECT,
  // which many proxies allow to port 443 alone.
  const proxied = { ...common, requestTls: connect, proxyTunnel: false };
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
