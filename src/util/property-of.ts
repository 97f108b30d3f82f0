/**
 * `value[key]` of a value whose type nothing vouches for (a caught error, a
 * caller's JavaScript object, parsed JSON), typed as what it is: `unknown`.
 * Inherited properties count, as with `value[key]`; a primitive, `null` or
 * `undefined` has none.
 *
 * @example propertyOf(caught, 'code') === 'ENOENT'
 */
export function propertyOf(value: unknown, key: string): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return undefined;
  return Reflect.get(value, key);
}
