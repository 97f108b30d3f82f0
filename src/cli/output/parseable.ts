import type { CliContext } from '../context';

/** npm's `--parseable` (`-p`): results as tab-separated lines instead of text. */
export function parseable(ctx: Pick<CliContext, 'config'>): boolean {
  return ctx.config.get('parseable') === true;
}
