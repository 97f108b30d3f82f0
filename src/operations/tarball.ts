import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { catchError, concatMap, concatWith, defer, EMPTY, finalize, from, ignoreElements, map, mergeMap, Observable, of, throwError } from 'rxjs';
import ssri from 'ssri';
import { BadResponseError } from '../errors/bad-response-error';
import { IntegrityError } from '../errors/integrity-error';
import { UsageError } from '../errors/usage-error';
import { createRequest } from '../request/create-request';
import { expectedIntegrity } from './expected-integrity';
import { keys } from './keys';
import type { OperationContext } from './operation-context';
import { manifest } from './manifest';
import type { Manifest } from './packument';
import type { Progress, ProgressOptions } from '../request/progress';
import { checkSignatures } from './verify-signatures';

export interface SavedTarball {
  readonly type: 'saved';
  readonly path: string;
  readonly integrity: string;
  readonly size: number;
}

/** `tarball`'s options: progress, and whether to check the version's registry signatures first (see `checkSignatures`). */
export type TarballOptions = ProgressOptions & { verifySignatures?: boolean };

function resolved(ctx: OperationContext, specOrManifest: string | Manifest, verifySignatures = false): Observable<Manifest> {
  if (typeof specOrManifest === 'string') return manifest(ctx, specOrManifest, { verifySignatures });
  if (specOrManifest && typeof specOrManifest === 'object' && typeof specOrManifest.dist?.tarball === 'string') {
    if (!verifySignatures) return of(specOrManifest);
    // A manifest given as a value has its publish time where pacote puts it, if anywhere.
    const publishedAt = typeof specOrManifest._time === 'string' ? specOrManifest._time : undefined;
    return keys(ctx).pipe(map((listed) => (checkSignatures(specOrManifest, publishedAt, listed), specOrManifest)));
  }
  throw new UsageError('tarball: expected a spec such as "name@1.2.3" or a manifest with dist.tarball');
}

/**
 * The tarball URL of a manifest, which must be an http(s) URL: anything else
 * is the registry's mistake, not the caller's. A user name or password in it
 * is dropped: it would never be sent, only shown and stored.
 */
function tarballUrl(m: Manifest): string {
  const where = m.dist?.tarball;
  const url = typeof where === 'string' && URL.canParse(where) ? new URL(where) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new BadResponseError(`${m.name}@${m.version} has no http(s) dist.tarball URL`, { pkgid: m.name });
  url.username = '';
  url.password = '';
  return url.toString();
}

/**
 * The tarball of a version as a stream of chunks, checked against the
 * manifest's integrity as it arrives. The last chunk is held back until the
 * check passes, so a consumer never gets a complete, wrong tarball: a
 * mismatch is EINTEGRITY. With `reportProgress`, `Progress` values come between.
 */
export function tarball(ctx: OperationContext, specOrManifest: string | Manifest, options: TarballOptions & { reportProgress: true }): Observable<Buffer | Progress>;
export function tarball(ctx: OperationContext, specOrManifest: string | Manifest, options?: TarballOptions): Observable<Buffer>;
export function tarball(ctx: OperationContext, specOrManifest: string | Manifest, options: TarballOptions = {}): Observable<Buffer | Progress> {
  return defer(() => resolved(ctx, specOrManifest, options.verifySignatures)).pipe(
    mergeMap((m) => {
      const expected = expectedIntegrity(m);
      const algorithm = expected.pickAlgorithm();
      const req = createRequest(ctx.config, 'GET', tarballUrl(m)).clone({ setHeaders: { accept: '*/*', 'accept-encoding': 'identity' }, responseType: 'stream', reportProgress: options.reportProgress ?? false });
      return new Observable<Buffer | Progress>((subscriber) => {
        const hash = createHash(algorithm);
        let held: Buffer | undefined;
        return ctx.handle(req).subscribe({
          next: (event) => {
            if (event.type === 'download-progress' && event.chunk) {
              hash.update(event.chunk);
              if (held) subscriber.next(held);
              held = event.chunk;
              if (req.reportProgress) subscriber.next({ type: 'progress', loaded: event.loaded, total: event.total });
            }
          },
          error: (error: unknown) => subscriber.error(error),
          complete: () => {
            const actual = `${algorithm}-${hash.digest('base64')}`;
            if (!expected.match(String(actual))) {
              subscriber.error(new IntegrityError(`the tarball of ${m.name}@${m.version} does not match its integrity: wanted ${expected}, got ${actual}`, { method: 'GET', url: req.url, pkgid: m.name }));
              return;
            }
            if (held) subscriber.next(held);
            subscriber.complete();
          },
        });
      });
    }),
  );
}

