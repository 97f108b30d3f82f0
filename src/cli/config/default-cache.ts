import { isAbsolute, join } from 'node:path';

/**
 * rxnpm's own cache folder under the user's cache directory:
 * `$XDG_CACHE_HOME/rxnpm`, else `~/.cache/rxnpm` (`%LOCALAPPDATA%\rxnpm` on
 * Windows). Never npm's `_cacache`: the two tools keep separate caches.
 */
export function defaultCacheFolder(env: NodeJS.ProcessEnv, home: string, platform: NodeJS.Platform): string {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'rxnpm');
  if (platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'rxnpm');
  return join(home, '.cache', 'rxnpm');
}
