import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A user of the CLI in a temp folder: home, cache directory, .npmrc files and a project folder to run in. */
export interface CliHome {
  readonly root: string;
  readonly home: string;
  readonly xdgCache: string;
  /** Passed as --cache. */
  readonly cache: string;
  /** The user's .npmrc (`npm_config_userconfig`). */
  readonly userconfig: string;
  readonly globalconfig: string;
  /** The working folder of the CLI (no package.json, no .npmrc unless a test writes one). */
  readonly cwd: string;
  /** The child's environment: this one without any npm_* variable, with HOME and the config files pointed here. */
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** `--registry URL --cache FOLDER`. */
  flags(registry: string): string[];
  writeUserconfig(text: string): Promise<void>;
  readUserconfig(): Promise<string>;
  remove(): Promise<void>;
}

export async function makeCliHome(): Promise<CliHome> {
  const root = await mkdtemp(join(tmpdir(), 'rxnpm-cli-test-'));
  const home = join(root, 'home');
  const cwd = join(root, 'work');
  await Promise.all([mkdir(home), mkdir(cwd)]);
  const userconfig = join(home, '.npmrc');
  const self: CliHome = {
    root,
    home,
    xdgCache: join(root, 'xdg-cache'),
    cache: join(root, 'cache'),
    userconfig,
    globalconfig: join(root, 'global-npmrc'),
    cwd,
    env(extra = {}) {
      const env: NodeJS.ProcessEnv = {};
      for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key) && key !== 'NO_COLOR' && key !== 'FORCE_COLOR') env[key] = value;
      return { ...env, HOME: home, XDG_CACHE_HOME: self.xdgCache, npm_config_userconfig: userconfig, npm_config_globalconfig: self.globalconfig, ...extra };
    },
    flags: (registry) => ['--registry', registry, '--cache', self.cache],
    writeUserconfig: (text) => writeFile(userconfig, text),
    readUserconfig: () => readFile(userconfig, 'utf8').catch(() => ''),
    remove: () => rm(root, { recursive: true, force: true }),
  };
  return self;
}

/** The .npmrc line that gives `registry` a token, as `npm login` writes it. */
export function tokenLine(registry: string, token: string): string {
  return `${registry.replace(/^https?:/, '')}:_authToken=${token}\n`;
}
