import type { Readable } from 'node:stream';

/**
 * Makes a fresh stream of the same bytes for each attempt, so a streamed body
 * (a tarball on disk) can be retried, redirected or repeated with an OTP.
 */
export type BodyFactory = () => Readable;

/** What a request may carry once encoded: objects are turned into JSON before this point. */
export type RequestBody = string | Buffer | Readable | BodyFactory;

/** `buffer`: the transport collects the body; `stream`: a 2xx body arrives as chunks in download-progress events. */
export type ResponseType = 'buffer' | 'stream';

export interface RequestInit {
  readonly method: string;
  /** Absolute URL. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: RequestBody;
  /** Do not follow 3xx responses; emit them as they are. */
  readonly nofollow?: boolean;
  /** Emit upload/download progress events on the way out of the transport. */
  readonly reportProgress?: boolean;
  readonly responseType?: ResponseType;
  /** How many redirects led to this request. */
  readonly redirects?: number;
  /** The package the request is about, for error messages. */
  readonly pkgid?: string;
}

export interface RequestUpdate {
  readonly method?: string;
  readonly url?: string;
  readonly body?: RequestBody | undefined;
  readonly redirects?: number;
  readonly reportProgress?: boolean;
  readonly responseType?: ResponseType;
  /** Headers to add or replace; names are lower-cased. */
  readonly setHeaders?: Readonly<Record<string, string>>;
  readonly deleteHeaders?: readonly string[];
}

function lowerCaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}

/**
 * An HTTP request to the registry as an immutable value. Interceptors never
 * change one: they pass a `clone()` with their changes down the chain.
 */
export class RegistryRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: RequestBody | undefined;
  readonly nofollow: boolean;
  readonly reportProgress: boolean;
  readonly responseType: ResponseType;
  readonly redirects: number;
  readonly pkgid: string | undefined;

  constructor(init: RequestInit) {
    this.method = init.method.toUpperCase();
    this.url = init.url;
    this.headers = Object.freeze(lowerCaseKeys(init.headers ?? {}));
    this.body = init.body;
    this.nofollow = init.nofollow ?? false;
    this.reportProgress = init.reportProgress ?? false;
    this.responseType = init.responseType ?? 'buffer';
    this.redirects = init.redirects ?? 0;
    this.pkgid = init.pkgid;
    Object.freeze(this);
  }

  /** A write is anything that is not GET or HEAD: it always carries credentials. */
  get isWrite(): boolean {
    return this.method !== 'GET' && this.method !== 'HEAD';
  }

  clone(update: RequestUpdate = {}): RegistryRequest {
    const headers = { ...this.headers, ...lowerCaseKeys(update.setHeaders ?? {}) };
    for (const name of update.deleteHeaders ?? []) delete headers[name.toLowerCase()];
    return new RegistryRequest({
      method: update.method ?? this.method,
      url: update.url ?? this.url,
      headers,
      body: 'body' in update ? update.body : this.body,
      nofollow: this.nofollow,
      reportProgress: update.reportProgress ?? this.reportProgress,
      responseType: update.responseType ?? this.responseType,
      redirects: update.redirects ?? this.redirects,
      pkgid: this.pkgid,
    });
  }
}
