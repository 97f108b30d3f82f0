import { defer, type Observable } from 'rxjs';
import { UsageError } from '../errors/usage-error';
import type { RegistryResponse } from '../request/registry-response';
import { packagePath } from '../spec/package-path';
import type { OperationContext } from './operation-context';
import { request } from './request';

export type Access = 'public' | 'restricted';

/** Sets who may install a package. Only scoped packages can be restricted. */
export function setAccess(ctx: OperationContext, pkg: string, access: Access): Observable<RegistryResponse> {
  return defer(() => {
    const path = packagePath(pkg);
    if (access === 'restricted' && !pkg.startsWith('@')) throw new UsageError(`access: ${pkg} is not scoped, so it cannot be restricted`);
    return request(ctx, 'POST', `/-/package/${path.slice(1)}/access`, { access });
  });
}
