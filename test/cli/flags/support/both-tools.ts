import { ensureCliBuilt, releaseCli } from '../../support/build-cli';
import { makeCliHome, type CliHome } from '../../support/cli-home';
import { startLoopbackRegistry, type LoopbackRegistry } from '../../support/loopback-registry';
import { killAllClis, runCli, type CliResult } from '../../support/run-cli';
import { runNpm } from './npm';

/** rxnpm and npm, run the same way against one loopback registry that has `owned-pkg`. */
export interface BothTools {
  readonly registry: LoopbackRegistry;
  readonly home: CliHome;
  /** The child's environment (npm asks for no update). */
  env(): NodeJS.ProcessEnv;
  /** `…args --registry URL --cache FOLDER`. */
  withRegistry(args: readonly string[]): string[];
  rxnpm(args: readonly string[], cwd?: string): Promise<CliResult>;
  npm(args: readonly string[], cwd?: string): Promise<CliResult>;
}

/** Starts the registry and a user's home before the file's tests, and ends them after. */
export function bothTools(): BothTools {
  let registry: LoopbackRegistry | undefined;
  let home: CliHome | undefined;
  const self: BothTools = {
    get registry() {
      if (!registry) throw new Error('used before beforeAll');
      return registry;
    },
    get home() {
      if (!home) throw new Error('used before beforeAll');
      return home;
    },
    // npm would ask the registry for a newer npm; neither tool is asked anything else.
    env: () => self.home.env({ npm_config_update_notifier: 'false' }),
    withRegistry: (args) => [...args, '--registry', self.registry.url, '--cache', self.home.cache],
    rxnpm: (args, cwd = self.home.cwd) => runCli(self.withRegistry(args), { cwd, env: self.env(), timeoutMs: 60_000 }),
    npm: (args, cwd = self.home.cwd) => runNpm(self.withRegistry(args), { cwd, env: self.env(), timeoutMs: 60_000 }),
  };

  beforeAll(async () => {
    await ensureCliBuilt();
    registry = await startLoopbackRegistry({ 'owned-pkg': [{ name: 'ada', email: 'ada@example.com' }] });
    home = await makeCliHome();
  }, 240_000);

  afterAll(async () => {
    await killAllClis();
    await registry?.close();
    await home?.remove();
    await releaseCli();
  });
  return self;
}
