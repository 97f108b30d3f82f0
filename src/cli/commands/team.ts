import type { Command } from 'commander';
import { map, type Observable } from 'rxjs';
import type { CliContext } from '../context';
import type { Select } from './types';

const bare = (entity: string): string => entity.replace(/^@/, '');

/** npm's listing: a count line, then the names (one a line, where npm packs them into columns). */
function printList(ctx: CliContext, entity: string, names: string[], noun: string): void {
  const sorted = [...names].sort();
  if (ctx.json) return ctx.printJson(sorted);
  ctx.print(`\n@${entity} has ${sorted.length} ${noun}${sorted.length === 1 ? '' : 's'}${sorted.length === 0 ? '' : ':\n'}`);
  for (const name of sorted) ctx.print(noun === 'team' ? `@${name}` : name);
}

/** `team create|destroy <scope:team>`, `team add|rm <scope:team> <user>`, `team ls <scope>|<scope:team>`, printed as npm prints them. */
export function defineTeam(program: Command, select: Select): void {
  const team = program.command('team').description("manage an org's teams and their members");

  const change = (name: 'create' | 'destroy', description: string, run: (ctx: CliContext, entity: string) => Observable<unknown>, sign: string, field: string) =>
    team
      .command(name)
      .description(description)
      .argument('<scope:team>')
      .action((entity: string, _options: unknown, command: Command) => {
        select(`team ${name} ${entity}`, command, (ctx) =>
          run(ctx, entity).pipe(
            map(() => {
              if (ctx.json) ctx.printJson({ [field]: true, team: bare(entity) });
              else ctx.print(`${sign}@${bare(entity)}`);
            }),
          ),
        );
      });
  change('create', 'create a team', (ctx, entity) => ctx.client.team.create(entity), '+', 'created');
  change('destroy', 'delete a team', (ctx, entity) => ctx.client.team.destroy(entity), '-', 'deleted');

  for (const name of ['add', 'rm'] as const) {
    team
      .command(name)
      .description(name === 'add' ? 'add a user to a team' : 'remove a user from a team')
      .argument('<scope:team>')
      .argument('<user>')
      .action((entity: string, user: string, _options: unknown, command: Command) => {
        select(`team ${name} ${entity} ${user}`, command, (ctx) =>
          (name === 'add' ? ctx.client.team.add(user, entity) : ctx.client.team.rm(user, entity)).pipe(
            map(() => {
              if (ctx.json) ctx.printJson({ [name === 'add' ? 'added' : 'removed']: true, team: bare(entity), user });
              else ctx.print(`${user} ${name === 'add' ? 'added to' : 'removed from'} @${bare(entity)}`);
            }),
          ),
        );
      });
  }

  team
    .command('ls')
    .description("list an org's teams, or a team's members")
    .argument('<scope|scope:team>')
    .action((entity: string, _options: unknown, command: Command) => {
      select(`team ls ${entity}`, command, (ctx) =>
        entity.includes(':')
          ? ctx.client.team.lsUsers(entity).pipe(map((users) => printList(ctx, bare(entity), users, 'user')))
          : ctx.client.team.ls(entity).pipe(map((teams) => printList(ctx, bare(entity), teams, 'team'))),
      );
    });
}
