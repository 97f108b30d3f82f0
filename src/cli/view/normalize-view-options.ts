import type { ViewOptions } from './format-view';

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

export const VIEW_DEFAULTS = { columns: 80, tag: 'latest', unicode: false } as const;

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
