import type { Command } from 'commander';
import { defer, map, mergeMap } from 'rxjs';
import { lazyRun } from './lazy-run';
import type { Select } from './types';

/** `dist-tag ls <pkg>`, `dist-tag add <pkg>@<version> [tag]`, `dist-tag rm <pkg> <tag>`, printed as npm prints them. */
export function defineDistTag(program: Command, select: Select): void {
  const distTag = program.command('dist-tag').alias('dist-tags').description("list, add or remove a package's dist-tags");

  distTag
    .command('ls')
    .description("list a package's dist-tags")
    .argument('<pkg>', 'package name')
    .action((pkg: string, _options: unknown, command: Command) => {
      select(`dist-tag ls ${pkg}`, command, lazyRun(({ parsePackageSpec }, ctx) =>
        defer(() => ctx.client.distTags.fetch(parsePackageSpec(pkg).name)).pipe(
          map((tags) => {
            if (ctx.json) ctx.printJson(tags);
            else for (const [tag, version] of Object.entries(tags)) ctx.print(`${tag}: ${version}`);
          }),
        ),
      ));
    });

  distTag
    .command('add')
    .description('point a dist-tag at a version')
    .argument('<spec>', 'name@version')
    .argument('[tag]', 'the dist-tag (default: the tag setting, latest)')
    .action((spec: string, tagArg: string | undefined, _options: unknown, command: Command) => {
      select(`dist-tag add ${spec}`, command, lazyRun(({ parsePackageSpec, oneVersion }, ctx) =>
        defer(() => {
          const parsed = parsePackageSpec(spec);
          const { name } = parsed;
          const version = oneVersion(spec, parsed);
          const tag = tagArg ?? ctx.tag;
          return ctx.client.distTags.add(name, version, tag).pipe(
            map(() => {
              if (ctx.json) ctx.printJson({ name, tag, version });
              else ctx.print(`+${tag}: ${name}@${version}`);
            }),
          );
        }),
      ));
    });

  distTag
    .command('rm')
    .description('remove a dist-tag')
    .argument('<pkg>', 'package name')
    .argument('<tag>', 'the dist-tag')
    .action((pkg: string, tag: string, _options: unknown, command: Command) => {
      select(`dist-tag rm ${pkg} ${tag}`, command, lazyRun(({ parsePackageSpec, CliError }, ctx) =>
        defer(() => {
          const { name } = parsePackageSpec(pkg);
          return ctx.client.distTags.fetch(name).pipe(
            mergeMap((tags) => {
              const version = Object.hasOwn(tags, tag) ? tags[tag] : undefined;
              if (version === undefined) throw new CliError('E404', `${tag} is not a dist-tag of ${name}`);
              return ctx.client.distTags.rm(name, tag).pipe(map(() => version));
            }),
            map((version) => {
              if (ctx.json) ctx.printJson({ name, tag, version });
              else ctx.print(`-${tag}: ${name}@${version}`);
            }),
          );
        }),
      ));
    });
}
