import { Pool, type Dispatcher } from 'undici';
import { Http2OriginDispatcher, type Protocol } from './http2-origin-dispatcher';

/** An undici Agent's `factory`: the dispatcher of one origin. */
export type OriginFactory = (origin: string | URL, options: object) => Dispatcher;

/**
 * The `factory` of an Agent that offers HTTP/2 to https origins (`http2`):
 * each https origin gets an `Http2OriginDispatcher`, plain http origins
 * undici's pool as before. What each origin chose in ALPN is remembered for
 * the Agent's life.
 *
 * @example
 * const agent = new Agent({ connections: 16, factory: http2OriginFactory() });
 */
export function http2OriginFactory(): OriginFactory {
  const protocols = new Map<string, Protocol>();
  return (origin, agentOptions) => {
    const url = new URL(origin);
    if (url.protocol !== 'https:') return new Pool(url, agentOptions);
    return new Http2OriginDispatcher({ origin: url, agentOptions, protocols });
  };
}
