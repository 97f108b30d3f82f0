import type { ErrorCode } from './error-code';

/** What an error knows about the request that failed; every field is safe to print. */
export interface RegistryErrorDetails {
  readonly method?: string;
  /** The request URL with any credentials removed. */
  readonly url?: string;
  readonly statusCode?: number;
  /** The parsed response body, or its text when it was not JSON. */
  readonly body?: unknown;
  /** The package the request was about, e.g. `@scope/name`, when the URL names one. */
  readonly pkgid?: string;
  readonly cause?: unknown;
}

/**
 * The base of every error rxnpm emits. `code` is stable and meant for programs
 * (each is listed, with what to do, in `ERROR_CODES`); `message` is for
 * people. Errors are emitted on the error channel only.
 *
 * @example
 * client.request('GET', '/nope').subscribe({
 *   error: (err) => { if (err instanceof RegistryError && err.code === 'E404') … },
 * });
 */
export class RegistryError extends Error {
  readonly code: ErrorCode;
  readonly method?: string;
  readonly url?: string;
  readonly statusCode?: number;
  readonly body?: unknown;
  readonly pkgid?: string;

  constructor(code: ErrorCode, message: string, details: RegistryErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = code;
    this.method = details.method;
    this.url = details.url;
    this.statusCode = details.statusCode;
    this.body = details.body;
    this.pkgid = details.pkgid;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      method: this.method,
      url: this.url,
      statusCode: this.statusCode,
      body: this.body,
      pkgid: this.pkgid,
    };
  }
}
