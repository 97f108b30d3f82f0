import { isDistTagName } from '../../../src/spec/is-dist-tag-name';

describe('isDistTagName', () => {
  it.each(['latest', 'next', 'beta-2', 'v-next', 'rc_1'])('takes %s', (tag) => {
    expect(isDistTagName(tag)).toBe(true);
  });

  it.each([
    ['a range', '1.x'],
    ['a version', '1.0.0'],
    ['a version with a v', 'v1.0.0'],
    ['a range operator', '>=2'],
    ['a slash', 'feature/x'],
    ['a space', 'my tag'],
    ['a percent sign', '100%'],
    ['nothing', ''],
    ['not a string', 1],
  ])('refuses %s', (_case, tag) => {
    expect(isDistTagName(tag)).toBe(false);
  });
});
