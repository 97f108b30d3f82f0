import type { Command } from 'commander';
import { defer, map } from 'rxjs';
import { lazyRun } from './lazy-run';
import type { Select } from './types';

/** `unpublish <name@version>`, or the whole package with --force, as npm insists. */
export function defineUnpublish(program: Command, select: Select): void {
  program
    .command('unpublish')
    .description('remove a version from the registry (the whole package with --force)')
    .argument('<spec>', 'name@version, or name with --force')
    .option('-f, --force', 'allow removing every version of the package')
    .action((spec: string, options: { force?: boolean }, command: Command) => {
      select(`unpublish ${spec}`, command, lazyRun(({ parsePackageSpec, CliError, oneVersion }, ctx) =>
        defer(() => {
          const parsed = parsePackageSpec(spec);
          if (parsed.rawSpec === '' && !options.force) {
            throw new CliError('EUSAGE', `refusing to remove every version of ${parsed.name}: name a version (${parsed.name}@1.0.0) or pass --force`);
          }
          const version = parsed.rawSpec === '' ? undefined : oneVersion(spec, parsed);
          const id = version === undefined ? parsed.name : `${parsed.name}@${version}`;
          return ctx.client.unpublish(parsed.name, version).pipe(
            map((result) => {
              if (!result.removed) throw new CliError('E404', `${id} is not on the registry: nothing was removed`, { pkgid: parsed.name });
              if (ctx.json) ctx.printJson({ id, ...result });
              else ctx.print(`- ${id}`);
            }),
          );
        }),
      ));
    });
}
