import { defer, from, mergeMap, type Observable } from 'rxjs';
import { createRequest } from '../request/create-request';
import type { Progress, ProgressOptions } from '../request/progress';
import type { RegistryResponse } from '../request/registry-response';
import { sendWithProgress } from '../request/send';
import type { OperationContext } from './operation-context';
import { tarballSource, type TarballInput } from './tarball-source';

/**
 * PUTs a file (a path, Buffer or Readable) to `where`, streamed. A path or
 * Buffer can be sent again on a retry or redirect; a Readable only once.
 */
export function upload(ctx: OperationContext, where: string, file: TarballInput, etag?: string, nofollow?: boolean, options: ProgressOptions = {}): Observable<Progress | RegistryResponse> {
  return defer(() => from(tarballSource(file))).pipe(
    mergeMap((source) => {
      const base = createRequest(ctx.config, 'PUT', where, undefined, etag, nofollow);
      const req =
        source.kind === 'replayable'
          ? base.clone({ body: source.open, setHeaders: { 'content-type': 'application/octet-stream', 'content-length': String(source.size) } })
          : base.clone({ body: source.stream, setHeaders: { 'content-type': 'application/octet-stream' } });
      return sendWithProgress(ctx.handle, options.reportProgress ? req.clone({ reportProgress: true }) : req, ctx.session.secrets);
    }),
  );
}
