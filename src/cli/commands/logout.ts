import type { Command } from 'commander';
import { defer, from, map, mergeMap, of } from 'rxjs';
import type { CliContext } from '../context';
import { lazyRun } from './lazy-run';
import type { Select } from './types';

/** The .npmrc layer that holds the token of `folder` (the registry's nerf dart), when it is one a file can be saved to. */
function tokenFile(ctx: CliContext, folder: string): 'user' | 'project' | 'global' | undefined {
  // npm reads the key with or without the folder's last slash.
  const where = ctx.config.find(`${folder}:_authToken`) ?? ctx.config.find(`${folder.slice(0, -1)}:_authToken`);
  return where === 'user' || where === 'project' || where === 'global' ? where : undefined;
}

/** `logout`: revokes the token on the registry and removes it from the .npmrc it came from. */
export function defineLogout(program: Command, select: Select): void {
  program
    .command('logout')
    .description('revoke your token on the registry and remove it from your .npmrc')
    .action((_options: unknown, command: Command) => {
      select('logout', command, lazyRun(({ nerfDart }, ctx) =>
        defer(() => {
          const file = tokenFile(ctx, nerfDart(ctx.registry));
          return ctx.client.logout().pipe(
            mergeMap(() => {
              if (!file) {
                ctx.log.warn('logout', 'the token does not come from an .npmrc file (a flag or the environment): it stays where it is');
                return of(undefined);
              }
              ctx.config.clearCredentialsByURI(ctx.registry, file);
              return from(ctx.config.save(file));
            }),
            map(() => {
              if (ctx.json) ctx.printJson({ registry: ctx.registry, loggedOut: true });
              else ctx.print(`Logged out of ${ctx.registry}.`);
            }),
          );
        }),
      ));
    });
}
