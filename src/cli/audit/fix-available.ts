import npa from 'npm-package-arg';
import pickManifest from 'npm-pick-manifest';
import semver from 'semver';

/** npm audit's `fixAvailable`: `true` (`npm audit fix` moves it), `false` (nothing to move to), or the version `npm audit fix --force` would install. */
export type FixAvailable = boolean | { readonly name: string; readonly version: string; readonly isSemVerMajor: boolean };

/** What npm knows of a vulnerable package to judge a fix: every version the registry has (sorted), the affected range, the packument to pick from. */
export interface VulnerableVersions {
  readonly versions: readonly string[];
  readonly range: string;
  readonly packument: unknown;
}

/** npm matches advisory ranges loosely, prereleases included. */
export const LOOSE = { includePrerelease: true, loose: true };

/** The range a registry spec asks for (an alias's own range), or undefined for git, folders, tarballs and specs npm cannot parse. */
function registryRange(spec: string): string | undefined {
  try {
    // An alias (`npm:name@range`) carries its own spec; the types of npm-package-arg leave it out.
    const parsed: npa.Result & { subSpec?: npa.Result } = npa(spec);
    if (!parsed.registry) return undefined;
    return parsed.subSpec ? parsed.subSpec.rawSpec : spec;
  } catch {
    return undefined;
  }
}

/** Whether every version `spec` allows is vulnerable, as arborist's `Vuln.testSpec`: a spec that is not the registry's cannot move off it. */
export function allowsOnlyVulnerable(vuln: VulnerableVersions, spec: string): boolean {
  const wanted = registryRange(spec);
  if (wanted === undefined) return true;
  return !vuln.versions.some((v) => semver.satisfies(v, wanted) && !semver.satisfies(v, vuln.range, LOOSE));
}

/**
 * Whether a dependent's spec pins a package to vulnerable versions, as
 * npm's metavuln calculator tests it: a spec that is not a semver range
 * counts as pinned. npm then reports the dependent as vulnerable too.
 */
export function pinsVulnerable(vuln: VulnerableVersions, spec: string): boolean {
  if (!semver.validRange(spec, LOOSE)) return true;
  return !vuln.versions.some((v) => semver.satisfies(v, spec, LOOSE) && !semver.satisfies(v, vuln.range, LOOSE));
}

/**
 * The fix for a package the project depends on directly with `spec`, as npm
 * audit decides it: `true` when the spec allows a version outside the
 * affected range; else the version outside the spec that `--force` would
 * install (the newest of the same major if any, else the newest), or
 * `false` when every version is affected or the spec is not the registry's.
 *
 * @example
 * fixFor({ versions: ['1.0.0', '2.0.0'], range: '<2.0.0', packument }, '^1.0.0'); // { name, version: '2.0.0', isSemVerMajor: true }
 */
export function fixFor(vuln: VulnerableVersions, spec: string): FixAvailable {
  if (!allowsOnlyVulnerable(vuln, spec)) return true;
  const wanted = registryRange(spec);
  if (wanted === undefined) return false;
  try {
    const picked = pickManifest<{ name: string; version: string; _isSemVerMajor: boolean }>(vuln.packument, wanted, { before: null, avoid: vuln.range, avoidStrict: true });
    return { name: picked.name, version: picked.version, isSemVerMajor: picked._isSemVerMajor };
  } catch {
    return false;
  }
}
