import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { defer, from, map, mergeMap, of, type Observable } from 'rxjs';
import type { MfaLevel } from '../../index';
import type { CliContext } from '../context';
import { lazyRun, type Kit } from './lazy-run';
import type { Select } from './types';

/** The registry's words for permissions, as npm prints them. */
const PERMISSIONS = new Map([
  ['read', 'read-only'],
  ['write', 'read-write'],
]);
const MFA_LEVELS: readonly MfaLevel[] = ['none', 'publish', 'automation'];
const SETTINGS = ['status=public', 'status=private', 'mfa=none', 'mfa=publish', 'mfa=automation', '2fa=none', '2fa=publish', '2fa=automation'];

/** The package named, or the one of ./package.json, as npm takes it. */
function packageName({ CliError, parsePackageSpec }: Kit, pkg: string | undefined): Observable<string> {
  if (pkg !== undefined) return of(parsePackageSpec(pkg).name);
  return from(readFile(join(process.cwd(), 'package.json'), 'utf8')).pipe(
    map((text) => {
      const manifest: unknown = JSON.parse(text);
      const name: unknown = manifest !== null && typeof manifest === 'object' ? Reflect.get(manifest, 'name') : undefined;
      if (typeof name !== 'string') throw new CliError('EUSAGE', 'package.json has no name');
      return name;
    }),
  );
}

/** `name: permission` lines, sorted, or the whole object as JSON; `only` keeps one entry. */
function printPermissions(ctx: CliContext, items: Record<string, string>, only?: string): void {
  const shown = Object.fromEntries(Object.entries(items).map(([name, permission]) => [name, PERMISSIONS.get(permission) ?? permission]));
  if (ctx.json) return ctx.printJson(shown);
  for (const name of Object.keys(shown).sort((a, b) => a.localeCompare(b, 'en'))) if (only === undefined || only === name) ctx.print(`${name}: ${shown[name]}`);
}

/** `access list|get|set|grant|revoke`, npm's modern access commands. */
export function defineAccess(program: Command, select: Select): void {
  const access = program.command('access').description('set access level on published packages');

  access
    .command('list')
    .alias('ls')
    .description('list packages [<user>|<scope>|<scope:team>] [<package>], or collaborators [<package> [<user>]]')
    .argument('<packages|collaborators>')
    .argument('[who]')
    .argument('[which]')
    .action((what: string, who: string | undefined, which: string | undefined, _options: unknown, command: Command) => {
      select(`access list ${what}`, command, lazyRun((kit, ctx) =>
        defer(() => {
          if (what === 'packages') {
            const owner = who === undefined ? ctx.client.whoami() : of(who);
            return owner.pipe(mergeMap((name) => ctx.client.access.listPackages(name)), map((pkgs) => printPermissions(ctx, pkgs, which)));
          }
          if (what === 'collaborators') return packageName(kit, who).pipe(mergeMap((name) => ctx.client.access.listCollaborators(name)), map((users) => printPermissions(ctx, users, which)));
          throw new kit.CliError('EUSAGE', `list ${what} is not a valid access command`);
        }),
      ));
    });

  const printStatus = (ctx: CliContext, name: string) => ctx.client.access.get(name).pipe(map((status) => printPermissions(ctx, { [name]: status === 'public' ? 'public' : 'private' })));

  access
    .command('get')
    .description('get status [<package>]')
    .argument('<status>')
    .argument('[package]')
    .action((what: string, pkg: string | undefined, _options: unknown, command: Command) => {
      select(`access get ${what}`, command, lazyRun((kit, ctx) =>
        defer(() => {
          if (what !== 'status') throw new kit.CliError('EUSAGE', `get ${what} is not a valid access command`);
          return packageName(kit, pkg).pipe(mergeMap((name) => printStatus(ctx, name)));
        }),
      ));
    });

  access
    .command('set')
    .description('set status=public|private [<package>], or mfa=none|publish|automation [<package>]')
    .argument('<setting>')
    .argument('[package]')
    .action((setting: string, pkg: string | undefined, _options: unknown, command: Command) => {
      select(`access set ${setting}`, command, lazyRun((kit, ctx) =>
        defer(() => {
          if (!SETTINGS.includes(setting)) throw new kit.CliError('EUSAGE', `set ${setting} is not a valid access command`);
          const [key, value] = setting.split('=');
          return packageName(kit, pkg).pipe(
            mergeMap((name) => {
              if (key !== 'status') {
                const level = MFA_LEVELS.find((l) => l === value);
                if (level === undefined) throw new kit.CliError('EUSAGE', `set ${setting} is not a valid access command`);
                return ctx.client.access.mfa(name, level).pipe(map(() => undefined));
              }
              if (!name.startsWith('@')) throw new kit.CliError('EUSAGE', 'This command is only available for scoped packages.');
              return ctx.client.access.set(name, value === 'public' ? 'public' : 'restricted').pipe(mergeMap(() => printStatus(ctx, name)));
            }),
          );
        }),
      ));
    });

  access
    .command('grant')
    .description('grant <read-only|read-write> <scope:team> [<package>]')
    .argument('<permissions>')
    .argument('<scope:team>')
    .argument('[package]')
    .action((permissions: string, team: string, pkg: string | undefined, _options: unknown, command: Command) => {
      select(`access grant ${permissions} ${team}`, command, lazyRun((kit, ctx) =>
        defer(() => {
          if (permissions !== 'read-only' && permissions !== 'read-write') throw new kit.CliError('EUSAGE', 'grant must be either `read-only` or `read-write`');
          return packageName(kit, pkg).pipe(mergeMap((name) => ctx.client.access.grant(permissions, team, name)));
        }),
      ));
    });

  access
    .command('revoke')
    .description('revoke <scope:team> [<package>]')
    .argument('<scope:team>')
    .argument('[package]')
    .action((team: string, pkg: string | undefined, _options: unknown, command: Command) => {
      select(`access revoke ${team}`, command, lazyRun((kit, ctx) => packageName(kit, pkg).pipe(mergeMap((name) => ctx.client.access.revoke(team, name)))));
    });
}
