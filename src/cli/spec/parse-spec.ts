import npa from 'npm-package-arg';
import { CliError } from '../output/cli-error';

export interface PackageSpec {
  /** `@scope/name` or `name`. */
  readonly name: string;
  /** The name as it goes in a registry URL: `@scope%2fname`. */
  readonly escapedName: string;
  /** What followed the `@`: a version, range or tag; `''` when nothing did (npm-package-arg says `*` then). */
  readonly rawSpec: string;
  /** npm-package-arg's type: `version`, `range` or `tag`. */
  readonly type: string;
}

/** Parses `name`, `name@1.2.3`, `name@^1`, `name@next`, `@scope/name@…`; anything not on a registry is EUSAGE. */
export function parsePackageSpec(spec: string): PackageSpec {
  let parsed: npa.Result;
  try {
    parsed = npa(spec);
  } catch (error) {
    throw new CliError('EUSAGE', `${JSON.stringify(spec)} is not a package spec: ${(error as Error).message}`);
  }
  if (!parsed.registry || !parsed.name || !parsed.escapedName) {
    throw new CliError('EUSAGE', `${JSON.stringify(spec)} does not name a package on a registry (it is a ${parsed.type} spec)`);
  }
  const named = parsed.raw === parsed.name;
  return { name: parsed.name, escapedName: parsed.escapedName, rawSpec: named ? '' : parsed.rawSpec, type: named ? 'tag' : parsed.type };
}

/** A spec that must name one version: `name@1.2.3`. */
export function parseVersionSpec(spec: string): PackageSpec & { version: string } {
  const parsed = parsePackageSpec(spec);
  if (parsed.type !== 'version') throw new CliError('EUSAGE', `${JSON.stringify(spec)} must name one version, e.g. ${parsed.name}@1.0.0`);
  return { ...parsed, version: parsed.rawSpec.replace(/^[=v]+/, '') };
}