/**
 * A file-system failure on the hidden temporary file, told of `dest`, the
 * path the caller gave: `ENOENT: no such file or directory, open 'dest'`.
 * Code, errno and syscall are kept; the original is the `cause`.
 */
function aboutDest(error: unknown, temp: string, dest: string): unknown {
  // Duck-typed: a file-system error may come from another realm (a test's VM context), where instanceof fails.
  const fact = (key: string): unknown => (typeof error === 'object' && error !== null ? Reflect.get(error, key) : undefined);
  const said = fact('message');
  if (fact('path') !== temp || typeof said !== 'string') return error;
  const [, code, reason] = /^(\w+): ([^,]+)/.exec(said) ?? [];
  const syscall = fact('syscall');
  const message = code && typeof syscall === 'string' ? `${code}: ${reason}, ${syscall} '${dest}'` : said.split(temp).join(dest);
  return Object.assign(new Error(message, { cause: error }), { code: fact('code'), errno: fact('errno'), syscall, path: dest });
}

/**
 * Downloads a tarball to `dest`, checked against its integrity. It is written
 * to a temporary file beside `dest` and renamed only once verified: on a
 * mismatch, an error or an unsubscribe nothing is left behind.
 */
export function saveTarball(ctx: OperationContext, specOrManifest: string | Manifest, dest: string, options: TarballOptions = {}): Observable<SavedTarball | Progress> {
  return defer(() => {
    if (typeof dest !== 'string' || dest === '') throw new UsageError('saveTarball: dest must be a file path');
    const temp = join(dirname(dest), `.${basename(dest)}.${randomUUID()}.tmp`);
    const hash = ssri.create({ algorithms: ['sha512'] });
    let file: WriteStream | undefined;
    let size = 0;
    let saved = false;
    const output = (): WriteStream => {
      // Failures reach us through the write and end callbacks; the listener keeps them from also being thrown.
      file ??= createWriteStream(temp).on('error', () => undefined);
      return file;
    };
    const write = (chunk: Buffer) =>
      new Promise<void>((resolve, reject) => output().write(chunk, (error) => (error ? reject(error) : resolve()))).then(() => {
        hash.update(chunk);
        size += chunk.length;
      });
    const finish = async (): Promise<SavedTarball> => {
      const out = output();
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      await rename(temp, dest);
      saved = true;
      return { type: 'saved', path: dest, integrity: String(hash.digest()), size };
    };
    let discarding: Promise<void> | undefined;
    const discard = () => {
      // Remove the file only once the stream has let go of it, or an open still under way could recreate it.
      const closed = file && !file.closed ? new Promise<void>((resolve) => file!.once('close', () => resolve())) : Promise.resolve();
      file?.destroy();
      discarding ??= closed.then(() => rm(temp, { force: true }));
      return discarding;
    };
    return tarball(ctx, specOrManifest, { reportProgress: true, verifySignatures: options.verifySignatures }).pipe(
      concatMap((value) => (Buffer.isBuffer(value) ? from(write(value)).pipe(ignoreElements()) : options.reportProgress ? of(value) : EMPTY)),
      concatWith(defer(finish)),
      // The temp file is gone before the error is delivered…
      catchError((error: unknown) => from(discard()).pipe(mergeMap(() => throwError(() => aboutDest(error, temp, dest))))),
      // …and after an unsubscribe, as soon as the file can be closed.
      finalize(() => {
        if (!saved) void discard();
      }),
    );
  });
}
