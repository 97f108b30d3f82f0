import type npaModule from 'npm-package-arg';
import type pickManifestModule from 'npm-pick-manifest';
import { catchError, defer, map, throwError, type Observable } from 'rxjs';
import { lazyRequire } from '../util/lazy-require';
import { HttpError } from '../errors/http-error';
import { RegistryError } from '../errors/registry-error';
import { UsageError } from '../errors/usage-error';
import type { GetOptions } from './get-options';
import { get } from './get';
import type { OperationContext } from './operation-context';
import { packagePath } from './package-path';
import type { Manifest } from './packument';

type Npa = typeof npaModule;
type PickManifest = typeof pickManifestModule;

/** Spec parsing and version picking load on first use: most processes publish or read, and never resolve a spec. */
const loadNpa = lazyRequire<Npa>('npm-package-arg');
const loadPickManifest = lazyRequire<PickManifest>('npm-pick-manifest');

/** The package name and what was asked of it (`latest`, `^1.2.0`, `1.2.3`, `next`) of a registry spec. */
function parseSpec(npa: Npa, spec: string): { name: string; wanted: string } {
  let parsed: ReturnType<Npa>;
  try {
    parsed = npa(spec);
  } catch (error) {
    throw new UsageError(`not a package spec: ${JSON.stringify(spec)} (${(error as Error).message})`);
  }
  if (!parsed.registry || !parsed.name) throw new UsageError(`${JSON.stringify(spec)} does not name a package on a registry (it is a ${parsed.type} spec)`);
  packagePath(parsed.name);
  return { name: parsed.name, wanted: parsed.rawSpec === '' || parsed.rawSpec === '*' ? 'latest' : parsed.fetchSpec ?? 'latest' };
}

/**
 * Resolves a spec (`name`, `name@range`, `name@tag`, `name@1.2.3`) to one
 * version's manifest with npm-pick-manifest, from the abbreviated packument
 * (cached; the full one when the registry has no abbreviated document).
 * No matching version is ETARGET.
 *
 * @example
 * client.manifest('rxjs@^7').subscribe((m) => console.log(m.version, m.dist.tarball));
 */
export function manifest(ctx: OperationContext, spec: string, options: GetOptions = {}): Observable<Manifest> {
  return defer(() => resolve(ctx, loadNpa(), loadPickManifest(), spec, options));
}

function resolve(ctx: OperationContext, npa: Npa, pickManifest: PickManifest, spec: string, options: GetOptions): Observable<Manifest> {
  return defer(() => {
    const { name, wanted } = parseSpec(npa, spec);
    const path = packagePath(name);
    const corgi = get<unknown>(ctx, path, { fullMetadata: false, ...options });
    const packument = corgi.pipe(
      catchError((error: unknown) =>
        error instanceof HttpError && error.statusCode === 404 && options.fullMetadata !== true ? get<unknown>(ctx, path, { ...options, fullMetadata: true }) : throwError(() => error),
      ),
    );
    return packument.pipe(
      map(({ data }) => {
        try {
          return pickManifest<Manifest>(data, wanted);
        } catch (error) {
          const err = error as { code?: string; message?: string };
          throw new RegistryError(err.code ?? 'ETARGET', err.message ?? `no version of ${name} matches ${wanted}`, { pkgid: name, cause: error });
        }
      }),
    );
  });
}
