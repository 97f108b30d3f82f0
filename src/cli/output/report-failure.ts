import { CliError } from './cli-error';
import { errorDetails, errorLine } from './error-line';
import { jsonError } from './json-error';

export interface FailureReport {
  /** The command and its arguments, to name what failed. */
  readonly what: string;
  /** `--json`: the failure goes to stdout as JSON too, so a program reading stdout gets JSON whatever happens. */
  readonly json: boolean;
  /** `--loglevel verbose` or `silly`: the stack and the registry's whole answer go under the line. */
  readonly verbose: boolean;
  /** `--loglevel silent` (`-s`): nothing on stderr, as npm's error lines are log lines and silent logs none. */
  readonly silent: boolean;
}

interface Streams {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/**
 * Prints a failed command as npm does: with `--json`, `{ "error": { code,
 * summary, detail } }` on stdout; the one line on stderr unless the log
 * level is silent (npm logs its error there with or without `--json`).
 */
export function reportFailure(error: unknown, { what, json, verbose, silent }: FailureReport, { stdout, stderr }: Streams): void {
  if (json && !(error instanceof CliError && error.reported)) stdout.write(`${JSON.stringify({ error: jsonError(error) }, null, 2)}\n`);
  if (silent) return;
  stderr.write(`${errorLine(what, error)}\n`);
  if (verbose) stderr.write(`${errorDetails(error)}\n`);
}
