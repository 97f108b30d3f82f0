import { defer, type Observable } from 'rxjs';
import { createRequest } from '../request/create-request';
import type { RequestPayload } from '../request/encode-body';
import type { RegistryResponse } from '../request/registry-response';
import { send } from '../request/send';
import type { OperationContext } from './operation-context';

/**
 * The seed's request: `where` on the registry (or an absolute URL) through
 * the chain, parsed, not cached. Unusable arguments are a `UsageError` on the
 * error channel.
 */
export function request<T = unknown>(ctx: OperationContext, method: string, where: string, what?: RequestPayload | null, etag?: string, nofollow?: boolean): Observable<RegistryResponse<T>> {
  return defer(() => send<T>(ctx.handle, createRequest(ctx.config, method, where, what, etag, nofollow), ctx.session.secrets));
}
