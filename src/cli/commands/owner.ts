import type { Command } from 'commander';
import { defer, map } from 'rxjs';
import type { Maintainer } from '../../index';
import { lazyRun } from './lazy-run';
import type { Select } from './types';

const person = (m: Maintainer): string => (m.email ? `${m.name} <${m.email}>` : m.name);

/** `owner ls <pkg>`, `owner add <user> <pkg>`, `owner rm <user> <pkg>` (npm's argument order). */
export function defineOwner(program: Command, select: Select): void {
  const owner = program.command('owner').alias('author').description("list, add or remove a package's owners");

  owner
    .command('ls')
    .description("list a package's owners")
    .argument('<pkg>', 'package name')
    .action((pkg: string, _options: unknown, command: Command) => {
      select(`owner ls ${pkg}`, command, lazyRun(({ parsePackageSpec }, ctx) =>
        defer(() => ctx.client.owner.ls(parsePackageSpec(pkg).name)).pipe(
          map((maintainers) => {
            if (ctx.json) ctx.printJson(maintainers);
            else for (const m of maintainers) ctx.print(person(m));
          }),
        ),
      ));
    });

  for (const action of ['add', 'rm'] as const) {
    owner
      .command(action)
      .description(action === 'add' ? 'make a user an owner of a package' : "remove a user from a package's owners")
      .argument('<user>', 'user name')
      .argument('<pkg>', 'package name')
      .action((user: string, pkg: string, _options: unknown, command: Command) => {
        select(`owner ${action} ${user} ${pkg}`, command, lazyRun(({ parsePackageSpec }, ctx) =>
          defer(() => {
            const { name } = parsePackageSpec(pkg);
            const change$ = action === 'add' ? ctx.client.owner.add(name, user) : ctx.client.owner.rm(name, user);
            return change$.pipe(
              map((result) => {
                // The client answers with the owners as they are when there was nothing to change.
                const changed = !Array.isArray(result);
                if (ctx.json) ctx.printJson({ name, user, action, changed });
                else if (changed) ctx.print(`${action === 'add' ? '+' : '-'} ${user} (${name})`);
                else ctx.print(`${user} ${action === 'add' ? 'already owns' : 'does not own'} ${name}: nothing to change`);
              }),
            );
          }),
        ));
      });
  }
}
