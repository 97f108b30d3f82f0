import { RegistryError } from './registry-error';

/** File-system codes that say the cache folder cannot be one: a path in it is a file, or it may not be entered. */
const UNUSABLE_FOLDER_CODES: ReadonlySet<string> = new Set(['ENOTDIR', 'EEXIST', 'EACCES', 'EPERM']);

/** The `code` a file-system error carries, if it carries one. */
function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

/** Whether `error` says the cache folder is unusable (as opposed to one entry being unreadable). */
export function isUnusableFolder(error: unknown): boolean {
  const code = codeOf(error);
  return typeof code === 'string' && UNUSABLE_FOLDER_CODES.has(code);
}

/**
 * The `cache` folder cannot be used (it is a file, or is not readable), so a
 * `get` cannot read through it (ECACHE). The file-system error is the `cause`.
 *
 * @example
 * client.get('/rxjs').subscribe({ error: (err) => err instanceof CacheError && console.error(`fix ${err.folder}`) });
 */
export class CacheError extends RegistryError {
  declare readonly code: 'ECACHE';
  readonly folder: string;

  constructor(folder: string, cause: unknown) {
    const code = codeOf(cause);
    super('ECACHE', `The cache folder ${folder} cannot be used${typeof code === 'string' ? ` (${code})` : ''}: point "cache" at a folder rxnpm may write`, { cause });
    this.folder = folder;
  }
}
