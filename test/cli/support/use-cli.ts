import { ensureCliBuilt, releaseCli } from './build-cli';
import { makeCliHome, type CliHome } from './cli-home';
import { killAllClis, runCli, startCli, type CliResult, type RunningCli } from './run-cli';

/*
 * How a CLI test file uses this (call it once at the top of the file, or inside a `describe`):
 *
 *   const cli = useCli({ registry: () => startVerdaccio(), userconfig: ({ url }) => tokenLine(url, 'a-token') });
 *
 *   it('pings', async () => {
 *     const result = await cli.rxnpm('ping'); // node dist/cli.js ping --registry URL --cache FOLDER, in cli.home
 *     expect(result.code).toBe(0);
 *   });
 *
 * The fixture registers its own hooks: before the tests it builds dist/ when
 * stale (and holds it, so no other file rebuilds it underneath), starts the
 * registry, makes the user's home and writes its .npmrc; after them it kills
 * any CLI still running, closes the registry, removes every home it made and
 * lets go of dist/. `cli.registry` and `cli.home` throw when read before that.
 *
 * - Anything else the file needs (packages published, a second server) goes
 *   in the file's own `beforeAll`, written after `useCli(…)`: Jest runs hooks
 *   in the order they are written, so the registry and home are there by then.
 * - `cli.run(args, { home, cwd, env, registry })` runs with another home,
 *   folder, environment or registry URL (`registry: false`: no flags added);
 *   `cli.start(…)` the same for a CLI that runs until stopped.
 * - `cli.newHome()` gives another user, removed with the fixture's home.
 * - `per: 'test'` gives each test a new registry and home (closed after it).
 * - A file that runs no CLI but needs a home (the demo scripts) uses `useCliHome()`.
 */

/** What a CLI test runs against: Verdaccio, a loopback server… */
export interface CliRegistry {
  /** `http://127.0.0.1:PORT/`. */
  readonly url: string;
  close(): Promise<void>;
}

export interface CliFixtureOptions<R extends CliRegistry> {
  /** Starts the registry the file's commands run against. */
  readonly registry: () => Promise<R>;
  /** The home's .npmrc (a token line, config), written once the registry is up. */
  readonly userconfig?: (registry: R) => string | Promise<string>;
  /** Added to the environment of every run. */
  readonly env?: NodeJS.ProcessEnv;
  /** How long a run may take before it is killed (runCli's own default otherwise). */
  readonly timeoutMs?: number;
  /** `'test'`: a new registry and home for each test instead of one for the file. */
  readonly per?: 'file' | 'test';
}

/** How one run differs from the fixture's. */
export interface CliRunOptions {
  /** Whose home: its environment, cache and folder (default `cli.home`). */
  readonly home?: CliHome;
  /** Where it runs (default the home's `cwd`). */
  readonly cwd?: string;
  /** Added to the environment, after the fixture's `env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** The `--registry` URL (default the fixture's registry); `false`: no `--registry`/`--cache` flags. */
  readonly registry?: string | false;
  readonly input?: string;
  readonly timeoutMs?: number;
}

export interface CliFixture<R extends CliRegistry> {
  readonly registry: R;
  /** The user's home: the CLI's environment, cache and working folder. */
  readonly home: CliHome;
  /** `node dist/cli.js …args --registry URL --cache FOLDER` in the home, to the end. */
  rxnpm(...args: string[]): Promise<CliResult>;
  run(args: readonly string[], options?: CliRunOptions): Promise<CliResult>;
  /** As `run`, for a CLI that runs until stopped (killed at teardown if still running). */
  start(args: readonly string[], options?: CliRunOptions): RunningCli;
  /** Another user's home, removed with the fixture's home. */
  newHome(): Promise<CliHome>;
}

/** The homes one fixture made, to be removed together. */
function homeKeeper(): { make(): Promise<CliHome>; removeAll(): Promise<unknown> } {
  const made: CliHome[] = [];
  return {
    make: async () => {
      const home = await makeCliHome();
      made.push(home);
      return home;
    },
    removeAll: () => Promise.all(made.splice(0).map((home) => home.remove())),
  };
}

function ready<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} used before the fixture's beforeAll/beforeEach`);
  return value;
}

/** Registers the hooks of a file whose tests run the built CLI against a registry; see the note at the top. */
export function useCli<R extends CliRegistry>(options: CliFixtureOptions<R>): CliFixture<R> {
  const homes = homeKeeper();
  let registry: R | undefined;
  let home: CliHome | undefined;

  /** The arguments of `runCli`/`startCli` for one run. */
  const command = (args: readonly string[], run: CliRunOptions) => {
    const user = run.home ?? self.home;
    const url = run.registry ?? self.registry.url;
    const argv = url === false ? args : [...args, ...user.flags(url)];
    const spawned = { cwd: run.cwd ?? user.cwd, env: user.env({ ...options.env, ...run.env }), input: run.input, timeoutMs: run.timeoutMs ?? options.timeoutMs };
    return [argv, spawned] as const;
  };

  const self: CliFixture<R> = {
    get registry() {
      return ready(registry, 'cli.registry');
    },
    get home() {
      return ready(home, 'cli.home');
    },
    rxnpm: (...args) => self.run(args),
    run: (args, run = {}) => runCli(...command(args, run)),
    start: (args, run = {}) => startCli(...command(args, run)),
    newHome: () => homes.make(),
  };

  const setUp = async () => {
    registry = await options.registry();
    home = await homes.make();
    if (options.userconfig) await home.writeUserconfig(await options.userconfig(registry));
  };
  const tearDown = async () => {
    await killAllClis();
    await registry?.close();
    await homes.removeAll();
    registry = undefined;
    home = undefined;
  };

  beforeAll(() => ensureCliBuilt(), 240_000);
  if (options.per === 'test') {
    beforeEach(setUp);
    afterEach(tearDown);
  } else {
    beforeAll(setUp, 240_000);
    afterAll(tearDown);
  }
  afterAll(() => releaseCli());
  return self;
}

/** Registers the hooks of a file that needs a CLI user's home but runs no built CLI of its own (it does not hold dist/). */
export function useCliHome(): { readonly home: CliHome } {
  const homes = homeKeeper();
  let home: CliHome | undefined;
  beforeAll(async () => {
    home = await homes.make();
  });
  afterAll(() => homes.removeAll());
  return {
    get home() {
      return ready(home, 'home');
    },
  };
}
