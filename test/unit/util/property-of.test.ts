import { propertyOf } from '../../../src/util/property-of';

describe('propertyOf', () => {
  it('reads own and inherited properties, as value[key] does', () => {
    const error = Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    expect(propertyOf(error, 'code')).toBe('ECONNRESET');
    expect(propertyOf(error, 'message')).toBe('reset');
    expect(propertyOf(new Map(), 'get')).toBe(Map.prototype.get);
  });

  it('finds nothing in null, undefined or a primitive, where value[key] would throw or box', () => {
    for (const value of [null, undefined, 'text', 42, true]) expect(propertyOf(value, 'length')).toBeUndefined();
  });
});
