import { Option, type Command } from 'commander';
import { defer, last, map } from 'rxjs';
import { DEFAULT_WATCH_INTERVAL, parsePackageSpec } from '../../index';
import { CliError } from '../output/cli-error';
import { viewOptions } from '../output/view-options';
import { formatView } from '../view/format-view';
import { watchView } from '../watch/watch-view';
import type { Select } from './types';

function interval(value: string): number {
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
    .addOption(new Option('--interval <ms>', 'milliseconds between checks with --watch').default(DEFAULT_WATCH_INTERVAL).argParser(interval))
    .action((spec: string, fields: string[], options: { watch?: boolean; interval: number }, command: Command) => {
      select(`view ${spec}`, command, (ctx) => {
        const parsed = parsePackageSpec(spec);
        // '' (no version in the spec) is the configured default tag, as in npm.
        const wanted = parsed.rawSpec;
        if (options.watch) return watchView(ctx, { name: parsed.name, wanted, fields, interval: options.interval });
        return defer(() => ctx.client.get(`/${parsed.escapedName}`, { fullMetadata: true, ...ctx.readOptions })).pipe(
          last(),
          map(({ data, raw }) => formatView(data, wanted, fields, viewOptions(ctx, { json: ctx.json, raw }))),
          map((text) => {
            if (text !== '') ctx.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
          }),
        );
      });
    });
}
