import { checkedPackageName } from '../../../src/spec/checked-package-name';

describe('checkedPackageName', () => {
  it('gives back a name a package can have, scoped or not', () => {
    expect(checkedPackageName('left-pad')).toBe('left-pad');
    expect(checkedPackageName('@scope/pkg', { forNew: true })).toBe('@scope/pkg');
  });

  it('holds names being published to the stricter rules', () => {
    expect(checkedPackageName('JSONStream')).toBe('JSONStream');
    expect(() => checkedPackageName('JSONStream', { forNew: true })).toThrow(expect.objectContaining({ code: 'EUSAGE' }));
  });
});
