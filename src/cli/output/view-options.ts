import type { CliContext } from '../context';
import type { ViewOptions } from '../view/format-view';

/**
 * How `view` prints, decided as npm decides it: colors (only without --json),
 * the default tag (npm's `tag` setting), npm's `unicode` setting, and the
 * size of the registry's answer, which npm shows as `_contentLength` in JSON.
 */
export function viewOptions(ctx: CliContext, { json, raw }: { json: boolean; raw?: string }): ViewOptions {
  return {
    json,
    color: ctx.color && !json,
    now: new Date(),
    columns: ctx.stdout.columns,
    tag: ctx.tag,
    unicode: ctx.config.flat.unicode === true,
    contentLength: raw === undefined ? undefined : Buffer.byteLength(raw),
  };
}
