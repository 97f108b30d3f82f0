import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { catchError, defer, from, mergeMap, throwError, type Observable } from 'rxjs';
import semver from 'semver';
import { oidcPublishToken } from '../auth/oidc-publish-token';
import { HttpError } from '../errors/http-error';
import { PublishConflictError } from '../errors/publish-conflict-error';
import { UsageError } from '../errors/usage-error';
import { createRequest } from '../request/create-request';
import type { Progress, ProgressOptions } from '../request/progress';
import type { RegistryResponse } from '../request/registry-response';
import { resolveUrl } from '../request/resolve-url';
import { sendWithProgress } from '../request/send';
import { checkedDistTag } from '../spec/checked-dist-tag';
import { checkedPackageName } from '../spec/checked-package-name';
import { packagePath } from '../spec/package-path';
import { ownRecord } from '../util/own-record';
import { base64Chunks, base64Length } from './base64-chunks';
import type { OperationContext } from './operation-context';
import type { Manifest } from './packument';
import { tarballSource, type TarballInput, type TarballSource } from './tarball-source';

export interface PublishOptions extends ProgressOptions {
  /** The dist-tag to point at the new version. Default: the `tag` setting (`latest`). */
  readonly tag?: string;
  /** `public` or `restricted` (scoped packages). Sent only when given. */
  readonly access?: 'public' | 'restricted';
}

/** The package.json of the version being published. */
export interface PackageData {
  name: string;
  version: string;
  description?: string;
  [key: string]: unknown;
}

/** A byte stream (not one of objects) with a small buffer, so at most a few chunks wait for the socket. */
const BYTE_STREAM = { objectMode: false, highWaterMark: 64 * 1024 };

interface Digest {
  readonly size: number;
  readonly shasum: string;
  readonly integrity: string;
}

function checkedData(data: unknown): PackageData {
  if (!data || typeof data !== 'object') throw new UsageError('publish: data must be the package.json object');
  const name = checkedPackageName('name' in data ? data.name : undefined, { forNew: true });
  const version = 'version' in data ? data.version : undefined;
  if (typeof version !== 'string' || semver.valid(version) === null) {
    throw new UsageError(`publish: ${JSON.stringify(version)} is not a valid semver version`);
  }
  return { ...data, name, version: semver.clean(version)! };
}

/** The two hashes npm puts in `dist`: the sha512 `integrity` (an SRI string) and the sha1 hex `shasum` of older clients. */
function hasher(): { update(chunk: Buffer): void; digest(): Omit<Digest, 'size'> } {
  const sha512 = createHash('sha512');
  const sha1 = createHash('sha1');
  return {
    update: (chunk) => {
      sha512.update(chunk);
      sha1.update(chunk);
    },
    digest: () => ({ shasum: sha1.digest('hex'), integrity: `sha512-${sha512.digest('base64')}` }),
  };
}

async function digestOf(source: Extract<TarballSource, { kind: 'replayable' }>): Promise<Digest> {
  const hash = hasher();
  for await (const chunk of source.chunks()) hash.update(chunk);
  return { size: source.size, ...hash.digest() };
}

function unscopedName(name: string): string {
  return name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
}

/** The document of a publish, without its tarball: the version's manifest, its dist-tag and the attachment's frame. */
function publishDocument(ctx: OperationContext, data: PackageData, readme: string | undefined, options: PublishOptions) {
  const { name, version } = data;
  const file = `${unscopedName(name)}-${version}.tgz`;
  const tarballUrl = resolveUrl(`/${name}/-/${file}`, ctx.config.registry, ctx.config.scopeRegistries);
  const manifest = (digest: Digest): Manifest => ({
    ...data,
    ...(readme === undefined ? {} : { readme }),
    _id: `${name}@${version}`,
    dist: { ...ownRecord(data.dist), shasum: digest.shasum, integrity: digest.integrity, tarball: tarballUrl },
  });
  const head = {
    _id: name,
    name,
    ...(data.description === undefined ? {} : { description: data.description }),
    ...(readme === undefined ? {} : { readme }),
    ...(options.access === undefined ? {} : { access: options.access }),
  };
  const tags = { [options.tag ?? ctx.config.tag]: version };
  return { file, manifest, head, tags };
}

/** A JSON text split around one string value, so the value can be streamed in between. */
function around(document: object, marker: string): [before: string, after: string] {
  const text = JSON.stringify(document);
  const at = text.indexOf(marker);
  return [text.slice(0, at), text.slice(at + marker.length)];
}

/**
 * The PUT body of a publish as a stream: the tarball is base64-encoded into
 * the JSON chunk by chunk, never held whole. A file or buffer is hashed first
 * (so the manifest can come first and the length is known); a stream is
 * hashed as it is sent, and the manifest follows the attachment.
 */
