import { defer } from 'rxjs';
import type { RegistryRequest } from '../../src/request/registry-request';
import type { Transport } from '../../src/transport/transport';

/**
 * Wraps a real transport and keeps every request it is given, after every
 * interceptor has run: exactly what goes on the wire. Nothing is faked.
 */
export interface RecordingTransport extends Transport {
  readonly sent: readonly RegistryRequest[];
}

export function recordingTransport(inner: Transport): RecordingTransport {
  const sent: RegistryRequest[] = [];
  return {
    sent,
    handle: (req) =>
      defer(() => {
        sent.push(req);
        return inner.handle(req);
      }),
    close: () => inner.close?.() ?? Promise.resolve(),
  };
}
