import { DEFAULTS } from '../../index';

/** How `view` prints; the CLI decides each from its flags, the terminal and the environment. */
export interface ViewOptions {
  /** `--json`. */
  json: boolean;
  /** Colors, as npm uses them: on when stdout is a terminal (or `--color always`) and `NO_COLOR` is unset. */
  color: boolean;
  /** now, for "published 3 days ago" */
  now: Date;
  /**
   * terminal width for wrapping, default 80. npm 11's `view` wraps nothing to
   * the terminal (values go through `util.inspect`, which breaks at 80
   * columns whatever the width), so this is accepted and not used.
   */
  columns?: number;
  /** The dist-tag meant when the spec names no version (npm's `tag` setting). Default `latest`. */
  tag?: string;
  /**
   * npm's `unicode` setting, for the DEPRECATED line of the summary. npm turns
   * it on when `LC_ALL`, `LC_CTYPE` or `LANG` (the first one set) ends in
   * `UTF-8`. Default `false`.
   */
  unicode?: boolean;
  /**
   * The length in bytes of the packument response (e.g. `Buffer.byteLength(response.raw)`).
   * npm's fetcher adds it to the packument as `_contentLength`, so it shows in
   * `--json` output without fields; without it, that key is absent.
   */
  contentLength?: number;
}

/** `ViewOptions` with every setting decided. */
export interface NormalizedViewOptions {
  readonly json: boolean;
  readonly color: boolean;
  readonly now: Date;
  readonly columns: number;
  readonly tag: string;
  readonly unicode: boolean;
  readonly contentLength?: number;
}

const VIEW_DEFAULTS = { columns: 80, tag: DEFAULTS.tag, unicode: false } as const;

export function normalizeViewOptions(options: ViewOptions): NormalizedViewOptions {
  return {
    json: options.json,
    color: options.color,
    now: options.now,
    columns: options.columns ?? VIEW_DEFAULTS.columns,
    tag: options.tag ?? VIEW_DEFAULTS.tag,
    unicode: options.unicode ?? VIEW_DEFAULTS.unicode,
    contentLength: options.contentLength,
  };
}
