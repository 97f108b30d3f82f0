import { Option, type Command } from 'commander';
import { basename } from 'node:path';
import { from, last, map, mergeMap } from 'rxjs';
import type { PublishOptions } from '../../index';
import { lazyRun } from './lazy-run';
import type { Select } from './types';

/** `publish <tarball.tgz>`: publishes the package a tarball holds (its own package.json says which). */
export function definePublish(program: Command, select: Select): void {
  program
    .command('publish')
    .description('publish a package tarball (made by npm pack)')
    .argument('<tarball>', 'a .tgz file with package/package.json inside')
    .option('--tag <tag>', 'dist-tag to point at the new version (default: the tag setting, latest)')
    .addOption(new Option('--access <access>', 'who may install a scoped package').choices(['public', 'restricted']))
    .action((file: string, options: { tag?: string; access?: PublishOptions['access'] }, command: Command) => {
      select(`publish ${file}`, command, lazyRun(({ progressBar }, ctx) =>
        // tar is loaded by publish alone.
        from(import('../tarball/read-package').then(({ readTarballPackage }) => readTarballPackage(file))).pipe(
          mergeMap(({ pkg, readme }) => {
            const tag = options.tag ?? ctx.tag;
            const publishOptions: PublishOptions = { tag, access: options.access, reportProgress: ctx.showProgress };
            const publish$ = readme === undefined ? ctx.client.publish(pkg, file, publishOptions) : ctx.client.publish(pkg, file, readme, publishOptions);
            return publish$.pipe(
              progressBar(ctx.showProgress, `publishing ${pkg.name}@${pkg.version}`, ctx.stderr),
              last(),
              map(() => {
                const id = `${pkg.name}@${pkg.version}`;
                if (ctx.json) ctx.printJson({ id, name: pkg.name, version: pkg.version, tag, filename: basename(file), registry: ctx.registry });
                else ctx.print(`+ ${id}`);
              }),
            );
          }),
        ),
      ));
    });
}
