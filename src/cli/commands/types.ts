import type { Command } from 'commander';
import type { Observable } from 'rxjs';
import type { CliContext } from '../context';

/** What a command does once the configuration is loaded: a cold Observable the main subscribes to. */
export type Run = (ctx: CliContext) => Observable<unknown>;

/**
 * Called by a command's action: `what` names the command and its arguments
 * for an error line (`view foo@1`), `command` is commander's, for the flags.
 */
export type Select = (what: string, command: Command, run: Run) => void;
