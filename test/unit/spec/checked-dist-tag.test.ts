import { UsageError } from '../../../src/errors/usage-error';
import { checkedDistTag } from '../../../src/spec/checked-dist-tag';

describe('checkedDistTag', () => {
  it('gives back a tag that can name a dist-tag', () => {
    expect(checkedDistTag('next')).toBe('next');
  });

  it.each(['1.x', '^1', '1.0.0', 'a/b', '', 42])('refuses %j with EUSAGE, saying why', (tag) => {
    expect(() => checkedDistTag(tag)).toThrow(new UsageError(`${JSON.stringify(tag)} cannot be a dist-tag (it reads as a version range or is not URL-safe)`));
  });
});
