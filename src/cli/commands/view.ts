import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defer, last, map, mergeMap } from 'rxjs';
import { quoteArg } from '../argv/quote-arg';
import type { CliContext } from '../context';
import { lazyRun, type Kit } from './lazy-run';
import type { Select } from './types';

/** `--interval`'s milliseconds, checked when the command runs, so that a bad value is reported as every failure is. */
function interval({ CliError, DEFAULT_WATCH_INTERVAL }: Kit, value: string | undefined): number {
  if (value === undefined) return DEFAULT_WATCH_INTERVAL;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms <= 0) throw new CliError('EUSAGE', `--interval must be a positive number of milliseconds, got ${JSON.stringify(value)}`);
  return ms;
}

/** npm's "this package": no spec, `.`, or `.@version`. */
const isLocal = (spec: string | undefined): boolean => spec === undefined || spec === '.' || spec.startsWith('.@');

/**
 * The spec for the package of the current project, as `npm view` reads it:
 * the name in the project folder's package.json (npm's prefix, found up from
 * the working folder), with the version part of `.@version` kept.
 */
async function localSpec({ CliError }: Kit, ctx: CliContext, spec: string | undefined): Promise<string> {
  if (ctx.config.get('global') === true) throw new CliError('EUSAGE', 'Cannot use view command in global mode.');
  const manifest: unknown = JSON.parse(await readFile(join(ctx.config.localPrefix, 'package.json'), 'utf8'));
  const name = typeof manifest === 'object' && manifest !== null && 'name' in manifest ? manifest.name : undefined;
  if (typeof name !== 'string' || name === '') throw new CliError('EUSAGE', 'Invalid package.json, no "name" field');
  return `${name}${spec?.slice(1) ?? ''}`;
}

/** `view [spec] [field…]`: what `npm view` prints; with --watch, a live view. */
export function defineView(program: Command, select: Select): void {
  program
    .command('view')
    .alias('info')
    .description('show a package, a version or some of its fields, as npm view does')
    .argument('[spec]', 'package, optionally with @version, @range or @tag (default: the package in this folder, as "." does)')
    .argument('[field...]', 'fields to show, e.g. dist-tags, versions, dependencies.rxjs')
    .option('--watch', 'keep watching: redraw (terminal) or print a line each time a version or dist-tag changes')
    // No default shown here: it is the library's, and the library is not loaded to print the help.
    .option('--interval <ms>', "milliseconds between checks with --watch (default: the library's watch interval)")
    .action((spec: string | undefined, fields: string[], options: { watch?: boolean; interval?: string }, command: Command) => {
      select(
        spec === undefined ? 'view' : `view ${quoteArg(spec)}`,
        command,
        lazyRun((kit, ctx) => {
          const { parsePackageSpec, formatView, viewOptions, watchView } = kit;
          const every = interval(kit, options.interval);
          return defer(() => (isLocal(spec) ? localSpec(kit, ctx, spec) : [spec ?? ''])).pipe(
            mergeMap((given) => {
              const parsed = parsePackageSpec(given);
              // '' (no version in the spec) is the configured default tag, as in npm.
              const wanted = parsed.rawSpec;
              if (options.watch) return watchView(ctx, { name: parsed.name, wanted, fields, interval: every });
              return defer(() => ctx.client.get(`/${parsed.escapedName}`, { fullMetadata: true, ...ctx.readOptions })).pipe(
                last(),
                map(({ data, raw }) => formatView(data, wanted, fields, viewOptions(ctx, { json: ctx.json, raw }))),
                map((text) => {
                  if (text !== '') ctx.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
                }),
              );
            }),
          );
        }),
      );
    });
}
