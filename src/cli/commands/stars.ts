import type { Command } from 'commander';
import { defer, map, mergeMap, of } from 'rxjs';
import type { Select } from './types';

/** `stars [user]`: the packages a user starred; you, without one. */
export function defineStars(program: Command, select: Select): void {
  program
    .command('stars')
    .description('list the packages a user starred (you, by default)')
    .argument('[user]', 'user name')
    .action((user: string | undefined, _options: unknown, command: Command) => {
      select(`stars${user ? ` ${user}` : ''}`, command, (ctx) =>
        defer(() => (user ? of(user) : ctx.client.whoami())).pipe(
          mergeMap((name) => ctx.client.stars(name)),
          map((names) => {
            if (ctx.json) ctx.printJson(names);
            else for (const name of names) ctx.print(name);
          }),
        ),
      );
    });
}
