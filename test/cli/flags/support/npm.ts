import { spawn } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { findNpmPath } from '../../../../src/cli/config/npm-path';
import { ROOT } from '../../support/build-cli';
import type { CliOptions, CliResult } from '../../support/run-cli';

/** The npm package folder of the first `npm` on PATH (a node without npm beside it, as CI's second Node, still has the machine's). */
function npmOnPath(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const bin = join(dir, 'npm');
    if (existsSync(bin)) return dirname(dirname(realpathSync(bin)));
  }
  return '';
}

/**
 * The npm rxnpm is compared with: the one beside this node, whose
 * configuration code rxnpm reads flags with, else the dev dependency, else
 * the npm on PATH.
 */
export const NPM_FOLDER = [findNpmPath(process.execPath, process.platform, ''), join(ROOT, 'node_modules', 'npm'), npmOnPath()].find((folder) =>
  existsSync(join(folder, 'bin', 'npm-cli.js')),
);

/** Runs `npm …args` to its end, as a user's shell would, killed after `timeoutMs`. */
export function runNpm(args: readonly string[], options: CliOptions): Promise<CliResult> {
  if (!NPM_FOLDER) throw new Error(`no npm beside ${process.execPath} nor in node_modules to compare with`);
  const child = spawn(process.execPath, [join(NPM_FOLDER, 'bin', 'npm-cli.js'), ...args], { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.end(options.input ?? '');
  const stdout: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
  return new Promise((done) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const bytes = Buffer.concat(stdout);
      done({ code, signal, stdout: bytes.toString('utf8'), stderr, stdoutBytes: bytes });
    }),
  );
}

/** The folder of npm's own @npmcli/config, to read its definitions as npm does. */
export const npmPath = (): string => NPM_FOLDER ?? dirname(process.execPath);
