import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A tmux server of the tests' own, so no one's tmux (or its environment) is touched. */
const SOCKET = `rxnpm-cli-test-${process.pid}`;
const tmux = (...args: string[]) => run('tmux', ['-L', SOCKET, ...args]);

/** A program in a detached tmux session: a real pseudo-terminal, read back with capture-pane. */
export interface TmuxSession {
  /** The screen's text as it is now. */
  screen(): Promise<string>;
  /** Resolves with the screen once it satisfies `test`; rejects after `timeoutMs`, showing the screen. */
  waitForScreen(test: (screen: string) => boolean, timeoutMs?: number): Promise<string>;
  sendKeys(...keys: string[]): Promise<void>;
  /** Everything the pane holds: the lines scrolled off the top (its scrollback), then the screen. */
  scrollback(): Promise<string>;
  /** How many lines have scrolled off the top into the scrollback. */
  historySize(): Promise<number>;
  /** Resizes the terminal, as a user dragging its window does (the program gets SIGWINCH). */
  resize(columns: number, rows: number): Promise<void>;
}

let counter = 0;

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * Runs `argv` in `cwd` with exactly `env` in a new tmux session of
 * `columns`×`rows`; with `hold`, the session outlives it by a minute. The command goes through a script file, so the tmux
 * server's own environment does not leak into it.
 */
export async function startTmux(
  argv: readonly string[],
  { cwd, env, scriptFolder, columns = 120, rows = 40, hold = false }: { cwd: string; env: NodeJS.ProcessEnv; scriptFolder: string; columns?: number; rows?: number; hold?: boolean },
): Promise<TmuxSession> {
  const name = `s${++counter}`;
  const script = join(scriptFolder, `tmux-${name}.sh`);
  const exports = Object.entries(env)
    .filter(([key, value]) => value !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
    .map(([key, value]) => `${key}=${quote(value!)}`);
  const command = `env -i ${exports.join(' ')} TERM=xterm-256color ${argv.map(quote).join(' ')}`;
  // With `hold`, the screen stays after the program ends, with its exit code under it.
  await writeFile(script, `cd ${quote(cwd)} && ${hold ? `${command}; echo "[exit $?]"; sleep 60` : `exec ${command}`}\n`);
  await tmux('new-session', '-d', '-s', name, '-x', String(columns), '-y', String(rows), `sh ${quote(script)}`);
  const screen = async () => (await tmux('capture-pane', '-p', '-t', name)).stdout;
  return {
    screen,
    async waitForScreen(test, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      let last = '';
      while (Date.now() < deadline) {
        last = await screen().catch((error: Error) => `(no screen: ${error.message})`);
        if (test(last)) return last;
        await new Promise((done) => setTimeout(done, 100));
      }
      throw new Error(`the screen did not show what was expected within ${timeoutMs}ms:\n${last}`);
    },
    async sendKeys(...keys) {
      await tmux('send-keys', '-t', name, ...keys);
    },
    async scrollback() {
      return (await tmux('capture-pane', '-p', '-S', '-', '-t', name)).stdout;
    },
    async historySize() {
      return Number((await tmux('display-message', '-p', '-t', name, '#{history_size}')).stdout);
    },
    async resize(columns, rows) {
      await tmux('resize-window', '-t', name, '-x', String(columns), '-y', String(rows));
    },
  };
}

/** Ends the tests' tmux server and every session in it. */
export async function killTmuxServer(): Promise<void> {
  await tmux('kill-server').catch(() => undefined);
}
