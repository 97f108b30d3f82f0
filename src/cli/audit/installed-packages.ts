import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import semver from 'semver';
import { isJsonObject } from './is-json-object';

/** One package folder of a project's `node_modules`, as `npm audit signatures` audits it. */
export interface InstalledPackage {
  readonly name: string;
  readonly version: string;
  /** Where it sits, relative to the project: `node_modules/a/node_modules/b`. */
  readonly location: string;
  /** The field of the project's package.json that names it, as npm's edge types: `dependencies` when none other does. */
  readonly type: DependencyType;
}

export type DependencyType = 'dependencies' | 'devDependencies' | 'optionalDependencies' | 'peerDependencies';

/** A package.json larger than this is no installed package's: it is not read. */
const MAX_PACKAGE_JSON = 1024 * 1024;
/** Deeper nesting than this is a loop or a hostile tree, not an install. */
const MAX_DEPTH = 64;

async function readJson(path: string): Promise<unknown> {
  try {
    const stats = await lstat(path);
    if (!stats.isFile() || stats.size > MAX_PACKAGE_JSON) return undefined;
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Where npm's hidden lockfile (`node_modules/.package-lock.json`) says a
 * package came from something other than a registry tarball (git, a folder,
 * a tarball file): such packages have no registry signature to check.
 */
async function notFromRegistry(root: string): Promise<Set<string>> {
  const hidden = await readJson(join(root, 'node_modules', '.package-lock.json'));
  const found = new Set<string>();
  const packages = isJsonObject(hidden) && isJsonObject(hidden.packages) ? hidden.packages : {};
  for (const [location, entry] of Object.entries(packages)) {
    const resolved = isJsonObject(entry) ? entry.resolved : undefined;
    if (typeof resolved === 'string' && !/^https?:\/\//.test(resolved)) found.add(location);
  }
  return found;
}

/** Which dependency field names a package: npm reports an invalid signature with the type of the edge it reached the package by. */
async function dependencyTypes(root: string): Promise<(name: string) => DependencyType> {
  const manifest = await readJson(join(root, 'package.json'));
  const fields = (['optionalDependencies', 'peerDependencies', 'devDependencies'] as const).map((field) => {
    const deps = isJsonObject(manifest) && Object.hasOwn(manifest, field) ? manifest[field] : undefined;
    return [field, isJsonObject(deps) ? deps : {}] as const;
  });
  return (name) => fields.find(([, deps]) => Object.hasOwn(deps, name))?.[0] ?? 'dependencies';
}

/** The package folders in one `node_modules` folder: `name` and `@scope/name`, never symlinks (links and workspaces are not from a registry). */
async function folders(nodeModules: string): Promise<string[]> {
  const entries = await readdir(nodeModules, { withFileTypes: true }).catch(() => []);
  const names: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || !entry.isDirectory()) continue;
    if (!entry.name.startsWith('@')) {
      names.push(entry.name);
      continue;
    }
    const scoped = await readdir(join(nodeModules, entry.name), { withFileTypes: true }).catch(() => []);
    for (const inner of scoped) if (inner.isDirectory() && !inner.name.startsWith('.')) names.push(`${entry.name}/${inner.name}`);
  }
  return names.sort();
}

/**
 * The packages installed under `root/node_modules`, nested ones included, as
 * npm's actual tree has them: each folder's package.json name and version.
 * Folders without a registry version (no valid semver version, installed
 * from git or a folder, or linked) are left out, as `npm audit signatures`
 * skips them.
 */
export async function installedPackages(root: string): Promise<InstalledPackage[]> {
  const [skipped, typeOf] = await Promise.all([notFromRegistry(root), dependencyTypes(root)]);
  const found: InstalledPackage[] = [];
  const walk = async (relative: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH) return;
    const nodeModules = relative === '' ? 'node_modules' : `${relative}/node_modules`;
    for (const folder of await folders(join(root, nodeModules))) {
      const location = `${nodeModules}/${folder}`;
      const manifest = await readJson(join(root, location, 'package.json'));
      if (!isJsonObject(manifest)) continue;
      const name = typeof manifest.name === 'string' ? manifest.name : folder;
      const version = manifest.version;
      if (typeof version === 'string' && semver.valid(version) !== null && !skipped.has(location)) found.push({ name, version, location, type: typeOf(name) });
      await walk(location, depth + 1);
    }
  };
  await walk('', 0);
  return found;
}
