import type { Command } from 'commander';
import { concatMap, defer, from, map, toArray } from 'rxjs';
import { lazyRun } from './lazy-run';
import type { Select } from './types';

function defineStarring(program: Command, select: Select, name: 'star' | 'unstar'): void {
  const starred = name === 'star';
  program
    .command(name)
    .description(starred ? 'mark packages as favorites' : 'remove packages from your favorites')
    .argument('<pkg...>', 'package names')
    .action((pkgs: string[], _options: unknown, command: Command) => {
      select(`${name} ${pkgs.join(' ')}`, command, lazyRun(({ parsePackageSpec }, ctx) =>
        defer(() => from(pkgs.map((pkg) => parsePackageSpec(pkg).name))).pipe(
          concatMap((pkg) =>
            ctx.client.star(pkg, starred).pipe(
              map(() => {
                // npm's marks: a full star for starred, an empty one for unstarred.
                if (!ctx.json) ctx.print(`${starred ? '★' : '☆'}  ${pkg}`);
                return pkg;
              }),
            ),
          ),
          toArray(),
          map((names) => {
            if (ctx.json) ctx.printJson(names.map((pkg) => ({ name: pkg, starred })));
          }),
        ),
      ));
    });
}

/** `star <pkg…>` and `unstar <pkg…>`. */
export function defineStar(program: Command, select: Select): void {
  defineStarring(program, select, 'star');
  defineStarring(program, select, 'unstar');
}
