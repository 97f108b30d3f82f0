/** How far a transfer has got, emitted before the result when `reportProgress` is set. */
export interface Progress {
  readonly type: 'progress';
  readonly loaded: number;
  /** Absent when the length is not known in advance (a stream). */
  readonly total?: number;
}

export interface ProgressOptions {
  /** Emit `Progress` values before the result. */
  readonly reportProgress?: boolean;
}

export function isProgress(value: unknown): value is Progress {
  return typeof value === 'object' && value !== null && 'type' in value && value.type === 'progress';
}