async function publishBody(ctx: OperationContext, data: PackageData, source: TarballSource, readme: string | undefined, options: PublishOptions) {
  const { file, manifest, head, tags } = publishDocument(ctx, data, readme, options);
  const marker = `rxnpm-tarball-${randomUUID()}`;
  const attachment = (length: number | string) => ({ [file]: { content_type: 'application/octet-stream', data: marker, length } });

  if (source.kind === 'replayable') {
    const { chunks } = source;
    const digest = await digestOf(source);
    const [before, after] = around({ ...head, 'dist-tags': tags, versions: { [data.version]: manifest(digest) }, _attachments: attachment(digest.size) }, marker);
    async function* body() {
      yield Buffer.from(before);
      for await (const text of base64Chunks(chunks())) yield Buffer.from(text, 'latin1');
      yield Buffer.from(after);
    }
    const length = Buffer.byteLength(before) + base64Length(digest.size) + Buffer.byteLength(after);
    return { body: () => Readable.from(body(), BYTE_STREAM), length };
  }

  const { stream } = source;
  const sizeMarker = `${marker}-size`;
  const [before, rest] = around({ ...head, _attachments: attachment(sizeMarker) }, marker);
  async function* body() {
    const hash = hasher();
    let size = 0;
    yield Buffer.from(before);
    const chunks = base64Chunks(stream, (chunk) => {
      hash.update(chunk);
      size += chunk.length;
    });
    for await (const text of chunks) yield Buffer.from(text, 'latin1');
    const digest = { size, ...hash.digest() };
    // `rest` closes the attachment; the manifest, which needs the digest, follows it.
    const closing = rest.replace(`"${sizeMarker}"`, String(size)).slice(0, -1);
    yield Buffer.from(`${closing},${JSON.stringify({ 'dist-tags': tags, versions: { [data.version]: manifest(digest) } }).slice(1)}`);
  }
  return { body: Readable.from(body(), BYTE_STREAM), length: undefined };
}

function isConflict(error: unknown): error is HttpError {
  if (!(error instanceof HttpError)) return false;
  if (error.statusCode === 409) return true;
  const said = JSON.stringify(error.body ?? '');
  return error.statusCode === 403 && /previously published|cannot publish over|already (been )?published/i.test(said);
}

function conflict(version: string, error: HttpError): PublishConflictError {
  const { method, url, statusCode, body, pkgid, headers } = error;
  return new PublishConflictError(version, { method, url, statusCode, body, pkgid, headers, cause: error });
}

/**
 * Publishes one version: its manifest, its dist-tag and its tarball in one
 * PUT, with `dist.shasum`, `dist.integrity` and `dist.tarball` computed here.
 * Memory stays flat whatever the tarball's size. Publishing a version that
 * exists is a PublishConflictError, never an overwrite.
 *
 * @example
 * client.publish(require('./package.json'), 'pkg-1.0.0.tgz', { reportProgress: true }).subscribe(show);
 */
export function publish(
  ctx: OperationContext,
  data: PackageData,
  tarball: TarballInput,
  readmeOrOptions?: string | PublishOptions,
  maybeOptions: PublishOptions = {},
): Observable<Progress | RegistryResponse> {
  return defer(() => {
    const pkg = checkedData(data);
    const readme = typeof readmeOrOptions === 'string' ? readmeOrOptions : undefined;
    const options = typeof readmeOrOptions === 'object' && readmeOrOptions !== null ? readmeOrOptions : maybeOptions;
    if (options.tag !== undefined) checkedDistTag(options.tag);
    if (options.access !== undefined && options.access !== 'public' && options.access !== 'restricted') {
      throw new UsageError(`publish: access must be "public" or "restricted", got ${JSON.stringify(options.access)}`);
    }
    const path = packagePath(pkg.name, { forNew: true });
    return oidcPublishToken(ctx, pkg.name).pipe(
      mergeMap((token) => from(tarballSource(tarball).then(async (source) => ({ token, ...(await publishBody(ctx, pkg, source, readme, options)) })))),
      mergeMap(({ body, length, token }) => {
        const req = createRequest(ctx.config, 'PUT', path).clone({
          body,
          setHeaders: { 'content-type': 'application/json', ...(length === undefined ? {} : { 'content-length': String(length) }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        });
        return sendWithProgress(ctx.handle, options.reportProgress ? req.clone({ reportProgress: true }) : req, ctx.session.secrets);
      }),
      catchError((error: unknown) => throwError(() => (isConflict(error) ? conflict(pkg.version, error) : error))),
    );
  });
}
