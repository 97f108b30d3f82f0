import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { CLI } from './build-cli';

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout as bytes, for output that is not text. */
  readonly stdoutBytes: Buffer;
}

export interface CliOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Written to stdin, which is then closed (stdin is a pipe, never a terminal). */
  readonly input?: string;
  readonly timeoutMs?: number;
}

/** A CLI process that runs until stopped (`view --watch`, a request that never gets an answer). */
export interface RunningCli {
  readonly child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout or stderr (as chosen) contains `text`; rejects after `timeoutMs`. */
  waitFor(text: string | RegExp, options?: { stream?: 'stdout' | 'stderr'; timeoutMs?: number }): Promise<void>;
  /** Resolves with how it ended; kills it after `timeoutMs` (then the result shows SIGKILL). */
  exited(timeoutMs?: number): Promise<CliResult>;
}

const running = new Set<ChildProcessWithoutNullStreams>();

/** Starts `node dist/cli.js …args`; the child is killed by `killAllClis()` if still running. */
export function startCli(args: readonly string[], options: CliOptions): RunningCli {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env: options.env, stdio: 'pipe' });
  running.add(child);
  let stdout = '';
  let stderr = '';
  const stdoutChunks: Buffer[] = [];
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((listener) => listener());
  child.stdout.on('data', (chunk: Buffer) => (stdoutChunks.push(chunk), (stdout += chunk), changed()));
  child.stderr.on('data', (chunk: Buffer) => ((stderr += chunk), changed()));
  const ended = new Promise<CliResult>((done) =>
    child.on('close', (code, signal) => {
      running.delete(child);
      done({ code, signal, stdout, stderr, stdoutBytes: Buffer.concat(stdoutChunks) });
    }),
  );
  if (options.input !== undefined) child.stdin.end(options.input);
  else child.stdin.end();

  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitFor(text, { stream = 'stdout', timeoutMs = 15_000 } = {}) {
      const matches = () => {
        const seen = stream === 'stdout' ? stdout : stderr;
        return typeof text === 'string' ? seen.includes(text) : text.test(seen);
      };
      return new Promise<void>((done, fail) => {
        if (matches()) return done();
        const timer = setTimeout(() => {
          listeners.delete(check);
          fail(new Error(`no ${String(text)} on ${stream} within ${timeoutMs}ms; stdout: ${stdout}\nstderr: ${stderr}`));
        }, timeoutMs);
        const check = () => {
          if (!matches()) return;
          clearTimeout(timer);
          listeners.delete(check);
          done();
        };
        listeners.add(check);
        void ended.then(() => {
          if (!listeners.has(check)) return;
          clearTimeout(timer);
          listeners.delete(check);
          if (matches()) done();
          else fail(new Error(`exited without ${String(text)} on ${stream}; stdout: ${stdout}\nstderr: ${stderr}`));
        });
      });
    },
    exited(timeoutMs = 20_000) {
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      return ended.finally(() => clearTimeout(timer));
    },
  };
}

/** Runs `node dist/cli.js …args` to the end (killed after `timeoutMs`). */
export function runCli(args: readonly string[], options: CliOptions): Promise<CliResult> {
  return startCli(args, options).exited(options.timeoutMs);
}

/** Kills every CLI process a test left running. */
export async function killAllClis(): Promise<void> {
  const left = [...running];
  await Promise.all(
    left.map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('close', () => done());
          child.kill('SIGKILL');
        }),
    ),
  );
}
