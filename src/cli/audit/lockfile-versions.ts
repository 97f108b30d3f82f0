import { readFile } from 'node:fs/promises';
import semver from 'semver';
import { CliError } from '../output/cli-error';
import { isJsonObject } from './is-json-object';

/** Where each installed version sits in the tree, by name and version: what `audit advisories --lockfile` asks about. */
export type InstalledVersions = Map<string, Map<string, string[]>>;

function add(found: InstalledVersions, name: string, version: unknown, location: string): void {
  // Links, folders and git dependencies have no registry version to ask about.
  if (typeof version !== 'string' || semver.valid(version) === null) return;
  const versions = found.get(name) ?? new Map<string, string[]>();
  versions.set(version, [...(versions.get(version) ?? []), location]);
  found.set(name, versions);
}

/** lockfileVersion 1: nested `dependencies`. */
function addNested(found: InstalledVersions, dependencies: unknown, parent: string): void {
  if (!isJsonObject(dependencies)) return;
  for (const [name, entry] of Object.entries(dependencies)) {
    if (!isJsonObject(entry)) continue;
    const location = `${parent}node_modules/${name}`;
    add(found, name, entry.version, location);
    addNested(found, entry.dependencies, `${location}/`);
  }
}

/** A package-lock.json (or npm-shrinkwrap.json) as parsed JSON; a file that cannot be read or is not one is a CliError. */
export async function readLockfile(path: string): Promise<Record<string, unknown>> {
  let lock: unknown;
  try {
    lock = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    // Errors from fs need not be instances of this realm's Error: read their fields.
    const fact = (key: string): unknown => (typeof error === 'object' && error !== null ? Reflect.get(error, key) : undefined);
    throw new CliError(fact('code') === 'ENOENT' ? 'ENOENT' : 'EUSAGE', `cannot read the lockfile ${path}: ${String(fact('message') ?? error)}`);
  }
  if (!isJsonObject(lock)) throw new CliError('EUSAGE', `${path} is not a package-lock.json`);
  return lock;
}

/**
 * The registry versions a parsed lockfile installs: from `packages`
 * (lockfileVersion 2 and 3), else from the nested `dependencies` of version 1.
 */
export function versionsInLock(lock: Record<string, unknown>): InstalledVersions {
  const found: InstalledVersions = new Map();
  if (isJsonObject(lock.packages)) {
    for (const [location, entry] of Object.entries(lock.packages)) {
      if (location === '' || !isJsonObject(entry) || entry.link === true || !location.includes('node_modules/')) continue;
      const name = typeof entry.name === 'string' ? entry.name : location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
      add(found, name, entry.version, location);
    }
  } else {
    addNested(found, lock.dependencies, '');
  }
  return found;
}

/** The registry versions a package-lock.json (or npm-shrinkwrap.json) at `path` installs, and where. */
export async function lockfileVersions(path: string): Promise<InstalledVersions> {
  return versionsInLock(await readLockfile(path));
}
