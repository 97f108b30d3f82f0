import type { CliHome } from '../../support/cli-home';
import { startLoopbackRegistry, type LoopbackRegistry } from '../../support/loopback-registry';
import type { CliResult } from '../../support/run-cli';
import { useCli } from '../../support/use-cli';
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

// npm would ask the registry for a newer npm; neither tool is asked anything else.
const NO_UPDATE_CHECK = { npm_config_update_notifier: 'false' };

/** Starts the registry and a user's home before the file's tests, and ends them after (the CLI fixture's hooks). */
export function bothTools(): BothTools {
  const cli = useCli({
    registry: () => startLoopbackRegistry({ 'owned-pkg': [{ name: 'ada', email: 'ada@example.com' }] }),
    env: NO_UPDATE_CHECK,
    timeoutMs: 60_000,
  });
  const self: BothTools = {
    get registry() {
      return cli.registry;
    },
    get home() {
      return cli.home;
    },
    env: () => self.home.env(NO_UPDATE_CHECK),
    withRegistry: (args) => [...args, ...self.home.flags(self.registry.url)],
    rxnpm: (args, cwd) => cli.run(args, { cwd }),
    npm: (args, cwd = self.home.cwd) => runNpm(self.withRegistry(args), { cwd, env: self.env(), timeoutMs: 60_000 }),
  };
  return self;
}
