import semver from 'semver';

/**
 * Whether `tag` can name a dist-tag: npm refuses a tag that reads as a
 * version range (`name@1.x` must keep meaning a range) or that a URL would
 * have to escape.
 *
 * @example isDistTagName('next') === true && isDistTagName('1.x') === false
 */
export function isDistTagName(tag: unknown): tag is string {
  return typeof tag === 'string' && tag !== '' && semver.validRange(tag) === null && encodeURIComponent(tag) === tag;
}
