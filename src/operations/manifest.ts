import type pickManifestModule from 'npm-pick-manifest';
import { catchError, defer, map, mergeMap, throwError, type Observable } from 'rxjs';
import semver from 'semver';
import { lazyRequire } from '../util/lazy-require';
import { ownRecord } from '../util/own-record';
import { BadResponseError } from '../errors/bad-response-error';
import { HttpError } from '../errors/http-error';
import { NoMatchingVersionError, noMatchingVersionCode } from '../errors/no-matching-version-error';
import { packagePath } from '../spec/package-path';
import { parsePackageSpec, type PackageSpec } from '../spec/parse-package-spec';
import type { GetOptions } from './get-options';
import { get } from './get';
import type { OperationContext } from './operation-context';
import type { Manifest } from './packument';
import { keys } from './keys';
import { checkSignatures } from './verify-signatures';

/** `manifest`'s options: the cache's, and whether to check the version's registry signatures (see `checkSignatures`). */
export type ManifestOptions = GetOptions & { verifySignatures?: boolean };

type PickManifest = typeof pickManifestModule;

/** Version picking loads on first use: most processes publish or read, and never resolve a spec. */
const loadPickManifest = lazyRequire<PickManifest>('npm-pick-manifest');

/** What a registry spec asks of its package, as npm-pick-manifest reads it: `latest` when it names no version, range or tag (an alias names none of its own). */
function wantedOf({ rawSpec, type }: PackageSpec): string {
  const wanted = rawSpec.trim();
  return type === 'alias' || wanted === '' || wanted === '*' ? 'latest' : wanted;
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
export function manifest(ctx: OperationContext, spec: string, options: ManifestOptions = {}): Observable<Manifest> {
  const { verifySignatures = false, ...getOptions } = options;
  if (!verifySignatures) return resolveManifest(ctx, spec, getOptions).pipe(map(({ manifest: m }) => m));
  // Only the full packument has the publish times a key's expiry is held against.
  return resolveManifest(ctx, spec, { ...getOptions, fullMetadata: true }).pipe(
    mergeMap(({ manifest: m, publishedAt }) => keys(ctx).pipe(map((listed) => (checkSignatures(m, publishedAt, listed), m)))),
  );
}

/** A resolved manifest and its publish time (`time[version]`, in the full packument only). */
export function resolveManifest(ctx: OperationContext, spec: string, options: GetOptions = {}): Observable<{ manifest: Manifest; publishedAt?: string }> {
  return defer(() => resolve(ctx, loadPickManifest(), spec, options));
}

function resolve(ctx: OperationContext, pickManifest: PickManifest, spec: string, options: GetOptions): Observable<{ manifest: Manifest; publishedAt?: string }> {
  return defer(() => {
    const parsed = parsePackageSpec(spec);
    const { name } = parsed;
    const wanted = wantedOf(parsed);
    const path = packagePath(name);
    const corgi = get<unknown>(ctx, path, { fullMetadata: false, ...options });
    const packument = corgi.pipe(
      catchError((error: unknown) =>
        error instanceof HttpError && error.statusCode === 404 && options.fullMetadata !== true ? get<unknown>(ctx, path, { ...options, fullMetadata: true }) : throwError(() => error),
      ),
    );
    return packument.pipe(
      map(({ data }) => {
        const versions = ownVersions(data);
        const picked = pick(pickManifest, data, name, wanted);
        // npm-pick-manifest also looks in objects of its own (`{}` for staged versions), where `constructor` is found.
        if (!Object.values(versions).includes(picked)) throw new NoMatchingVersionError(`no version of ${name} matches ${wanted}`, { pkgid: name });
        const checked = checkedManifest(name, versions, picked);
        const publishedAt = ownRecord(ownRecord(data).time)[checked.version];
        return { manifest: checked, publishedAt: typeof publishedAt === 'string' ? publishedAt : undefined };
      }),
    );
  });
}

/**
 * The packument as npm-pick-manifest should see it: tags and versions are
 * looked up by keys the registry chose, so only its own properties may answer
 * (`dist-tags.latest: "constructor"` must not find `Object`'s constructor).
 */
function ownPackument(data: unknown): Record<string, unknown> {
  const doc = ownRecord(data);
  // npm-pick-manifest falls back to `policyRestrictions.versions`, or to `{}` when there is none: a plain object, prototype and all.
  const restricted = ownRecord(ownRecord(doc.policyRestrictions).versions);
  return { name: doc.name, time: ownRecord(doc.time), 'dist-tags': ownRecord(doc['dist-tags']), versions: ownVersions(data), policyRestrictions: { versions: restricted } };
}

function ownVersions(data: unknown): Record<string, unknown> {
  return ownRecord(ownRecord(data).versions);
}

function pick(pickManifest: PickManifest, data: unknown, name: string, wanted: string): unknown {
  try {
    return pickManifest<Manifest>(ownPackument(data), wanted);
  } catch (error) {
    throw new NoMatchingVersionError(error instanceof Error ? error.message : `no version of ${name} matches ${wanted}`, { pkgid: name, cause: error }, noMatchingVersionCode(error));
  }
}

/**
 * The picked manifest, if it is one of `name` filed under its own version:
 * callers build file names and URLs from `name` and `version`, so a registry
 * answering `version: "1.0.0/../../x"` or another package's name is refused here.
 */
function checkedManifest(name: string, versions: Record<string, unknown>, picked: unknown): Manifest {
  const refuse = (why: string) => new BadResponseError(`the registry's manifest for ${name} ${why}`, { pkgid: name });
  if (!isManifest(picked)) throw refuse('is not an object with a name and a version');
  if (picked.name !== name) throw refuse(`names another package (${JSON.stringify(picked.name.slice(0, 100))})`);
  if (semver.parse(picked.version)?.raw !== picked.version) throw refuse(`has a version that is not a semver version (${JSON.stringify(picked.version.slice(0, 100))})`);
  if (versions[picked.version] !== picked) throw refuse(`is not the one filed under its version ${picked.version}`);
  return picked;
}

function isManifest(value: unknown): value is Manifest {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const { name, version } = ownRecord(value);
  return typeof name === 'string' && typeof version === 'string';
}
