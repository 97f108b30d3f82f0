import { from, mergeMap, type Observable } from 'rxjs';
import type { CliContext } from '../context';
import type { Run } from './types';

/** What `lazyRun` hands a command: the exports of ./kit. */
export type Kit = typeof import('./kit');

/**
 * A command's work, given the kit (the library and the command line's
 * helpers) once the command runs. The program defines every command on each
 * start, so a value a definition imported itself would be loaded for
 * `--version` and for every other command.
 *
 * @example
 * select(`deprecate ${spec}`, command, lazyRun(({ parsePackageSpec }, ctx) => …));
 */
export function lazyRun(run: (kit: Kit, ctx: CliContext) => Observable<unknown>): Run {
  return (ctx) => from(import('./kit')).pipe(mergeMap((kit) => run(kit, ctx)));
}
