import { lastValueFrom, of, toArray } from 'rxjs';
import { packageDocumentKeys } from '../../../src/cache/document-keys';
import { invalidateInterceptor } from '../../../src/cache/invalidate-interceptor';
import type { ResponseEvent } from '../../../src/request/http-event';
import { RegistryRequest } from '../../../src/request/registry-request';

const urls = { registry: 'http://127.0.0.1:4873/', scopeRegistries: new Map<string, string>() };

/** The invalidations an interceptor asked for while `req` was answered with `statusCode`. */
async function invalidationsAfter(req: RegistryRequest, statusCode: number): Promise<Array<[string, readonly string[]]>> {
  const calls: Array<[string, readonly string[]]> = [];
  const interceptor = invalidateInterceptor({ invalidate: (pkgid, keys) => void calls.push([pkgid, keys]) }, urls);
  const response: ResponseEvent = { type: 'response', url: req.url, statusCode, headers: {}, body: Buffer.alloc(0) };
  await lastValueFrom(interceptor(req, () => of(response)).pipe(toArray()));
  return calls;
}

const write = new RegistryRequest({ method: 'PUT', url: 'http://127.0.0.1:4873/rxjs', pkgid: 'rxjs' });

describe('invalidateInterceptor', () => {
  it('forgets the package’s documents after a successful write', async () => {
    expect(await invalidationsAfter(write, 201)).toEqual([['rxjs', packageDocumentKeys('rxjs', urls)]]);
  });

  it('forgets nothing after a failed write, a read, or a write to no package', async () => {
    expect(await invalidationsAfter(write, 409)).toEqual([]);
    expect(await invalidationsAfter(new RegistryRequest({ method: 'GET', url: write.url, pkgid: 'rxjs' }), 200)).toEqual([]);
    expect(await invalidationsAfter(new RegistryRequest({ method: 'PUT', url: 'http://127.0.0.1:4873/-/user/token' }), 200)).toEqual([]);
  });
});
