import type npaModule from 'npm-package-arg';
import { UsageError } from '../errors/usage-error';
import { lazyRequire } from '../util/lazy-require';

/** npm-package-arg loads on first use: most processes publish or read, and never parse a spec. */
const loadNpa = lazyRequire<typeof npaModule>('npm-package-arg');

/** What npm-package-arg calls a spec that names a package on a registry. */
type RegistrySpecType = 'version' | 'range' | 'tag' | 'alias';

/** A registry spec (`name`, `name@1.2.3`, `name@^1`, `name@next`, `@scope/name@…`) taken apart. */
export interface PackageSpec {
  /** `@scope/name` or `name`. */
  readonly name: string;
  /** The name as it goes in a registry URL: `@scope%2fname`. */
  readonly escapedName: string;
  /**
   * What followed the `@`: a version, range or tag; `''` when nothing did
   * (npm-package-arg says `*` then), which means the default dist-tag.
   */
  readonly rawSpec: string;
  /** `version`, `range`, `tag` (also when nothing followed the name) or `alias` (`name@npm:other@1`). */
  readonly type: RegistrySpecType;
  /** The one version a `version` spec names, without the `=` or `v` npm allows before it: `1.2.3` of `name@v1.2.3`. */
  readonly version?: string;
}

const isRegistryType = (type: string): type is RegistrySpecType => type === 'version' || type === 'range' || type === 'tag' || type === 'alias';

/**
 * Parses a spec as npm does; anything that is not a package on a registry (a
 * folder, a git URL, a tarball) is EUSAGE.
 *
 * @example
 * parsePackageSpec('@scope/pkg@^1') // { name: '@scope/pkg', escapedName: '@scope%2fpkg', rawSpec: '^1', type: 'range' }
 */
export function parsePackageSpec(spec: string): PackageSpec {
  let parsed: npaModule.Result;
  try {
    parsed = loadNpa()(spec);
  } catch (error) {
    throw new UsageError(`${JSON.stringify(spec)} is not a package spec: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { name, escapedName, type } = parsed;
  if (!parsed.registry || !name || !escapedName || !isRegistryType(type)) {
    throw new UsageError(`${JSON.stringify(spec)} does not name a package on a registry (it is a ${type} spec)`);
  }
  if (parsed.raw === name) return { name, escapedName, rawSpec: '', type: 'tag' };
  const { rawSpec } = parsed;
  return type === 'version' ? { name, escapedName, rawSpec, type, version: rawSpec.replace(/^[=v]+/, '') } : { name, escapedName, rawSpec, type };
}
