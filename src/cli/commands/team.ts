import type { Command } from 'commander';
import { map, type Observable } from 'rxjs';
import type { CliContext } from '../context';
import type { Select } from './types';

const bare = (entity: string): string => entity.replace(/^@/, '');

/** How npm prints a team command's result: `--json` first, then `--parseable`, then words unless `--loglevel silent`. */
type Style = 'json' | 'parseable' | 'silent' | 'words';

function styleOf(ctx: CliContext): Style {
  if (ctx.json) return 'json';
  if (ctx.config.get('parseable') === true) return 'parseable';
  return ctx.config.get('loglevel') === 'silent' ? 'silent' : 'words';
}

/** npm's listing: a count line, then the names one a line; `--parseable` the names alone (one empty line for none). */
function printList(ctx: CliContext, entity: string, names: string[], noun: string): void {
  const sorted = [...names].sort();
  const style = styleOf(ctx);
  if (style === 'json') return ctx.printJson(sorted);
  if (style === 'parseable') return ctx.print(sorted.join('\n'));
  if (style === 'silent') return;
  ctx.print(`@${entity} has ${sorted.length} ${noun}${sorted.length === 1 ? '' : 's'}${sorted.length === 0 ? '' : ':'}`);
  for (const name of sorted) ctx.print(noun === 'team' ? `@${name}` : name);
}

/** One change's result as npm prints it: a JSON object, tab-separated words, or a sentence. */
function printChange(ctx: CliContext, json: Record<string, unknown>, parseable: string[], words: string): void {
  const style = styleOf(ctx);
  if (style === 'json') ctx.printJson(json);
  else if (style === 'parseable') ctx.print(parseable.join('\t'));
  else if (style === 'words') ctx.print(words);
}

/** `team create|destroy <scope:team>`, `team add|rm <scope:team> <user>`, `team ls <scope>|<scope:team>`, printed as npm prints them. */
export function defineTeam(program: Command, select: Select): void {
  const team = program.command('team').description("manage an org's teams and their members");

  const change = (name: 'create' | 'destroy', description: string, run: (ctx: CliContext, entity: string) => Observable<unknown>, sign: string, field: 'created' | 'deleted') =>
    team
      .command(name)
      .description(description)
      .argument('<scope:team>')
      .action((entity: string, _options: unknown, command: Command) => {
        select(`team ${name} ${entity}`, command, (ctx) =>
          run(ctx, entity).pipe(
            map(() => printChange(ctx, { [field]: true, team: bare(entity) }, [bare(entity), field], `${sign}@${bare(entity)}`)),
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
              const done = name === 'add' ? 'added' : 'removed';
              printChange(ctx, { [done]: true, team: bare(entity), user }, [user, bare(entity), done], `${user} ${name === 'add' ? 'added to' : 'removed from'} @${bare(entity)}`);
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
        // npm's test: a name, a colon and a team name; anything else names a scope.
        /[^:]+:.+/.test(entity)
          ? ctx.client.team.lsUsers(entity).pipe(map((users) => printList(ctx, bare(entity), users, 'user')))
          : ctx.client.team.ls(entity).pipe(map((teams) => printList(ctx, bare(entity), teams, 'team'))),
      );
    });
}
