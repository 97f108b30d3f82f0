import type { Command } from 'commander';
import { basename, dirname, resolve } from 'node:path';
import { defer, filter, last, map, mergeMap, type Observable } from 'rxjs';
import type { Manifest, SavedTarball } from '../../index';
import type { CliContext } from '../context';
import { lazyRun, type Kit } from './lazy-run';
import type { Select } from './types';

/**
 * The file name `npm pack` gives a version's tarball (`name-1.0.0.tgz`,
 * `scope-name-1.0.0.tgz`) in the current folder. The library has checked the
 * name and the version, so this is a second fence: a name that would be a
 * path is refused rather than followed.
 */
function tarballFileName({ BadResponseError }: Kit, name: string, version: string): string {
  const file = `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
  const path = resolve(file);
  if (basename(file) !== file || file.startsWith('.') || dirname(path) !== resolve('.')) {
    throw new BadResponseError(`the registry's name and version of ${JSON.stringify(name)} make no file name (${JSON.stringify(file)})`, { pkgid: name });
  }
  return path;
}

/** Writes the tarball's bytes to stdout, checked against its integrity before the last chunk goes out. */
function toStdout({ isProgress }: Kit, ctx: CliContext, manifest: Manifest): Observable<void> {
  return ctx.client.tarball(manifest).pipe(
    filter((chunk) => !isProgress(chunk)),
    map((chunk) => void ctx.stdout.write(chunk)),
  );
}

/** Saves the tarball to `file` (nothing is left there unless it matches its integrity) and says where. */
function toFile({ progressBar, formatBytes }: Kit, ctx: CliContext, manifest: Manifest, file: string): Observable<void> {
  const id = `${manifest.name}@${manifest.version}`;
  return ctx.client.saveTarball(manifest, file, { reportProgress: ctx.showProgress }).pipe(
    progressBar<SavedTarball>(ctx.showProgress, `fetching ${id}`, ctx.stderr),
    last(),
    map((saved) => {
      if (ctx.json) ctx.printJson({ id, name: manifest.name, version: manifest.version, path: saved.path, size: saved.size, integrity: saved.integrity });
      else ctx.print(`${id} → ${saved.path} (${formatBytes(saved.size)}, ${saved.integrity})`);
    }),
  );
}

/** `fetch <spec> [-o file]`: downloads a version's tarball, integrity-checked. */
export function defineFetch(program: Command, select: Select): void {
  program
    .command('fetch')
    .description("download a version's tarball, checked against its integrity")
    .argument('<spec>', 'name, name@version, name@range or name@tag')
    .option('-o, --output <file>', 'where to save it ("-" for stdout; default: name-version.tgz here)')
    .action((spec: string, options: { output?: string }, command: Command) => {
      select(`fetch ${spec}`, command, lazyRun((kit, ctx) =>
        defer(() => ctx.client.manifest(spec, ctx.readOptions)).pipe(
          mergeMap((manifest) =>
            options.output === '-' ? toStdout(kit, ctx, manifest) : toFile(kit, ctx, manifest, (options.output === undefined ? tarballFileName(kit, manifest.name, manifest.version) : resolve(options.output))),
          ),
        ),
      ));
    });
}
