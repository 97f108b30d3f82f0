#!/usr/bin/env node
import { catchError, concatWith, defer, from, ignoreElements, mergeMap, tap, throwError } from 'rxjs';
import { isLogLevel, stderrLogger, type CliLogLevel } from './output/stderr-logger';
import { createProgram, type Invocation } from './program';

/** Exit codes as shells report them: 128 plus the signal's number. */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

/** Sets the exit code and lets the process end by itself; a handle left open cannot keep it alive past a second. */
function finish(code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), 1000).unref();
}

/**
 * Runs the chosen command: loads npm's configuration, subscribes to the
 * command's Observable (the only subscription in rxnpm), prints a failure as
 * one line on stderr (with the stack at --loglevel verbose) and sets the exit
 * code. Ctrl-C unsubscribes, which aborts requests in flight, and exits 130.
 */
function run({ what, flags, run: command }: Invocation): void {
  const fromEnv = process.env.npm_config_loglevel;
  let level: CliLogLevel = isLogLevel(flags.loglevel) ? flags.loglevel : isLogLevel(fromEnv) ? fromEnv : 'notice';
  const log = stderrLogger(process.stderr, () => level);
  let json = flags.json === true;
  // npm's configuration loader logs through process 'log' events (proc-log), which Node's own types do not list.
  const events: NodeJS.EventEmitter = process;
  events.on('log', (logLevel: string, ...parts: unknown[]) => log.write(logLevel, ...parts));
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // The reader went away (`rxnpm view … | head`): nothing more to say.
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });

  const environment = { env: process.env, cwd: process.cwd(), execPath: process.execPath, platform: process.platform };
  const streams = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  // The library and npm's configuration loader load once a command runs: --help and --version never wait for them.
  const work$ = defer(async () => (await import('./session')).openSession(flags, environment, streams, log, (settled) => (level = settled))).pipe(
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
    // The failure report reads the library's error codes: it is loaded when there is an error to print.
    error: (error: unknown) =>
      void import('./output/report-failure').then(({ reportFailure }) => {
        reportFailure(error, { what, json, verbose: level === 'verbose' || level === 'silly' }, process);
        finish(1);
      }),
  });

  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
    process.once(signal, () => {
      subscription.unsubscribe();
      process.exit(code);
    });
  }
}

let chosen: Invocation | undefined;
createProgram((invocation) => (chosen = invocation)).parse(process.argv);
if (chosen) run(chosen);
