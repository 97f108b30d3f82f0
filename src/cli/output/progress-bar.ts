import type { SingleBar } from 'cli-progress';
import { defer, filter, finalize, from, mergeMap, of, tap, type OperatorFunction } from 'rxjs';
import { isProgress, type Progress } from '../../index';
import { formatBytes } from '../view/format-bytes';

/**
 * Draws the `Progress` values of a transfer as a bar on stderr (when `show`)
 * and passes everything else on. The bar is cleared as soon as the result
 * arrives, and when the transfer fails or is cancelled.
 */
export function progressBar<T>(show: boolean, label: string, stream: NodeJS.WritableStream): OperatorFunction<T | Progress, T> {
  return (source) =>
    // cli-progress is loaded only where a bar may be drawn (a terminal), before the transfer starts.
    defer(() => (show ? from(import('cli-progress')) : of(undefined))).pipe(
      mergeMap((bars) => {
        let bar: SingleBar | undefined;
        const draw = (progress: Progress): void => {
          if (!bars) return;
          const total = progress.total ?? 0;
          if (!bar) {
            const format = total > 0 ? `${label} [{bar}] {percentage}% {done} of {size}` : `${label} {done}`;
            bar = new bars.SingleBar({ format, stream, clearOnComplete: true, hideCursor: true, barsize: 30, fps: 10 });
            bar.start(Math.max(total, 1), 0, { done: formatBytes(0), size: formatBytes(total) });
          }
          bar.update(total > 0 ? progress.loaded : 0, { done: formatBytes(progress.loaded), size: formatBytes(total) });
        };
        // The bar goes before anything else is printed: the result, an error, or nothing after an unsubscribe.
        const clear = (): void => {
          bar?.stop();
          bar = undefined;
        };
        return source.pipe(
          tap({
            next: (value) => (isProgress(value) ? draw(value) : clear()),
            error: clear,
            complete: clear,
          }),
          filter((value): value is T => !isProgress(value)),
          finalize(clear),
        );
      }),
    );
}
