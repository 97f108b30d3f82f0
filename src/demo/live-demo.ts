import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { messageOf } from '../cli/output/message-of';
import { packTarball } from '../cli/tarball/pack-tarball';
import { HeldLines } from './held-lines';
import { startVerdaccio } from '../verdaccio/start-verdaccio';

/**
 * `npm run demo`: the rxnpm command line against a registry of its own. A
 * local Verdaccio on a free loopback port; a user logs in; `rxnpm view
 * --watch` runs in the background while three versions are published and a
 * dist-tag is moved, and each change shows up in the live view. Needs no
 * network; everything is removed at the end.
 */

const PACKAGE = 'rxnpm-live-demo';
const INTERVAL_MS = 400;
/** How long any one step may take before the demo gives up. */
const STEP_TIMEOUT_MS = 20_000;

const cliPath = resolve(dirname(process.argv[1] ?? '.'), 'cli.js');
const say = (text: string) => process.stdout.write(`${text}\n`);

/** The environment of the children: this machine's, without the npm_config_* of whoever ran `npm run`. */
function childEnv(work: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return { ...env, npm_config_userconfig: join(work, 'user.npmrc'), npm_config_globalconfig: join(work, 'global.npmrc'), XDG_CACHE_HOME: join(work, 'xdg-cache') };
}

async function main(): Promise<void> {
  const registry = await startVerdaccio();
  const work = await mkdtemp(join(tmpdir(), 'rxnpm-live-demo-'));
  const env = childEnv(work);
  const common = ['--registry', registry.url, '--cache', join(work, 'cache')];
  let watcher: ChildProcess | undefined;

  /** Runs one CLI command to the end, showing it and its output; fails the demo when it fails. */
  const rxnpm = (...args: string[]) =>
    new Promise<string>((done, fail) => {
      say(`\n$ rxnpm ${args.map((a) => (a.includes(' ') ? JSON.stringify(a) : a)).join(' ')}`);
      const child = spawn(process.execPath, [cliPath, ...args, ...common], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk;
        process.stdout.write(chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => process.stdout.write(chunk));
      const timer = setTimeout(() => child.kill('SIGKILL'), STEP_TIMEOUT_MS);
      child.on('close', (code) => {
        clearTimeout(timer);
        if (code === 0) done(out);
        else fail(new Error(`rxnpm ${args[0]} exited with ${code}`));
      });
    });

  const held = new HeldLines();
  /** Shows the live view's lines once it has shown each of `texts`: what the step before caused. */
  const viewShows = async (...texts: string[]) => {
    for (const line of await held.release(texts, STEP_TIMEOUT_MS)) say(`  │ ${line}`);
  };

  try {
    say(`rxnpm live demo: a local registry at ${registry.url} (Verdaccio on loopback, no network needed)`);
    await rxnpm('login', '--username', 'demo', '--password', 'demo-password', '--email', 'demo@example.com');
    await rxnpm('whoami');

    say(`\n$ rxnpm view ${PACKAGE} --watch --interval ${INTERVAL_MS} &     # the live view; its lines are marked │`);
    const live = spawn(process.execPath, [cliPath, 'view', PACKAGE, '--watch', '--interval', String(INTERVAL_MS), ...common], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
    watcher = live;
    for (const stream of [live.stdout, live.stderr]) createInterface({ input: stream }).on('line', (line) => held.add(line));
    await viewShows('waiting for it to be published');

    for (const [version, tag, tagChange] of [
      ['1.0.0', 'latest', 'latest → 1.0.0 (new tag)'],
      ['1.1.0', 'latest', 'latest 1.0.0 → 1.1.0'],
      ['2.0.0', 'next', 'next → 2.0.0 (new tag)'],
    ] as const) {
      const tarball = await packTarball(work, { name: PACKAGE, version });
      await rxnpm('publish', basename(tarball), '--tag', tag);
      await viewShows(`new version ${version}`, tagChange);
    }
    await rxnpm('dist-tag', 'add', `${PACKAGE}@2.0.0`, 'latest');
    await viewShows('latest 1.1.0 → 2.0.0');
    await rxnpm('dist-tag', 'ls', PACKAGE);

    say('\n(Ctrl-C to the live view)');
    const exited = new Promise<number | null>((done) => live.once('close', (code) => done(code)));
    live.kill('SIGINT');
    const code = await exited;
    await viewShows();
    say(`the live view stopped with exit code ${code}`);
    say('\nDone: three versions published and a dist-tag moved, each seen live. The registry and its files are gone.');
  } finally {
    if (watcher && watcher.exitCode === null && watcher.signalCode === null) watcher.kill('SIGKILL');
    await registry.close();
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${messageOf(error)}`);
  process.exitCode = 1;
});
