import type Config from '@npmcli/config';
import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';

/** npm's configuration loader and the definitions it is given: every key, type, default and shorthand npm knows. */
export interface NpmConfigModule {
  readonly Config: typeof Config;
  readonly definitions: Record<string, unknown>;
  readonly shorthands: Record<string, string[]>;
  readonly flatten: (obj: Record<string, unknown>, flat?: Record<string, unknown>) => Record<string, unknown>;
  readonly nerfDarts: readonly string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function isLoader(value: unknown): value is typeof Config {
  return typeof value === 'function' && isObject(value.prototype) && typeof value.prototype.load === 'function';
}

function isDefinitions(value: unknown): value is Omit<NpmConfigModule, 'Config'> {
  return isObject(value) && isObject(value.definitions) && isObject(value.shorthands) && typeof value.flatten === 'function' && Array.isArray(value.nerfDarts);
}

/** The loader as `load` resolves it, when it is of the shape rxnpm knows. */
function moduleOf(load: NodeJS.Require): NpmConfigModule | undefined {
  const loader: unknown = load('@npmcli/config');
  const definitions: unknown = load('@npmcli/config/lib/definitions');
  return isLoader(loader) && isDefinitions(definitions) ? { ...definitions, Config: loader } : undefined;
}

/** The loader of the npm installed in `npmPath`, when it has one of the shape rxnpm knows. */
function installedModule(npmPath: string): NpmConfigModule | undefined {
  try {
    return moduleOf(createRequire(join(npmPath, 'package.json')));
  } catch {
    // No npm there, or one without @npmcli/config: rxnpm's own copy stands in.
  }
  return undefined;
}

/** The loader of the first npm on PATH: the npm the user types, when none is beside this node. */
function onPath(pathVariable: string): NpmConfigModule | undefined {
  for (const dir of pathVariable.split(delimiter).filter(Boolean)) {
    const bin = join(dir, 'npm');
    if (!existsSync(bin)) continue;
    // bin/npm links to <npm>/bin/npm-cli.js.
    return installedModule(dirname(dirname(realpathSync(bin))));
  }
  return undefined;
}

/**
 * npm's configuration code as the user's npm has it (the npm beside node,
 * in `npmPath`), so that rxnpm accepts, parses and warns about exactly the
 * keys and values that npm does: npm versions differ there (npm 11.19 takes
 * `nodedir` silently, later loaders warn about it). Without an npm there, the
 * first npm on PATH; without one, rxnpm's own dependency.
 */
export async function npmConfigModule(npmPath: string, pathVariable = ''): Promise<NpmConfigModule> {
  const installed = installedModule(npmPath) ?? onPath(pathVariable);
  if (installed) return installed;
  // Required, not imported: import() of `lib/definitions` is a directory import, which ES module resolution refuses.
  const own = moduleOf(createRequire(__filename));
  if (!own) throw new Error('rxnpm: its own @npmcli/config is not of the shape it knows');
  return own;
}
