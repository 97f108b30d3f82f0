import type { Transport } from '../transport/transport';
import type { HttpHandler, Interceptor } from './interceptor';

/** Folds interceptors into one handler; the first interceptor sees the request first. */
export function chain(interceptors: readonly Interceptor[], transport: Transport): HttpHandler {
  return interceptors.reduceRight<HttpHandler>(
    (next, interceptor) => (req) => interceptor(req, next),
    (req) => transport.handle(req),
  );
}
