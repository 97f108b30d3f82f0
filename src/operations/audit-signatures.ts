import { catchError, defer, map, mergeMap, of, shareReplay, throwError, type Observable } from 'rxjs';
import { SignatureError } from '../errors/signature-error';
import type { GetOptions } from './get-options';
import { keys } from './keys';
import { resolveManifest } from './manifest';
import type { OperationContext } from './operation-context';
import { checkSignatures, type RegistrySignature } from './verify-signatures';

/** What `npm audit signatures` found for one version. */
export interface SignatureAudit {
  readonly name: string;
  readonly version: string;
  /** `verified`: signed with a current registry key; `missing`: unsigned, though the registry has keys; `invalid`: a signature that does not verify; `unsigned`: neither signatures nor registry keys. */
  readonly status: 'verified' | 'missing' | 'invalid' | 'unsigned';
  readonly integrity?: string;
  readonly resolved?: string;
  readonly signatures: RegistrySignature[];
  /** For `missing` and `invalid`: why, as a `SignatureError`. */
  readonly error?: SignatureError;
}

/** npm checks 20 versions at a time. */
const CONCURRENCY = 20;

/**
 * Checks the registry signatures of each spec's version against the
 * registry's keys (fetched once), emitting one `SignatureAudit` per spec as
 * each is checked. A missing or invalid signature is a finding, not an error;
 * a signature by an unknown or expired key fails the audit, as in npm.
 *
 * @example
 * client.auditSignatures(['rxjs@7.8.1']).subscribe(({ name, version, status }) => console.log(name, version, status));
 */
export function auditSignatures(ctx: OperationContext, specs: readonly string[], options: GetOptions = {}): Observable<SignatureAudit> {
  return defer(() => {
    const registryKeys = keys(ctx).pipe(shareReplay({ bufferSize: 1, refCount: true }));
    return of(...specs).pipe(
      mergeMap(
        (spec) =>
          resolveManifest(ctx, spec, { ...options, fullMetadata: true }).pipe(
            mergeMap(({ manifest, publishedAt }) => {
              const found = { name: manifest.name, version: manifest.version, integrity: manifest.dist?.integrity, resolved: manifest.dist?.tarball };
              return registryKeys.pipe(
                map((listed): SignatureAudit => {
                  const signatures = checkSignatures(manifest, publishedAt, listed);
                  return { ...found, status: signatures.length > 0 ? 'verified' : 'unsigned', signatures };
                }),
                catchError((error: unknown) => {
                  if (!(error instanceof SignatureError) || (error.code !== 'EMISSINGSIGNATURE' && error.code !== 'EINTEGRITYSIGNATURE')) return throwError(() => error);
                  return of<SignatureAudit>({ ...found, status: error.code === 'EMISSINGSIGNATURE' ? 'missing' : 'invalid', signatures: [], error });
                }),
              );
            }),
          ),
        CONCURRENCY,
      ),
    );
  });
}
