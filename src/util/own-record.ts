/**
 * The own enumerable properties of a parsed JSON object, in an object without
 * a prototype, or an empty one when `value` is not a plain object. Lookups by
 * a key the registry chose (`versions[tag]`) then find only what the document
 * holds: `constructor` or `__proto__` cannot reach `Object.prototype`.
 *
 * @example ownRecord({ latest: '1.0.0' }).constructor === undefined
 */
export function ownRecord<T = unknown>(value: unknown): Record<string, T> {
  const out: Record<string, T> = Object.create(null);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [key, item] of Object.entries(value)) out[key] = item;
  return out;
}

/** The value of an own property of a parsed JSON object, never an inherited one. */
export function ownValue(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
  const item: unknown = Reflect.get(value, key);
  return item;
}
