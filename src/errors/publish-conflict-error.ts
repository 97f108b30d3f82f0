import { HttpError, type HttpErrorDetails } from './http-error';

/** The version being published exists already (EPUBLISHCONFLICT); nothing was overwritten. */
export class PublishConflictError extends HttpError {
  declare readonly code: 'EPUBLISHCONFLICT';
  readonly version: string;

  constructor(version: string, details: HttpErrorDetails) {
    super(`cannot publish ${details.pkgid}@${version} over the version already published`, details, 'EPUBLISHCONFLICT');
    this.version = version;
  }
}
