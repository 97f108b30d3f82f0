import type { Command } from 'commander';
import { defer, map } from 'rxjs';
import type { Select } from './types';

/** `whoami`: the user the registry knows you as. */
export function defineWhoami(program: Command, select: Select): void {
  program
    .command('whoami')
    .description('print the user name the registry knows you as')
    .action((_options: unknown, command: Command) => {
      select('whoami', command, (ctx) =>
        defer(() => ctx.client.whoami()).pipe(map((username) => (ctx.json ? ctx.printJson(username) : ctx.print(username)))),
      );
    });
}
