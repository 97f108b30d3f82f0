import type Config from '@npmcli/config';
import { createRequire } from 'node:module';
import { join } from 'node:path';

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

/** The loader of the npm installed in `npmPath`, when it has one of the shape rxnpm knows. */
function installedModule(npmPath: string): NpmConfigModule | undefined {
  try {
    const load = createRequire(join(npmPath, 'package.json'));
    const loader: unknown = load('@npmcli/config');
    const definitions: unknown = load('@npmcli/config/lib/definitions');
    if (isLoader(loader) && isDefinitions(definitions)) return { ...definitions, Config: loader };
  } catch {
    // No npm there, or one without @npmcli/config: rxnpm's own copy stands in.
  }
  return undefined;
}

/**
 * npm's configuration code as the user's npm has it (the npm beside node,
 * in `npmPath`), so that rxnpm accepts, parses and warns about exactly the
 * keys and values that npm does: npm versions differ there (npm 11.19 takes
 * `nodedir` silently, later loaders warn about it). Without such an npm,
 * rxnpm's own dependency is used.
 */
export async function npmConfigModule(npmPath: string): Promise<NpmConfigModule> {
  const installed = installedModule(npmPath);
  if (installed) return installed;
  const [{ default: loader }, definitions] = await Promise.all([import('@npmcli/config'), import('@npmcli/config/lib/definitions')]);
  return { Config: loader, definitions: definitions.definitions, shorthands: definitions.shorthands, flatten: definitions.flatten, nerfDarts: definitions.nerfDarts };
}
