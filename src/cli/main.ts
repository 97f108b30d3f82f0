#!/usr/bin/env node
import { catchError, concatWith, defer, from, ignoreElements, mergeMap, tap, throwError } from 'rxjs';
import { version } from '../../package.json';
import { commandOptions } from './argv/command-options';
import { quoteArg } from './argv/quote-arg';
import { loadNpmConfig, type NpmConfig } from './config/load-npm-config';
import { isLogLevel, stderrLogger, type CliLogLevel, type LevelledLogger } from './output/stderr-logger';
import { createProgram, type Invocation } from './program';
import { useBaselineWasm } from './use-baseline-wasm';

/** Exit codes as shells report them: 128 plus the signal's number. */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

const environment = { env: process.env, cwd: process.cwd(), execPath: process.execPath, platform: process.platform };
const streams = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

/** Sets the exit code and lets the process end by itself; a handle left open cannot keep it alive past a second. */
function finish(code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), 1000).unref();
}

/**
 * A failed command: one line on stderr (with the stack at --loglevel
 * verbose), npm's JSON error on stdout with `--json`, exit code 1. The report
 * reads the library's error codes: it is loaded when there is an error to print.
 */
function fail(what: string, error: unknown, level: CliLogLevel, json: boolean): void {
  void import('./output/report-failure').then(({ reportFailure }) => {
    reportFailure(error, { what, json, verbose: level === 'verbose' || level === 'silly', silent: level === 'silent' }, process);
    finish(1);
  });
}

/**
 * Runs the chosen command: subscribes to the command's Observable (the only
 * subscription in rxnpm), prints a failure and sets the exit code. Ctrl-C
 * unsubscribes, which aborts requests in flight, and exits 130.
 */
function run({ what, run: command }: Invocation, config: NpmConfig, log: LevelledLogger, level: CliLogLevel): void {
  let json = config.get('json') === true;
  // The library loads once a command runs: --help and --version never wait for it.
  const work$ = defer(async () => (await import('./session')).openSession(config, environment, streams, log)).pipe(
    // What the configuration settled on (a flag, npm_config_json, .npmrc) decides how a failure is printed.
    tap((session) => (json = session.context.json)),
    mergeMap((session) =>
      defer(() => command(session.context)).pipe(
        ignoreElements(),
        // Cache writes are finished and sockets closed before the exit code is set, after a success or a failure.
        catchError((error: unknown) => from(session.close()).pipe(mergeMap(() => throwError(() => error)))),
        concatWith(defer(() => session.close())),
      ),
    ),
  );

  const subscription = work$.subscribe({
    complete: () => finish(0),
    error: (error: unknown) => fail(what, error, level, json),
  });

  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
    process.once(signal, () => {
      subscription.unsubscribe();
      process.exit(code);
    });
  }
}

/**
 * Reads the command line as npm does (npm's configuration loader parses
 * every flag, in the user's configuration), lets commander choose the
 * command, and runs it. Log lines wait until the configuration has settled
 * the log level, as npm's do, so that `-s` silences the loader's warnings too.
 */
async function main(argv: readonly string[]): Promise<void> {
  let level: CliLogLevel = 'notice';
  let waiting: unknown[][] | undefined = [];
  const log = stderrLogger(process.stderr, () => level);
  // npm's configuration loader logs through process 'log' events (proc-log), which Node's own types do not list.
  const events: NodeJS.EventEmitter = process;
  events.on('log', (logLevel: string, ...parts: unknown[]) => (waiting ? waiting.push([logLevel, ...parts]) : log.write(logLevel, ...parts)));
  const settle = (settled: unknown) => {
    if (isLogLevel(settled)) level = settled;
    const lines = waiting ?? [];
    waiting = undefined;
    for (const [logLevel, ...parts] of lines) log.write(String(logLevel), ...parts);
  };

  let chosen: Invocation | undefined;
  const program = createProgram((invocation) => (chosen = invocation));
  const options = commandOptions(program);
  let config: NpmConfig;
  try {
    config = await loadNpmConfig(argv, environment, options);
  } catch (error) {
    settle(level);
    return fail(argv.map(quoteArg).join(' '), error, level, argv.includes('--json'));
  }
  settle(config.get('loglevel'));

  if (config.get('version', 'cli') === true) {
    process.stdout.write(`${version}\n`);
    return finish(0);
  }
  const { parseCommandLine, typedCommandLine } = await import('./argv/parse-command-line');
  let ended: number | undefined;
  try {
    ended = parseCommandLine(program, config, options);
  } catch (error) {
    return fail(typedCommandLine(config), error, level, config.get('json') === true);
  }
  config.logWarnings?.();
  if (ended !== undefined) return finish(ended);
  if (chosen) run(chosen, config, log, level);
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // The reader went away (`rxnpm view … | head`): nothing more to say.
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

const argv = process.argv.slice(2);
// `--version` and `--help` alone need nothing loaded: no configuration, no library.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) process.stdout.write(`${version}\n`);
else if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) createProgram(() => undefined).outputHelp();
else {
  useBaselineWasm();
  void main(argv);
}
