import Config from '@npmcli/config';
import { definitions, flatten, nerfDarts, shorthands } from '@npmcli/config/lib/definitions';
import { dirname } from 'node:path';
import { flagEntries, type GlobalFlags } from './global-flags';
import { findNpmPath } from './npm-path';

export type NpmConfig = Config;

/**
 * rxnpm's settings that npm does not define, so that `.npmrc`, `npm_config_*`
 * and the flags take them without npm's "Unknown config" warning. Unset
 * (null), the library's default applies.
 */
const RXNPM_DEFINITIONS = {
  http2: { key: 'http2', type: [null, Boolean], default: null, description: 'Offer HTTP/2 to https registries (ALPN); HTTP/1.1 stays the fallback.' },
};

export interface ConfigEnvironment {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly execPath: string;
  readonly platform: NodeJS.Platform;
}

/**
 * The user's npm configuration, read by npm's own loader with npm's own
 * definitions: defaults, the builtin, global, user and project `.npmrc`
 * files, `npm_config_*` variables, and then the command line's flags as the
 * `cli` layer. Commander has parsed argv already, so the loader gets none.
 */
export async function loadNpmConfig(flags: GlobalFlags, where: ConfigEnvironment): Promise<NpmConfig> {
  const config = new Config({
    definitions: { ...definitions, ...RXNPM_DEFINITIONS },
    shorthands,
    flatten,
    nerfDarts,
    // Without an npm beside node, node's own folder stands in: it has no `npmrc`, so the builtin layer is empty.
    npmPath: findNpmPath(where.execPath, where.platform, dirname(where.execPath)),
    argv: [],
    // A copy: loading exports npm_config_* variables into the env it is given.
    env: { ...where.env },
    cwd: where.cwd,
    execPath: where.execPath,
    platform: where.platform,
  });
  await config.load();
  for (const [key, value] of flagEntries(flags)) config.set(key, value, 'cli');
  return config;
}
