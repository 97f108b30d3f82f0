/** A property of whatever was thrown; anything can be, so nothing is taken for granted. */
export function factOf(error: unknown, key: string): unknown {
  return typeof error === 'object' && error !== null ? Reflect.get(error, key) : undefined;
}

/** A property of whatever was thrown, when it is a string. */
export function textOf(error: unknown, key: string): string | undefined {
  const value = factOf(error, key);
  return typeof value === 'string' ? value : undefined;
}
