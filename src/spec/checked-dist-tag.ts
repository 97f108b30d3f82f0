import { UsageError } from '../errors/usage-error';
import { isDistTagName } from './is-dist-tag-name';

/**
 * `tag`, if it can name a dist-tag (see `isDistTagName`); EUSAGE otherwise,
 * so an operation refuses it before anything is sent.
 *
 * @example checkedDistTag('next') === 'next' // checkedDistTag('1.x') throws
 */
export function checkedDistTag(tag: unknown): string {
  if (!isDistTagName(tag)) throw new UsageError(`${JSON.stringify(tag)} cannot be a dist-tag (it reads as a version range or is not URL-safe)`);
  return tag;
}
