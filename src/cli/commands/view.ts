import type { Command } from 'commander';
import { defer, last, map } from 'rxjs';
import { lazyRun, type Kit } from './lazy-run';
import type { Select } from './types';

/** `--interval`'s milliseconds, checked when the command runs, so that a bad value is reported as every failure is. */
function interval({ CliError, DEFAULT_WATCH_INTERVAL }: Kit, value: string | undefined): number {
  if (value === undefined) return DEFAULT_WATCH_INTERVAL;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms <= 0) throw new CliError('EUSAGE', `--interval must be a positive number of milliseconds, got ${JSON.stringify(value)}`);
  return ms;
}

/** `view <spec> [field…]`: what `npm view` prints; with --watch, a live view. */
export function defineView(program: Command, select: Select): void {
  program
    .command('view')
    .alias('info')
    .description('show a package, a version or some of its fields, as npm view does')
    .argument('<spec>', 'package, optionally with @version, @range or @tag')
    .argument('[field...]', 'fields to show, e.g. dist-tags, versions, dependencies.rxjs')
    .option('--watch', 'keep watching: redraw (terminal) or print a line each time a version or dist-tag changes')
    // No default shown here: it is the library's, and the library is not loaded to print the help.
    .option('--interval <ms>', "milliseconds between checks with --watch (default: the library's watch interval)")
    .action((spec: string, fields: string[], options: { watch?: boolean; interval?: string }, command: Command) => {
      select(`view ${spec}`, command, lazyRun((kit, ctx) => {
        const { parsePackageSpec, formatView, viewOptions, watchView } = kit;
        const parsed = parsePackageSpec(spec);
        // '' (no version in the spec) is the configured default tag, as in npm.
        const wanted = parsed.rawSpec;
        const every = interval(kit, options.interval);
        if (options.watch) return watchView(ctx, { name: parsed.name, wanted, fields, interval: every });
        return defer(() => ctx.client.get(`/${parsed.escapedName}`, { fullMetadata: true, ...ctx.readOptions })).pipe(
          last(),
          map(({ data, raw }) => formatView(data, wanted, fields, viewOptions(ctx, { json: ctx.json, raw }))),
          map((text) => {
            if (text !== '') ctx.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
          }),
        );
      }));
    });
}
