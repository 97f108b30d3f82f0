import { isJsonObject } from './is-json-object';

/** Who depends on each installed package, by its location: the dependent's location (`''` for the project) and the spec it asks with. */
export type Dependents = Map<string, Array<{ readonly from: string; readonly spec: string }>>;

/** The dependency fields whose packages npm installs: the project's dev dependencies too, a dependency's never. */
const FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;
const ROOT_FIELDS = [...FIELDS, 'devDependencies'] as const;

/** The folder above a package's own `node_modules/<name>`: `a/node_modules/b` → `a`, `node_modules/b` → `''`. */
function parentOf(location: string): string | undefined {
  const at = location.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  return location.slice(0, Math.max(0, at - 1));
}

/** Where Node finds `name` from `location`: its own node_modules, then each folder above. */
function resolve(packages: Record<string, unknown>, location: string, name: string): string | undefined {
  for (let from: string | undefined = location; from !== undefined; from = from === '' ? undefined : parentOf(from)) {
    const candidate = from === '' ? `node_modules/${name}` : `${from}/node_modules/${name}`;
    if (Object.hasOwn(packages, candidate)) return candidate;
  }
  return undefined;
}

/**
 * The dependency edges of a lockfile (version 2 or 3: `packages`), pointing
 * at the installed package each resolves to as Node resolves it, so that npm
 * audit's questions can be asked of them: does the project ask for this
 * package directly, and with which spec; does a dependent pin it. A version 1
 * lockfile has no edges here.
 */
export function lockfileDependents(lock: Record<string, unknown>): Dependents {
  const dependents: Dependents = new Map();
  const packages = lock.packages;
  if (!isJsonObject(packages)) return dependents;
  for (const [location, entry] of Object.entries(packages)) {
    if (!isJsonObject(entry) || entry.link === true) continue;
    for (const field of location === '' ? ROOT_FIELDS : FIELDS) {
      const deps = Object.hasOwn(entry, field) ? entry[field] : undefined;
      if (!isJsonObject(deps)) continue;
      for (const [name, spec] of Object.entries(deps)) {
        const target = typeof spec === 'string' ? resolve(packages, location, name) : undefined;
        if (target === undefined || typeof spec !== 'string') continue;
        dependents.set(target, [...(dependents.get(target) ?? []), { from: location, spec }]);
      }
    }
  }
  return dependents;
}
