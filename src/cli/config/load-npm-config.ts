import type Config from '@npmcli/config';
import { dirname } from 'node:path';
import type { CommandOption } from '../argv/command-options';
import { npmConfigModule } from './npm-config-module';
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

/** The keys each loaded configuration has because an rxnpm command declares them, not npm. */
const commandKeys = new WeakMap<NpmConfig, ReadonlySet<string>>();

/** Whether `key` is there only as a command's own option (`watch`, `output`): npm's keys are taken by every command. */
export function isCommandOnlyKey(config: NpmConfig, key: string): boolean {
  return commandKeys.get(config)?.has(key) === true;
}

/**
 * nopt takes the word after a String flag as its value even when that word
 * is a flag (`--lockfile --json` would lose `--json`); an option whose value
 * may be left out is given `=true` there, which is what nopt makes of it
 * when it comes last.
 */
function withOptionalValues(argv: readonly string[], options: readonly CommandOption[]): string[] {
  const optional = new Set(options.filter((option) => option.valueOptional).map((option) => `--${option.key}`));
  const dashes = argv.indexOf('--');
  return argv.map((arg, i) => (optional.has(arg) && (dashes < 0 || i < dashes) && (argv[i + 1] === undefined || argv[i + 1].startsWith('-')) ? `${arg}=true` : arg));
}

/** npm's way of saying a command's own option: a definition with a type, unset by default; npm's own keys keep npm's. */
function withCommandOptions(definitions: Record<string, unknown>, shorthands: Record<string, string[]>, options: readonly CommandOption[]) {
  const added: Record<string, unknown> = {};
  const shortAdded: Record<string, string[]> = {};
  for (const { key, short, takesValue } of options) {
    if (!Object.hasOwn(definitions, key)) added[key] = { key, type: [null, takesValue ? String : Boolean], default: null, description: '' };
    if (short !== undefined && !Object.hasOwn(shorthands, short)) shortAdded[short] = [`--${key}`];
  }
  return { definitions: { ...definitions, ...RXNPM_DEFINITIONS, ...added }, shorthands: { ...shorthands, ...shortAdded } };
}

/**
 * The user's npm configuration, read by npm's own loader with npm's own
 * definitions: defaults, the builtin, global, user and project `.npmrc`
 * files, `npm_config_*` variables, and the command line. npm's parser reads
 * `argv` (the arguments after `rxnpm`) as npm reads its own: every key npm
 * defines, its shorthands (`-s`, `-dd`), `--no-x` and `--x=false`, npm's
 * types; `commandOptions` are the commands' own flags. What is not a flag
 * is left in `parsedArgv.remain`. Warnings about unknown keys wait in the
 * loader (`logWarnings()`), as in npm, until the command is known.
 */
export async function loadNpmConfig(argv: readonly string[], where: ConfigEnvironment, commandOptions: readonly CommandOption[] = []): Promise<NpmConfig> {
  // Without an npm beside node, node's own folder stands in: it has no `npmrc`, so the builtin layer is empty.
  const npmPath = findNpmPath(where.execPath, where.platform, dirname(where.execPath));
  const npm = await npmConfigModule(npmPath, where.env.PATH);
  const { definitions, shorthands } = withCommandOptions(npm.definitions, npm.shorthands, commandOptions);
  const config = new npm.Config({
    definitions,
    shorthands,
    flatten: npm.flatten,
    nerfDarts: npm.nerfDarts,
    npmPath,
    // nopt reads from the third entry on, as in process.argv.
    argv: [where.execPath, 'rxnpm', ...withOptionalValues(argv, commandOptions)],
    // A copy: loading exports npm_config_* variables into the env it is given.
    env: { ...where.env },
    cwd: where.cwd,
    execPath: where.execPath,
    platform: where.platform,
    warn: false,
  });
  commandKeys.set(config, new Set(commandOptions.map(({ key }) => key).filter((key) => !Object.hasOwn(npm.definitions, key))));
  await config.load();
  return config;
}
