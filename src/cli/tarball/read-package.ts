import { access } from 'node:fs/promises';
import { list, type ReadEntry } from 'tar';
import type { PackageData } from '../../index';
import { CliError } from '../output/cli-error';
import { messageOf } from '../output/message-of';

export interface TarballPackage {
  readonly pkg: PackageData;
  /** The README's text, when the tarball has one at its top level. */
  readonly readme?: string;
}

/** package.json and the README live in the tarball's one top folder (`package/` when npm packed it). */
const PACKAGE_JSON = /^[^/]+\/package\.json$/;
const README = /^[^/]+\/readme(\.(md|markdown|txt))?$/i;
/** Larger manifests or READMEs are not read whole into memory. */
const MAX_TEXT = 8 * 1024 * 1024;

function isPackageData(value: unknown): value is PackageData {
  return typeof value === 'object' && value !== null && 'name' in value && typeof value.name === 'string' && 'version' in value && typeof value.version === 'string';
}

function collect(entry: ReadEntry): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    entry.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_TEXT) chunks.push(chunk);
    });
    entry.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    entry.on('error', reject);
  });
}

/**
 * Reads the package.json (and README) from inside a gzipped package tarball,
 * streaming through it once. A tarball without a package.json, or with one
 * that is not JSON, is EBADTARBALL.
 */
export async function readTarballPackage(file: string): Promise<TarballPackage> {
  try {
    await access(file);
  } catch {
    throw new CliError('ENOENT', `no such file: ${file}`);
  }
  let manifest: Promise<string> | undefined;
  let readme: Promise<string> | undefined;
  try {
    await list({
      file,
      onReadEntry: (entry: ReadEntry) => {
        if (!manifest && PACKAGE_JSON.test(entry.path)) manifest = collect(entry);
        else if (!readme && README.test(entry.path)) readme = collect(entry);
        else entry.resume();
      },
    });
  } catch (error) {
    throw new CliError('EBADTARBALL', `${file} is not a gzipped tar file: ${messageOf(error)}`);
  }
  if (!manifest) throw new CliError('EBADTARBALL', `${file} has no package.json in its top folder (pack it with \`npm pack\`)`);
  let pkg: unknown;
  try {
    pkg = JSON.parse(await manifest);
  } catch (error) {
    throw new CliError('EBADTARBALL', `the package.json in ${file} is not JSON: ${messageOf(error)}`);
  }
  if (!isPackageData(pkg)) throw new CliError('EBADTARBALL', `the package.json in ${file} has no name and version`);
  return { pkg, readme: readme ? await readme : undefined };
}
