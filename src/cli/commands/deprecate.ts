import type { Command } from 'commander';
import { defer, map } from 'rxjs';
import { lazyRun } from './lazy-run';
import type { Select } from './types';

/** `deprecate <spec> <message>`: marks the versions in the spec's range deprecated; "" lifts it. */
export function defineDeprecate(program: Command, select: Select): void {
  program
    .command('deprecate')
    .description('deprecate versions of a package ("" as the message lifts it)')
    .argument('<spec>', 'name, or name@range')
    .argument('<message>', 'shown to whoever installs those versions')
    .action((spec: string, message: string, _options: unknown, command: Command) => {
      select(`deprecate ${spec}`, command, lazyRun(({ parsePackageSpec }, ctx) =>
        defer(() => {
          const parsed = parsePackageSpec(spec);
          const range = parsed.rawSpec || '*';
          return ctx.client.deprecate(parsed.name, range, message).pipe(
            map(() => {
              if (ctx.json) ctx.printJson({ name: parsed.name, range, message });
              else ctx.print(message ? `deprecated ${parsed.name}@${range}: ${message}` : `${parsed.name}@${range} is no longer deprecated`);
            }),
          );
        }),
      ));
    });
}
