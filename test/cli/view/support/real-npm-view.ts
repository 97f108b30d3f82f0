import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What one run of the real `npm view` printed. */
export interface NpmViewResult {
  readonly stdout: string;
  readonly stderr: string;
  /** The exit code; `null` when the run was killed. */
  readonly code: number | null;
  /** The clock just before and just after the run, to bound the "now" npm used. */
  readonly startedAt: Date;
  readonly endedAt: Date;
}

export interface NpmViewOptions {
  /** Extra environment (e.g. `LC_ALL=C.UTF-8` for npm's `unicode`, off by default); colors are off through `NO_COLOR=1` unless `--color always` is passed. */
  readonly env?: Record<string, string>;
}

/** The real npm CLI, pointed only at one registry on 127.0.0.1, with its own empty config and cache. */
export interface RealNpm {
  view(args: readonly string[], options?: NpmViewOptions): Promise<NpmViewResult>;
  close(): Promise<void>;
}

const RUN_TIMEOUT_MS = 60_000;

/** A locale that is not UTF-8, so npm's `unicode` setting is off unless a test turns it on. */
const ASCII_LOCALE = { LC_ALL: 'C', LC_CTYPE: 'C', LANG: 'C' };

/** The environment of this process without any npm setting, so that only the flags below configure npm. */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^npm_/i.test(key)) continue;
    env[key] = value;
  }
  return env;
}

/**
 * Runs `npm view` against `registry` (always passed, so npm's default
 * registry is never asked) with an empty `--userconfig` and `--globalconfig`, a temp `--cache`, no
 * update check, no TTY and `NO_COLOR=1`. Every run is bounded by a timeout.
 */
export async function realNpm(registry: string): Promise<RealNpm> {
  const folder = await mkdtemp(join(tmpdir(), 'rxnpm-npm-view-'));
  // npm refuses to read one file as both its user and its global config.
  const userconfig = join(folder, 'empty-user-npmrc');
  const globalconfig = join(folder, 'empty-global-npmrc');
  await Promise.all([writeFile(userconfig, ''), writeFile(globalconfig, '')]);
  const flags = ['--registry', registry, '--cache', join(folder, 'cache'), '--userconfig', userconfig, '--globalconfig', globalconfig, '--no-update-notifier'];

  return {
    view(args, { env = {} } = {}) {
      const startedAt = new Date();
      return new Promise((resolve) => {
        execFile(
          'npm',
          ['view', ...args, ...flags],
          { env: { ...cleanEnv(), NO_COLOR: '1', ...ASCII_LOCALE, ...env }, timeout: RUN_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 },
          (error, stdout, stderr) => {
            const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
            resolve({ stdout, stderr, code, startedAt, endedAt: new Date() });
          },
        );
      });
    },
    close: () => rm(folder, { recursive: true, force: true }),
  };
}

/**
 * Checks stdout of a real `npm view` run against what the formatter gives,
 * exactly. Only the clock may differ: npm read it somewhere between the
 * start and the end of its run, so the output may match the formatter at
 * either end (e.g. "published just now" against "published 30 seconds ago").
 */
export function expectSameStdout(result: NpmViewResult, render: (now: Date) => string): void {
  if (result.stdout === render(result.endedAt)) return;
  expect(result.stdout).toBe(render(result.startedAt));
}
