import type { Command } from 'commander';
import { defer, map, mergeMap } from 'rxjs';
import type { OrgRole } from '../../index';
import { lazyRun } from './lazy-run';
import type { Select } from './types';

const ROLES: readonly OrgRole[] = ['owner', 'admin', 'developer'];
const isRole = (value: string): value is OrgRole => ROLES.some((role) => role === value);
const members = (count: number): string => `${count} member${count === 1 ? '' : 's'}`;
const bare = (name: string): string => name.replace(/^[~@]?/, '');

/** `org set <org> <user> [role]`, `org rm <org> <user>`, `org ls <org> [user]`, printed as npm prints them. */
export function defineOrg(program: Command, select: Select): void {
  const org = program.command('org').alias('ogr').description("manage an org's members");

  org
    .command('set')
    .description('add a member to an org, or change their role')
    .argument('<orgname>')
    .argument('<username>')
    .argument('[role]', 'owner, admin or developer', 'developer')
    .action((orgname: string, username: string, role: string, _options: unknown, command: Command) => {
      select(`org set ${orgname} ${username}`, command, lazyRun(({ CliError }, ctx) =>
        defer(() => {
          if (!isRole(role)) throw new CliError('EUSAGE', 'Third argument `role` must be one of `owner`, `admin`, or `developer`, with `developer` being the default value if omitted.');
          return ctx.client.org.set(orgname, username, role);
        }).pipe(
          map((m) => {
            if (ctx.json) ctx.printJson(m);
            else ctx.print(`Added ${m.user} as ${m.role} to ${m.org.name}. You now have ${members(m.org.size)} in this org.`);
          }),
        ),
      ));
    });

  org
    .command('rm')
    .description('remove a member from an org')
    .argument('<orgname>')
    .argument('<username>')
    .action((orgname: string, username: string, _options: unknown, command: Command) => {
      select(`org rm ${orgname} ${username}`, command, lazyRun((_kit, ctx) =>
        ctx.client.org.rm(orgname, username).pipe(
          mergeMap(() => ctx.client.org.ls(orgname)),
          map((roster) => {
            const userCount = Object.keys(roster).length;
            if (ctx.json) ctx.printJson({ user: bare(username), org: bare(orgname), userCount, deleted: true });
            else ctx.print(`Successfully removed ${bare(username)} from ${bare(orgname)}. You now have ${members(userCount)} in this org.`);
          }),
        ),
      ));
    });

  org
    .command('ls')
    .description("list an org's members and their roles")
    .argument('<orgname>')
    .argument('[username]', 'only this member')
    .action((orgname: string, username: string | undefined, _options: unknown, command: Command) => {
      select(`org ls ${orgname}`, command, lazyRun((_kit, ctx) =>
        ctx.client.org.ls(orgname).pipe(
          map((roster) => {
            const shown = username === undefined ? roster : Object.fromEntries(Object.entries(roster).filter(([user]) => user === username));
            if (ctx.json) ctx.printJson(shown);
            else for (const user of Object.keys(shown).sort()) ctx.print(`${user} - ${shown[user]}`);
          }),
        ),
      ));
    });
}
